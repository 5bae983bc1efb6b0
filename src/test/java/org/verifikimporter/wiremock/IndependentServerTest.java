package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.e2e.ImporterHarness.row;
import static org.verifikimporter.wiremock.VerifikStubs.FLOW;
import static org.verifikimporter.wiremock.VerifikStubs.PROJECT;
import static org.verifikimporter.wiremock.VerifikStubs.TOKEN;
import static org.verifikimporter.wiremock.VerifikStubs.anyCreate;
import static org.verifikimporter.wiremock.VerifikStubs.createFor;
import static org.verifikimporter.wiremock.VerifikStubs.createdFor;
import static org.verifikimporter.wiremock.VerifikStubs.parse;
import static org.verifikimporter.wiremock.VerifikStubs.shapeA;
import static org.verifikimporter.wiremock.VerifikStubs.shapeB;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.e2e.ImporterHarness;

/**
 * `run` against a server that is not the project's simulator and only speaks the documented API: what
 * reaches it, byte for byte, and what the reports say.
 */
class IndependentServerTest {

    static final String HEADER = "identifier,project,Project Flow,type,expiresAt,redirectUrl,webhookUrl,requires2FA,"
            + "ipAddress,send_via_email,email,language,department\n";
    static final String SESSION_TOKEN = "sess-tok-9b8c7d6e5f4a";
    static final String B_URL = "https://access.verifik.co/biometric/validation/bv-b-bob";

    @TempDir
    Path tmp;
    WireMockServer wireMock;
    ImporterHarness h;

    @BeforeEach
    void start() {
        wireMock = VerifikStubs.start();
        h = VerifikStubs.harness(tmp, wireMock);
        wireMock.stubFor(createFor("ana@example.com").willReturn(shapeA("bv-a-ana")));
        wireMock.stubFor(createFor("+573001234567").willReturn(shapeA("bv-a-phone")));
        wireMock.stubFor(createFor("bob@example.com").willReturn(shapeB("bv-b-bob", B_URL, SESSION_TOKEN)));
        wireMock.stubFor(createFor("carl@example.com").willReturn(shapeA("bv-a-carl")));
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    /** The cells of one row: identifier, project, flow, type, then the optional fields, then department. */
    static String line(String identifier, String project, String type, String expiresAt, String redirectUrl,
                       String webhookUrl, String requires2fa, String ip, String sendViaEmail, String email,
                       String language, String department) {
        return row(identifier, project, FLOW, type, expiresAt, redirectUrl, webhookUrl, requires2fa, ip, sendViaEmail,
                email, language, department);
    }

    static String minimal(String identifier, String type) {
        return line(identifier, PROJECT, type, "", "", "", "", "", "", "", "", "Ops");
    }

    @Test
    void createsOneValidationPerValidRowWithExactJsonAndReportsTheRest() throws Exception {
        String tooLong = "x".repeat(257);
        h.drop("people.csv", HEADER
                // row 2: every field, with the spellings people use
                + line("ana@example.com", PROJECT, "onboarding", "2099-06-30T18:00:00-05:00", "https://example.com/done?x=1&y=2",
                        "https://hooks.example.com/verifik", "yes", "203.0.113.7", "1", "ana@example.com", "ES", "Sales")
                // row 3: only the required cells; every optional one empty
                + minimal("+573001234567", "login")
                // row 4: false booleans, IPv6, en, a UTC expiry; answered in shape B
                + line("bob@example.com", PROJECT, "oneTimeLink", "2099-01-01T00:00:00Z", "", "", "FALSE", "2001:db8::7",
                        "no", "", "en", "IT")
                // row 5: http redirect, http webhook to loopback
                + line("carl@example.com", PROJECT, "validation", "", "http://localhost:8080/back", "http://127.0.0.1:9000/hook",
                        "", "", "", "", "", "HR")
                // rows 6..: rejected before any call
                + line("", PROJECT, "login", "", "", "", "", "", "", "", "", "r6")                                  // 6
                + minimal("dora@example.com", "Registration")                                                      // 7
                + line("eve@example.com", PROJECT, "login", "", "", "", "maybe", "", "", "", "", "r8")               // 8
                + line("fay@example.com", PROJECT, "login", "2020-01-01T00:00:00Z", "", "", "", "", "", "", "", "r9") // 9
                + line("gus@example.com", PROJECT, "login", "next tuesday", "", "", "", "", "", "", "", "r10")      // 10
                + line("hal@example.com", PROJECT, "login", "", "", "http://hooks.example.com/x", "", "", "", "", "", "r11") // 11
                + line("ivy@example.com", PROJECT, "login", "", "", "", "", "300.1.2.3", "", "", "", "r12")         // 12
                + line("jon@example.com", PROJECT, "login", "", "", "", "", "", "true", "", "", "r13")              // 13
                + line("kim@example.com", PROJECT, "login", "", "", "", "", "", "", "kim-at-example", "", "r14")    // 14
                + line("lea@example.com", PROJECT, "login", "", "", "", "", "", "", "", "fr", "r15")                // 15
                + line("ana@example.com", PROJECT, "onboarding", "", "", "", "", "", "", "", "", "dup")            // 16
                + row("mia@example.com", PROJECT, FLOW, "login")                                                   // 17
                + minimal(tooLong, "login")                                                                        // 18
                + line("ned@example.com", "", "login", "", "", "", "", "", "", "", "", "r19"));                     // 19

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);

        // exactly one POST per valid row, nothing else
        wireMock.verify(exactly(4), anyCreate());
        for (String id : List.of("ana@example.com", "+573001234567", "bob@example.com", "carl@example.com")) {
            wireMock.verify(exactly(1), createdFor(id));
        }

        // the exact JSON of each body
        wireMock.verify(createdFor("ana@example.com").withRequestBody(equalToJson("{\"project\":\"" + PROJECT
                + "\",\"projectFlow\":\"" + FLOW + "\",\"identifier\":\"ana@example.com\",\"type\":\"onboarding\","
                + "\"expiresAt\":\"2099-06-30T23:00:00Z\",\"redirectUrl\":\"https://example.com/done?x=1&y=2\","
                + "\"webhookUrl\":\"https://hooks.example.com/verifik\",\"requires2FA\":true,\"ipAddress\":\"203.0.113.7\","
                + "\"sendViaEmail\":true,\"email\":\"ana@example.com\",\"language\":\"es\"}", false, false)));
        wireMock.verify(createdFor("+573001234567").withRequestBody(equalToJson("{\"project\":\"" + PROJECT
                + "\",\"projectFlow\":\"" + FLOW + "\",\"identifier\":\"+573001234567\",\"type\":\"login\"}", false, false)));
        wireMock.verify(createdFor("bob@example.com").withRequestBody(equalToJson("{\"project\":\"" + PROJECT
                + "\",\"projectFlow\":\"" + FLOW + "\",\"identifier\":\"bob@example.com\",\"type\":\"oneTimeLink\","
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"requires2FA\":false,\"ipAddress\":\"2001:db8::7\","
                + "\"sendViaEmail\":false,\"language\":\"en\"}", false, false)));
        wireMock.verify(createdFor("carl@example.com").withRequestBody(equalToJson("{\"project\":\"" + PROJECT
                + "\",\"projectFlow\":\"" + FLOW + "\",\"identifier\":\"carl@example.com\",\"type\":\"validation\","
                + "\"redirectUrl\":\"http://localhost:8080/back\",\"webhookUrl\":\"http://127.0.0.1:9000/hook\"}",
                false, false)));

        List<LoggedRequest> posts = wireMock.findAll(anyCreate());
        for (LoggedRequest p : posts) {
            String raw = p.getBodyAsString();
            JsonNode body = parse(raw);
            // JSON types: booleans are booleans, every other field a non-empty string; nothing empty or null
            body.fields().forEachRemaining(e -> {
                if (e.getKey().equals("requires2FA") || e.getKey().equals("sendViaEmail")) {
                    assertThat(e.getValue().isBoolean()).as(e.getKey() + " in " + raw).isTrue();
                } else {
                    assertThat(e.getValue().isTextual()).as(e.getKey() + " in " + raw).isTrue();
                    assertThat(e.getValue().asText()).as(e.getKey() + " in " + raw).isNotBlank();
                }
            });
            assertThat(raw).doesNotContain("null").doesNotContain("\"\"").doesNotContain("department")
                    .doesNotContain("\"true\"").doesNotContain("\"false\"");
            if (body.has("expiresAt")) {
                assertThat(body.get("expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
            }

            // headers
            assertThat(p.getMethod().getName()).isEqualTo("POST");
            assertThat(p.getUrl()).isEqualTo("/v2/biometric-validations");
            assertThat(p.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(p.getHeader("Content-Type")).matches("application/json(;\\s*charset=(?i:utf-8))?");
            List<String> names = new ArrayList<>();
            for (HttpHeader header : p.getHeaders().all()) {
                names.add(header.key());
            }
            assertThat(names).noneMatch(n -> n.toLowerCase().startsWith("camel"));
            assertThat(names).noneMatch(n -> n.equalsIgnoreCase("department") || n.equalsIgnoreCase("identifier"));
        }
        // the optional fields a row left empty are not there at all
        JsonNode phone = parse(wireMock.findAll(createdFor("+573001234567")).get(0).getBodyAsString());
        assertThat(phone.size()).isEqualTo(4);
        assertThat(phone.has("language")).isFalse();
        assertThat(phone.has("sendViaEmail")).isFalse();
        assertThat(phone.has("email")).isFalse();

        // created.csv: the ids from both shapes, the url from shape B
        Path dir = h.onlyReportDir();
        Map<String, Map<String, String>> created = VerifikStubs.index(csv(dir.resolve("created.csv")), c -> c.get("row"));
        assertThat(created.keySet()).containsExactlyInAnyOrder("2", "3", "4", "5");
        assertThat(created.get("2")).containsEntry("validationId", "bv-a-ana").containsEntry("status", "new")
                .containsEntry("url", "").containsEntry("attempts", "1").containsEntry("identifier", "ana@example.com")
                .containsEntry("project", PROJECT).containsEntry("projectFlow", FLOW).containsEntry("type", "onboarding");
        assertThat(created.get("3")).containsEntry("validationId", "bv-a-phone").containsEntry("identifier", "'+573001234567");
        assertThat(created.get("4")).containsEntry("validationId", "bv-b-bob").containsEntry("status", "new")
                .containsEntry("url", B_URL).containsEntry("attempts", "1").containsEntry("type", "oneTimeLink");
        assertThat(created.get("5")).containsEntry("validationId", "bv-a-carl");

        // failed.csv: the local codes, no call made
        Map<String, Map<String, String>> failed = VerifikStubs.index(csv(dir.resolve("failed.csv")), f -> f.get("row"));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("6", "MISSING_FIELD"), Map.entry("7", "INVALID_TYPE"), Map.entry("8", "INVALID_BOOLEAN"),
                Map.entry("9", "EXPIRES_AT_IN_PAST"), Map.entry("10", "INVALID_EXPIRES_AT"), Map.entry("11", "INVALID_URL"),
                Map.entry("12", "INVALID_IP_ADDRESS"), Map.entry("13", "EMAIL_REQUIRED"), Map.entry("14", "INVALID_EMAIL"),
                Map.entry("15", "INVALID_LANGUAGE"), Map.entry("16", "DUPLICATE_ROW"), Map.entry("17", "MALFORMED_ROW"),
                Map.entry("18", "FIELD_TOO_LONG"), Map.entry("19", "MISSING_FIELD"));
        assertThat(failed.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((rowNumber, code) -> assertThat(failed.get(rowNumber)).as("row " + rowNumber)
                .containsEntry("errorCode", code).containsEntry("attempts", "0").containsEntry("httpStatus", "")
                .containsEntry("retryable", "false"));
        assertThat(failed.get("8").get("errorMessage")).contains("maybe");
        assertThat(failed.get("8")).containsEntry("department", "r8");
        assertThat(ImporterHarness.header(dir.resolve("failed.csv"))).startsWith("identifier", "project", "Project Flow");

        JsonNode summary = ImporterHarness.summary(dir);
        assertThat(summary.at("/rows/total").asInt()).isEqualTo(18);
        assertThat(summary.at("/rows/created").asInt()).isEqualTo(4);
        assertThat(summary.at("/rows/failed").asInt()).isEqualTo(14);
        assertThat(summary.at("/failures/MISSING_FIELD").asInt()).isEqualTo(2);

        // shape B's session token is a credential: not in any report, not in the output or the logs
        for (Path f : h.filesUnder(h.outbox)) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain(SESSION_TOKEN);
        }
        assertThat(r.out() + r.err() + r.logs()).doesNotContain(SESSION_TOKEN).doesNotContain(TOKEN);

        assertThat(h.filesUnder(h.inbox)).isEmpty();
        assertThat(h.archive.resolve(LocalDate.now(ZoneOffset.UTC).toString()).resolve("people.csv")).exists();
    }

    @Test
    void anyTwoHundredAnswerInEitherShapeIsACreatedRow() throws Exception {
        wireMock.stubFor(createFor("a1@example.com").willReturn(VerifikStubs.json(202,
                "{\"success\":true,\"data\":{\"_id\":\"bv-202\",\"status\":\"new\"}}")));
        wireMock.stubFor(createFor("a2@example.com").willReturn(VerifikStubs.json(200,
                "{\"data\":{\"biometricValidation\":{\"_id\":\"bv-200-b\",\"status\":\"new\"},\"token\":\"" + SESSION_TOKEN + "\"}}")));
        h.drop("ok.csv", VerifikStubs.file("a1@example.com", "a2@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        wireMock.verify(exactly(2), anyCreate());
        Map<String, Map<String, String>> created = VerifikStubs.byIdentifier(csv(h.onlyReportDir().resolve("created.csv")));
        assertThat(created.get("a1@example.com")).containsEntry("validationId", "bv-202");
        assertThat(created.get("a2@example.com")).containsEntry("validationId", "bv-200-b").containsEntry("url", "");
        wireMock.verify(anyCreate().withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }
}

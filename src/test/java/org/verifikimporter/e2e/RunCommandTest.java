package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.F_ONBOARDING;
import static org.verifikimporter.e2e.ImporterHarness.F_P2_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.P2;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.e2e.ImporterHarness.row;
import static org.verifikimporter.e2e.ImporterHarness.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.verifikimporter.simulator.RecordedRequest;

/** `run` against the simulator on a temp inbox: what reached the server, the reports, moves, exit codes. */
class RunCommandTest extends AgainstSimulator {

    static final String TOKEN = "e2e-token-7f3a9c";
    static final String HEADER = "identifier,email,project,projectFlow,type,sendViaEmail,language,requires2FA,department\n";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    String token() {
        return TOKEN;
    }

    List<RecordedRequest> posts() {
        return sim.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    @Test
    void importsAFileCreatingOneValidationPerValidRowAndReportingTheRest() throws Exception {
        h.drop("users.csv", HEADER
                + row("ana@example.com", "ana@example.com", P1, F_ONBOARDING, "onboarding", "yes", "ES", "no", "Ops")
                + row("+573001234567", "", P1, F_LOGIN, "login", "", "", "", "Support")
                + row("carl@example.com", "", P2, F_P2_LOGIN, "login", "no", "", "TRUE", "IT")
                + row("dora@example.com", "", "", F_LOGIN, "login", "", "", "", "HR")                 // row 5: no project
                + row("eve@example.com", "", P1, F_P2_LOGIN, "login", "", "", "", "HR")              // row 6: flow of P2
                + row("ana@example.com", "ana@example.com", P1, F_ONBOARDING, "onboarding", "", "", "", "dup")); // row 7

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        // exactly the valid rows and the one only Verifik can reject reached the server, each once
        List<RecordedRequest> posts = posts();
        assertThat(posts).hasSize(4);
        for (RecordedRequest p : posts) {
            assertThat(p.path()).isEqualTo("/v2/biometric-validations");
            assertThat(p.header("authorization")).contains("Bearer " + TOKEN);
            assertThat(p.header("content-type").orElseThrow()).startsWith("application/json");
            assertThat(p.headers().keySet()).noneMatch(k -> k.toLowerCase().startsWith("camel"));
        }
        Map<String, JsonNode> bodies = posts.stream().map(p -> parse(p.body()))
                .collect(Collectors.toMap(b -> b.get("identifier").asText(), b -> b));
        assertThat(bodies.get("ana@example.com").toString()).isEqualTo("{\"project\":\"" + P1 + "\",\"projectFlow\":\""
                + F_ONBOARDING + "\",\"identifier\":\"ana@example.com\",\"type\":\"onboarding\",\"requires2FA\":false,"
                + "\"sendViaEmail\":true,\"email\":\"ana@example.com\",\"language\":\"es\"}");
        assertThat(bodies.get("+573001234567").toString()).isEqualTo("{\"project\":\"" + P1 + "\",\"projectFlow\":\""
                + F_LOGIN + "\",\"identifier\":\"+573001234567\",\"type\":\"login\"}");
        assertThat(bodies.get("carl@example.com").get("requires2FA").isBoolean()).isTrue();
        assertThat(bodies.get("carl@example.com").get("sendViaEmail").asBoolean()).isFalse();

        Path dir = h.onlyReportDir();
        assertThat(dir.getFileName().toString()).matches("users-\\d{8}T\\d{6}Z");
        List<Map<String, String>> created = csv(dir.resolve("created.csv"));
        assertThat(ImporterHarness.header(dir.resolve("created.csv"))).containsExactly("row", "identifier", "project",
                "projectFlow", "type", "validationId", "status", "url", "attempts", "createdAt");
        assertThat(created).extracting(c -> c.get("row")).containsExactlyInAnyOrder("2", "3", "4");
        Set<String> serverIds = sim.validations().stream().map(v -> v.id()).collect(Collectors.toSet());
        assertThat(created).extracting(c -> c.get("validationId")).containsExactlyInAnyOrderElementsOf(serverIds);
        Map<String, String> phone = created.stream().filter(c -> c.get("row").equals("3")).findFirst().orElseThrow();
        assertThat(phone.get("identifier")).isEqualTo("'+573001234567"); // guarded against formula injection
        assertThat(phone.get("status")).isEqualTo("new");
        assertThat(phone.get("url")).startsWith("https://access.verifik.co/");
        assertThat(phone.get("attempts")).isEqualTo("1");

        List<Map<String, String>> failed = csv(dir.resolve("failed.csv"));
        assertThat(ImporterHarness.header(dir.resolve("failed.csv"))).containsExactly("identifier", "email", "project",
                "projectFlow", "type", "sendViaEmail", "language", "requires2FA", "department",
                "errorCode", "errorMessage", "httpStatus", "attempts", "row", "retryable");
        Map<String, Map<String, String>> byRow = failed.stream().collect(Collectors.toMap(f -> f.get("row"), f -> f));
        assertThat(byRow.keySet()).containsExactlyInAnyOrder("5", "6", "7");
        assertThat(byRow.get("5")).containsEntry("errorCode", "MISSING_FIELD").containsEntry("attempts", "0")
                .containsEntry("httpStatus", "").containsEntry("department", "HR").containsEntry("retryable", "false");
        assertThat(byRow.get("6")).containsEntry("errorCode", "INVALID_PROJECT_FLOW").containsEntry("httpStatus", "400")
                .containsEntry("attempts", "1");
        assertThat(byRow.get("7")).containsEntry("errorCode", "DUPLICATE_ROW");
        assertThat(byRow.get("7").get("errorMessage")).contains("row 2");

        JsonNode s = summary(dir);
        assertThat(s.get("file").asText()).isEqualTo("users.csv");
        assertThat(s.get("sha256").asText()).hasSize(64);
        assertThat(s.get("dryRun").asBoolean()).isFalse();
        assertThat(s.at("/rows/total").asInt()).isEqualTo(6);
        assertThat(s.at("/rows/created").asInt()).isEqualTo(3);
        assertThat(s.at("/rows/failed").asInt()).isEqualTo(3);
        assertThat(s.at("/rows/total").asInt()).isEqualTo(created.size() + failed.size());
        assertThat(s.get("failures").toString()).isEqualTo(
                "{\"DUPLICATE_ROW\":1,\"INVALID_PROJECT_FLOW\":1,\"MISSING_FIELD\":1}");

        // the input moved to the archive, under today's (UTC) date
        assertThat(h.filesUnder(h.inbox)).isEmpty();
        assertThat(h.archive.resolve(LocalDate.now(ZoneOffset.UTC).toString()).resolve("users.csv")).exists();
        assertThat(r.out()).contains("users.csv: 6 rows, 3 created, 3 failed").contains("exit 2");
    }

    @Test
    void aFileOfValidRowsExitsZero() throws Exception {
        h.drop("ok.CSV", HEADER + row("a@example.com", "", P1, F_LOGIN, "login", "", "", "", "x"));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(posts()).hasSize(1);
        assertThat(r.out()).contains("Result: every row was created");
    }

    @Test
    void runFinishesEveryFileOfThePollBeforeItExits() throws Exception {
        useSimulator(options().latencyMs(30));
        h.set("importer.concurrency", "4");
        StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = 0; i < 40; i++) {
            csv.append("slow").append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN).append(",login\n");
        }
        h.drop("one.csv", csv.toString());
        h.drop("two.csv", csv.toString().replace("slow", "later"));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.logs()).isZero();
        assertThat(sim.validations()).hasSize(80);
        assertThat(r.logs()).doesNotContain("interrupted");
        assertThat(h.filesUnder(h.inbox)).isEmpty();
    }

    @Test
    void anEmptyInboxIsNotAnError() {
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("No file to import");
        assertThat(sim.requests()).isEmpty();
        assertThat(h.inbox).isDirectory();
        assertThat(h.outbox).isDirectory();
    }

    @Test
    void spreadsheetRowNumbersSurviveBomCrlfBlankLinesAndMultiLineCells() throws Exception {
        String content = "\uFEFFidentifier,project,projectFlow,type,notes\r\n"
                + "a@example.com,," + F_LOGIN + ",login,\"two\r\nlines\"\r\n"   // row 2: no project
                + "\r\n"                                                       // row 3: blank, skipped
                + "b@example.com," + P1 + "," + F_LOGIN + ",login,ok\r\n"      // row 4
                + ",,,,\r\n"                                                   // row 5: only delimiters, skipped
                + "c@example.com," + P1 + "," + F_LOGIN + ",nope,x\r\n";       // row 6
        h.drop("excel.csv", content);
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        Path dir = h.onlyReportDir();
        assertThat(csv(dir.resolve("created.csv"))).extracting(c -> c.get("row")).containsExactly("4");
        List<Map<String, String>> failed = csv(dir.resolve("failed.csv"));
        assertThat(failed).extracting(f -> f.get("row") + ":" + f.get("errorCode"))
                .containsExactlyInAnyOrder("2:MISSING_FIELD", "6:INVALID_TYPE");
        assertThat(failed.stream().filter(f -> f.get("row").equals("2")).findFirst().orElseThrow().get("notes"))
                .isEqualTo("two\r\nlines");
        assertThat(ImporterHarness.header(dir.resolve("failed.csv")).get(0)).isEqualTo("identifier");
        assertThat(summary(dir).at("/rows/total").asInt()).isEqualTo(3);
    }

    @Test
    void aFailedReportCanBeFixedAndDroppedBackIn() throws Exception {
        h.drop("people.csv", "identifier,project,projectFlow,type\n"
                + "+573001112233,," + F_LOGIN + ",login\n"
                + "=cmd|' /C calc'!A0," + P1 + "," + F_LOGIN + ",nope\n");
        assertThat(h.run("run").exitCode()).isEqualTo(2);
        Path failedCsv = h.onlyReportDir().resolve("failed.csv");
        String text = Files.readString(failedCsv);
        assertThat(text).contains("'+573001112233").contains("'=cmd|");
        // the person fixes the cells in place (project filled in, type corrected) and drops the report back
        String fixed = text.replace("'+573001112233,,", "'+573001112233," + P1 + ",").replace(",nope,", ",login,");
        h.drop("people-fixed.csv", fixed);
        ImporterHarness.Result again = h.run("run");
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(0);
        assertThat(sim.validations()).extracting(v -> v.identifier())
                .containsExactlyInAnyOrder("+573001112233", "=cmd|' /C calc'!A0");
        // the report's own columns were not sent
        assertThat(posts()).allSatisfy(p -> assertThat(parse(p.body()).size()).isEqualTo(4));
    }

    @Test
    void rowFieldsCanComeFromConfiguredDefaults() throws Exception {
        h.env("IMPORTER_DEFAULTS_PROJECT", P1).env("IMPORTER_DEFAULTS_PROJECT_FLOW", F_LOGIN)
                .env("IMPORTER_DEFAULTS_TYPE", "login");
        h.drop("ids.csv", "identifier,type\nx1@example.com,\nx2@example.com,oneTimeLink\n");
        assertThat(h.run("run").exitCode()).isEqualTo(0);
        assertThat(posts()).extracting(p -> parse(p.body()).get("type").asText())
                .containsExactlyInAnyOrder("login", "oneTimeLink");
        assertThat(posts()).allSatisfy(p -> assertThat(parse(p.body()).get("project").asText()).isEqualTo(P1));
    }

    @Test
    void aFileWithNoUsableHeaderIsRejectedWithAReasonAndOtherFilesCarryOn() throws Exception {
        h.drop("a-bad.csv", "name,phone\nAna,123\n");
        h.drop("b-good.csv", "identifier,project,projectFlow,type\nz@example.com," + P1 + "," + F_LOGIN + ",login\n");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(h.rejected.resolve("a-bad.csv")).exists();
        assertThat(Files.readString(h.rejected.resolve("a-bad.csv.reason.txt")))
                .contains("no column of the header names an API field").contains("What to do");
        assertThat(posts()).hasSize(1);
        assertThat(h.reportDirs()).hasSize(1);
        assertThat(r.out()).contains("a-bad.csv: rejected").contains("exit 3");
    }

    @Test
    void anEmptyFileIsRejected() throws Exception {
        h.drop("empty.csv", "");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(Files.readString(h.rejected.resolve("empty.csv.reason.txt"))).contains("the file is empty");
    }

    @Test
    void aHeaderOnlyFileGivesAnEmptyReport() throws Exception {
        h.drop("none.csv", "identifier,project,projectFlow,type\n");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(summary(h.onlyReportDir()).at("/rows/total").asInt()).isZero();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

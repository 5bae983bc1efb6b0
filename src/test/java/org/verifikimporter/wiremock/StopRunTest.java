package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.wiremock.VerifikStubs.anyCreate;
import static org.verifikimporter.wiremock.VerifikStubs.json;
import static org.verifikimporter.wiremock.VerifikStubs.shapeA;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.verifikimporter.e2e.ImporterHarness;

/** 401, 402 and 403 mean the token or the account is the problem: the run stops after that one call. */
class StopRunTest {

    @TempDir
    Path tmp;
    WireMockServer wireMock;
    ImporterHarness h;

    @BeforeEach
    void start() {
        wireMock = VerifikStubs.start();
        h = VerifikStubs.harness(tmp, wireMock).set("importer.concurrency", "1").set("importer.max-attempts", "5");
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "401|Unauthorized|{\"code\":\"Unauthorized\",\"message\":\"jwt expired\"}",
            "402|INSUFFICIENT_CREDITS|{\"error\":\"Insufficient credits\",\"message\":\"INSUFFICIENT_CREDITS\"}",
            "403|Forbidden|{\"code\":\"Forbidden\",\"message\":\"the token may not use this project\"}"})
    void aStopStatusEndsTheRunAfterOneCallAndKeepsTheFile(int status, String code, String body) throws Exception {
        wireMock.stubFor(WireMock.post(WireMock.urlPathEqualTo(VerifikStubs.PATH)).willReturn(json(status, body)));
        Path input = h.drop("four.csv", VerifikStubs.file("s1@example.com", "s2@example.com", "s3@example.com",
                "s4@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
        wireMock.verify(exactly(1), anyCreate());
        String called = VerifikStubs.parse(wireMock.findAll(anyCreate()).get(0).getBodyAsString()).get("identifier").asText();

        Path dir = h.onlyReportDir();
        assertThat(csv(dir.resolve("created.csv"))).isEmpty();
        List<Map<String, String>> failed = csv(dir.resolve("failed.csv"));
        assertThat(failed).hasSize(4);
        Map<String, Map<String, String>> byId = VerifikStubs.byIdentifier(failed);
        assertThat(byId.get(called)).containsEntry("errorCode", code).containsEntry("httpStatus", Integer.toString(status))
                .containsEntry("attempts", "1").containsEntry("retryable", "true");
        assertThat(byId.get(called).get("errorMessage")).isNotBlank();
        byId.forEach((identifier, row) -> {
            if (!identifier.equals(called)) {
                assertThat(row).as(identifier).containsEntry("errorCode", "NOT_ATTEMPTED").containsEntry("attempts", "0")
                        .containsEntry("retryable", "true").containsEntry("httpStatus", "");
            }
        });
        JsonNode summary = ImporterHarness.summary(dir);
        assertThat(summary.at("/rows/total").asInt()).isEqualTo(4);
        assertThat(summary.at("/rows/failed").asInt()).isEqualTo(4);
        assertThat(summary.at("/failures/NOT_ATTEMPTED").asInt()).isEqualTo(3);

        // the input waits in the inbox for the next run; nothing archived or rejected
        assertThat(input).exists();
        assertThat(Files.readString(input)).contains("s4@example.com");
        assertThat(h.filesUnder(h.archive)).isEmpty();
        assertThat(h.filesUnder(h.rejected)).isEmpty();
        assertThat(r.out()).contains(Integer.toString(status));
    }

    @Test
    void withSeveralRowsInFlightNoCallStartsAfterTheStop() throws Exception {
        int concurrency = 4;
        h.set("importer.concurrency", Integer.toString(concurrency));
        // slow enough that the row threads are all busy when the first 402 comes back
        wireMock.stubFor(WireMock.post(WireMock.urlPathEqualTo(VerifikStubs.PATH)).willReturn(
                json(402, "{\"error\":\"Insufficient credits\",\"message\":\"INSUFFICIENT_CREDITS\"}").withFixedDelay(200)));
        String[] ids = new String[20];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "many" + i + "@example.com";
        }
        Path input = h.drop("many.csv", VerifikStubs.file(ids));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
        // each row thread makes at most the one call it had started; nothing after the stop
        Set<String> called = wireMock.findAll(anyCreate()).stream()
                .map(p -> VerifikStubs.parse(p.getBodyAsString()).get("identifier").asText()).collect(Collectors.toSet());
        assertThat(wireMock.findAll(anyCreate())).hasSizeBetween(1, concurrency);
        List<Map<String, String>> failed = csv(h.onlyReportDir().resolve("failed.csv"));
        // every row in exactly one report
        assertThat(failed).extracting(f -> f.get("identifier")).containsExactlyInAnyOrder(ids);
        assertThat(csv(h.onlyReportDir().resolve("created.csv"))).isEmpty();
        for (Map<String, String> row : failed) {
            String expected = called.contains(row.get("identifier")) ? "INSUFFICIENT_CREDITS" : "NOT_ATTEMPTED";
            assertThat(row).as(row.get("identifier")).containsEntry("errorCode", expected).containsEntry("retryable", "true");
        }
        assertThat(input).exists();
        assertThat(h.filesUnder(h.archive)).isEmpty();
    }

    @Test
    void theFileLeftInTheInboxIsImportedByTheNextRun() throws Exception {
        wireMock.stubFor(WireMock.post(WireMock.urlPathEqualTo(VerifikStubs.PATH)).willReturn(
                json(402, "{\"error\":\"Insufficient credits\",\"message\":\"INSUFFICIENT_CREDITS\"}")));
        Path input = h.drop("again.csv", VerifikStubs.file("r1@example.com", "r2@example.com", "r3@example.com"));
        assertThat(h.run("run").exitCode()).isEqualTo(4);
        wireMock.verify(exactly(1), anyCreate());

        // credits topped up: the same file, untouched, goes through on the next run
        wireMock.resetAll();
        for (String id : List.of("r1", "r2", "r3")) {
            wireMock.stubFor(VerifikStubs.createFor(id + "@example.com").willReturn(shapeA("bv-" + id)));
        }
        ImporterHarness.Result second = h.run("run");

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        wireMock.verify(exactly(3), anyCreate());
        assertThat(input).doesNotExist();
        assertThat(h.filesUnder(h.archive)).hasSize(1);
        Path latest = h.reportDirs().get(h.reportDirs().size() - 1);
        assertThat(csv(latest.resolve("created.csv"))).extracting(c -> c.get("validationId"))
                .containsExactlyInAnyOrder("bv-r1", "bv-r2", "bv-r3");
    }

    @Test
    void aRowAlreadySentOnceWhenTheRunStopsKeepsItsRealOutcome() throws Exception {
        h.set("importer.concurrency", "2").set("importer.max-retry-after", "1");
        // row 2 is answered 503 at once and waits a second for its retry; meanwhile row 3 meets the 401
        wireMock.stubFor(VerifikStubs.createFor("busy@example.com").willReturn(
                json(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}").withHeader("Retry-After", "1")));
        wireMock.stubFor(VerifikStubs.createFor("denied@example.com").willReturn(
                json(401, "{\"code\":\"Unauthorized\",\"message\":\"jwt expired\"}").withFixedDelay(500)));
        h.drop("two.csv", VerifikStubs.file("busy@example.com", "denied@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
        // the retry that was due after the stop was not sent
        wireMock.verify(exactly(1), VerifikStubs.createdFor("busy@example.com"));
        wireMock.verify(exactly(1), VerifikStubs.createdFor("denied@example.com"));
        Map<String, Map<String, String>> failed = VerifikStubs.byIdentifier(csv(h.onlyReportDir().resolve("failed.csv")));
        assertThat(failed.get("denied@example.com")).containsEntry("errorCode", "Unauthorized");
        // it was attempted, so it is not NOT_ATTEMPTED ("rows not yet attempted are reported as NOT_ATTEMPTED");
        // it keeps what Verifik last answered, and stays safe to re-drop
        assertThat(failed.get("busy@example.com")).containsEntry("errorCode", "SERVER_ERROR")
                .containsEntry("httpStatus", "503").containsEntry("attempts", "1").containsEntry("retryable", "true");
        assertThat(failed.get("busy@example.com").get("errorMessage")).doesNotContain("before this row was sent");
    }
}

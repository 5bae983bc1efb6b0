package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.simulator.RecordedRequest;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** `retry RUN_FOLDER` then `run`: only the retryable rows reach Verifik again. `status`: inbox, in flight, last runs. */
class RetryAndStatusTest {

    static final String TOKEN = "retry-token-5b2";
    static final String HEADER = "identifier,project,projectFlow,type,department\n";
    static final String INPUT = HEADER
            + row("a@example.com", P1, F_LOGIN, "login", "Ops")          // row 2: server error, retryable
            + row("+573001234567", P1, F_LOGIN, "login", "Support")      // row 3: server error, retryable, guarded
            + row("c@example.com", P1, F_LOGIN, "nope", "HR")            // row 4: INVALID_TYPE, needs a fix
            + row("d@example.com", "", F_LOGIN, "login", "HR")           // row 5: MISSING_FIELD, needs a fix
            + row("e@example.com", P1, F_LOGIN, "login", "=1+2");        // row 6: server error, retryable

    @TempDir
    Path tmp;

    static List<RecordedRequest> posts(VerifikSimulator sim) {
        return sim.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    /** A first run while Verifik answers 503 to everything: three rows fail retryable, two need a fix. */
    Path firstRunWhileVerifikIsDown() throws Exception {
        try (VerifikSimulator down = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .serverErrorRate(1.0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, down.baseUrl(), TOKEN).set("importer.max-attempts", "2");
            h.drop("people.csv", INPUT);
            ImporterHarness.Result r = h.run("run");
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(posts(down)).hasSize(6); // 3 rows x 2 attempts
            return h.onlyReportDir();
        }
    }

    @Test
    void retryPutsOnlyTheRetryableRowsBackAndTheNextRunSendsOnlyThem() throws Exception {
        Path runDir = firstRunWhileVerifikIsDown();

        try (VerifikSimulator up = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, up.baseUrl(), TOKEN);
            ImporterHarness.Result retry = h.run("retry", runDir.toString());

            assertThat(retry.exitCode()).as(retry.err()).isZero();
            List<Path> inbox = h.filesUnder(h.inbox);
            assertThat(inbox).hasSize(1);
            Path file = inbox.get(0);
            assertThat(file.getFileName().toString()).matches("people-retry-\\d{8}T\\d{6}Z\\.csv");
            assertThat(retry.out()).contains("people.csv: 3 retryable row(s) put back into the inbox as " + file)
                    .contains("left out, they need a fix first: 2 (INVALID_TYPE 1, MISSING_FIELD 1)");
            // the input's own columns, no report columns; cells as failed.csv holds them (formula guard included)
            assertThat(ImporterHarness.header(file)).containsExactly("identifier", "project", "projectFlow", "type",
                    "department");
            assertThat(ImporterHarness.csv(file)).extracting(m -> m.get("identifier"))
                    .containsExactlyInAnyOrder("a@example.com", "'+573001234567", "e@example.com");
            assertThat(runDir.resolve("retried.json")).exists();

            ImporterHarness.Result run = h.run("run");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            ObjectMapper json = new ObjectMapper();
            assertThat(posts(up)).extracting(p -> json.readTree(p.body()).get("identifier").asText())
                    .containsExactlyInAnyOrder("a@example.com", "+573001234567", "e@example.com");
            assertThat(run.out()).contains("people-retry-").contains("3 rows, 3 created, 0 failed");

            // the same rows are not put back twice
            ImporterHarness.Result again = h.run("retry", runDir.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already put back into the inbox").contains("--force");
            assertThat(h.filesUnder(h.inbox)).isEmpty();
        }
    }

    @Test
    void aFolderNameAloneIsFoundInTheOutboxAndNothingRetryableWritesNothing() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN);
            h.drop("bad.csv", HEADER + row("c@example.com", P1, F_LOGIN, "nope", "HR"));
            assertThat(h.run("run").exitCode()).isEqualTo(2);

            ImporterHarness.Result r = h.run("retry", h.onlyReportDir().getFileName().toString());

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("bad.csv: no row to retry: the 1 failed row(s) need a fix first (INVALID_TYPE 1)");
            assertThat(h.filesUnder(h.inbox)).isEmpty();
        }
    }

    @Test
    void aRunStoppedByVerifikIsNotRetriedItIsResumed() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .tokenExpiresAfterCalls(1).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).set("importer.concurrency", "1");
            h.drop("stop.csv", HEADER + row("a@example.com", P1, F_LOGIN, "login", "x")
                    + row("b@example.com", P1, F_LOGIN, "login", "x") + row("c@example.com", P1, F_LOGIN, "login", "x"));
            assertThat(h.run("run").exitCode()).isEqualTo(4);

            ImporterHarness.Result r = h.run("retry", h.onlyReportDir().toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("stopped by Verifik").contains("the next run resumes it");
            assertThat(h.filesUnder(h.inbox)).extracting(p -> p.getFileName().toString()).containsExactly("stop.csv");
        }
    }

    @Test
    void statusShowsTheInboxTheImportsInFlightAndTheLastRuns() throws Exception {
        Path runDir = firstRunWhileVerifikIsDown();
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", TOKEN);
        h.drop("next.csv", HEADER + row("x@example.com", P1, F_LOGIN, "login", "\"two\nlines\"")
                + "\n" + row("y@example.com", P1, F_LOGIN, "login", "x"));
        // an import cut short: the ledger holds its start, not its end
        try (Ledger ledger = LedgerFactory.open("", "", "", h.state, Clock.systemUTC())) {
            long id = ledger.startRun("ab".repeat(32), "cut.csv", h.outbox.resolve("cut-20260101T000000Z"),
                    Instant.parse("2026-01-01T00:00:00Z")).id();
            ledger.sending(id, 2, "cd".repeat(32));
        }

        ImporterHarness.Result r = h.run("status");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("Inbox " + h.inbox + ": 1 file waiting for the next run");
        assertThat(out).containsPattern("next\\.csv +2 rows");
        assertThat(out).contains("In flight: 1 import not finished")
                .containsPattern("cut\\.csv +started 2026-01-01 00:00:00 UTC +running or cut short +\\(1 sending\\)");
        assertThat(out).contains("Last runs (" + h.outbox + ", newest first): 1")
                .containsPattern("people\\.csv +5 rows +0 created +5 failed +all failed +"
                        + java.util.regex.Pattern.quote(runDir.resolve("report.html").toString()));
        assertThat(out).contains("All runs: " + h.outbox.resolve("index.html"));
        assertThat(Files.readString(h.inbox.resolve("next.csv"), StandardCharsets.UTF_8)).contains("two");
    }

    @Test
    void statusOnAFreshInstallSaysSo() {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);
        ImporterHarness.Result r = h.run("status");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(": empty").contains("In flight: none (no ledger yet")
                .contains("newest first): none");
    }
}

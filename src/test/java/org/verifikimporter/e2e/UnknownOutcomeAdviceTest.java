package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.e2e.ImporterHarness.row;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.job.FileDigest;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * A row whose outcome is unknown: report.html's advice and failed.csv's errorMessage say what really happened
 * (the call timed out, the connection was dropped, the importer crashed), not always "timed out".
 */
class UnknownOutcomeAdviceTest {

    static final String TOKEN = "unknown-token-4e1";
    static final String INPUT = "identifier,project,projectFlow,type\n" + row("a@example.com", P1, F_LOGIN, "login");
    static final Pattern UNKNOWN_ROW = Pattern.compile("(?s)<code>OUTCOME_UNKNOWN</code>.*?</td><td class=\"num\">1</td>"
            + "<td>no</td><td>(.*?)</td>");

    @TempDir
    Path tmp;

    /** The advice on the OUTCOME_UNKNOWN line of report.html, and the row's errorMessage in failed.csv. */
    record Unknown(String advice, String errorMessage) {
    }

    Unknown unknownRow(ImporterHarness h) throws Exception {
        Path dir = h.onlyReportDir();
        Matcher m = UNKNOWN_ROW.matcher(Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8));
        assertThat(m.find()).as("report.html has an OUTCOME_UNKNOWN line").isTrue();
        Map<String, String> failed = csv(dir.resolve("failed.csv")).get(0);
        assertThat(failed).containsEntry("errorCode", "OUTCOME_UNKNOWN");
        return new Unknown(m.group(1), failed.get("errorMessage"));
    }

    @Test
    void aDroppedConnectionIsCalledADroppedConnection() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).dropRate(1.0)
                .build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN);
            h.drop("drop.csv", INPUT);
            assertThat(h.run("run").exitCode()).isEqualTo(2);

            Unknown u = unknownRow(h);

            assertThat(u.advice()).startsWith("The connection was dropped after the request was sent.")
                    .doesNotContain("timed out").doesNotContain("crash");
            assertThat(u.errorMessage()).startsWith("the connection was dropped after the request was sent");
        }
    }

    @Test
    void anAnswerLaterThanTheRequestTimeoutIsCalledATimeout() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).latencyMs(2500)
                .build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).set("importer.request-timeout", "1")
                    .set("importer.reconcile-unknown", "false");
            h.drop("slow.csv", INPUT);
            assertThat(h.run("run").exitCode()).isEqualTo(2);

            Unknown u = unknownRow(h);

            assertThat(u.advice()).startsWith("The call timed out after the request was sent.")
                    .doesNotContain("dropped").doesNotContain("crash");
            assertThat(u.errorMessage()).startsWith("no answer within importer.request-timeout after the request was sent");
        }
    }

    @Test
    void aRowInFlightAtACrashIsCalledACrashWhenTheImportIsResumed() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).set("importer.reconcile-unknown", "false");
            Path f = h.drop("crash.csv", INPUT);
            // the first attempt died with row 2 SENDING: its start is in the ledger, its end is not
            try (Ledger ledger = LedgerFactory.open("", "", "", h.state, Clock.systemUTC())) {
                long id = ledger.startRun(FileDigest.sha256(f), "crash.csv", h.outbox.resolve("crash-20260101T000000Z"),
                        Instant.parse("2026-01-01T00:00:00Z")).id();
                ledger.sending(id, 2, "cd".repeat(32));
            }

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(sim.requests()).as("never sent again").isEmpty();
            Unknown u = unknownRow(h);
            assertThat(u.advice()).startsWith("The importer stopped (crash, kill or power loss) while the request was in "
                    + "flight.").doesNotContain("timed out").doesNotContain("dropped");
            assertThat(u.errorMessage()).startsWith("the importer stopped (crash, kill or power loss)");
        }
    }
}

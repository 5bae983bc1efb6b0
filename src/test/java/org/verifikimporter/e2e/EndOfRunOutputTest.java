package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.F_P2_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** What a person sees on stdout when a run ends: a short table per file and one result line. */
class EndOfRunOutputTest {

    static final String TOKEN = "table-token-1";
    static final String HEADER = "identifier,project,projectFlow,type,language,requires2FA\n";

    @TempDir
    Path tmp;

    @Test
    void eachFileGetsATableOfCreatedAndFailedByCodeWithItsReportAndTheResultMatchesTheExitCode() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN);
            h.drop("mixed.csv", HEADER
                    + row("a@example.com", P1, F_LOGIN, "login", "", "")
                    + row("b@example.com", P1, F_LOGIN, "login", "", "")
                    + row("c@example.com", P1, F_LOGIN, "nope", "", "")          // INVALID_TYPE
                    + row("d@example.com", P1, F_LOGIN, "nope", "", "")          // INVALID_TYPE
                    + row("e@example.com", P1, F_LOGIN, "login", "fr", "")       // INVALID_LANGUAGE
                    + row("f@example.com", P1, F_LOGIN, "login", "", "maybe")    // INVALID_BOOLEAN
                    + row("g@example.com", "", F_LOGIN, "login", "", "")         // MISSING_FIELD
                    + row("h@example.com", P1, F_P2_LOGIN, "login", "", "")      // INVALID_PROJECT_FLOW
                    + row("a@example.com", P1, F_LOGIN, "login", "", ""));       // DUPLICATE_ROW

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).isEqualTo(2);
            Path dir = h.onlyReportDir();
            String out = r.out();
            assertThat(out).contains("mixed.csv: 9 rows, 2 created, 7 failed");
            assertThat(out).containsPattern("(?m)^  created +2$").containsPattern("(?m)^  failed +7$");
            // the top four codes by count by name, the rest summed
            assertThat(out).containsPattern("(?m)^    INVALID_TYPE +2$");
            assertThat(out).containsPattern("(?m)^    2 other codes +2$");
            assertThat(out).containsPattern("(?m)^  can be sent again as is +0$");
            assertThat(out).contains("  report: " + dir.resolve("report.html"));
            assertThat(out).doesNotContain("verifik-importer retry");
            assertThat(out.lines().reduce((a, b) -> b).orElseThrow())
                    .isEqualTo("Result: some rows failed: see failed.csv (exit 2); 1 file, 9 rows: 2 created, 7 failed");
            // no person's address on stdout: rows are counted, not named
            assertThat(out).doesNotContain("@example.com");
        }
    }

    @Test
    void retryableFailuresAreCountedAndTheRetryCommandIsNamed() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .serverErrorRate(1.0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).set("importer.max-attempts", "2");
            h.drop("down.csv", HEADER + row("a@example.com", P1, F_LOGIN, "login", "", "")
                    + row("b@example.com", P1, F_LOGIN, "nope", "", ""));

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).containsPattern("(?m)^    SERVER_ERROR +1$")
                    .containsPattern("(?m)^  can be sent again as is +1$")
                    .contains("to send the 1 retryable row again: verifik-importer retry " + h.onlyReportDir());
        }
    }

    @Test
    void allCreatedEndsWithExitZeroAndTheTotals() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN);
            h.drop("one.csv", HEADER + row("a@example.com", P1, F_LOGIN, "login", "", ""));
            h.drop("two.csv", HEADER + row("b@example.com", P1, F_LOGIN, "login", "", ""));

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).doesNotContain("can be sent again");
            assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow())
                    .isEqualTo("Result: every row was created (or is valid) (exit 0); 2 files, 2 rows: 2 created, 0 failed");
        }
    }
}

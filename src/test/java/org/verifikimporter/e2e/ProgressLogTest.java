package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * Without a terminal (as under cron), a file's progress goes to the log: its pre-counted size when it
 * starts, a progress line at most once per importer.progress-interval, and nothing per row at INFO.
 */
class ProgressLogTest {

    static final String TOKEN = "progress-token-8d";

    @TempDir
    Path tmp;

    @Test
    void aLongFileLogsItsSizeThenProgressLinesWithRateAndEtaAndNoLinePerRow() throws Exception {
        // 20 rows, one at a time, 100 ms each: about two seconds, so a one-second interval gives progress lines
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .latencyMs(100).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).set("importer.concurrency", "1")
                    .set("importer.progress-interval", "1");
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type,notes\n");
            for (int i = 0; i < 20; i++) {
                csv.append("p").append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN)
                        .append(",login,\"a note\non two lines\"\n");
            }
            h.drop("big.csv", csv.toString());

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> ours = r.logs().lines().filter(l -> l.contains("verifik.importer")).toList();
            assertThat(ours).anyMatch(l -> l.matches("INFO verifik\\.importer\\.file - big\\.csv: started \\(sha256 [0-9a-f]{12}; UTF-8, "
                    + "delimiter ',' \\(found in the header\\); 20 rows\\)"));
            List<String> progress = ours.stream().filter(l -> l.contains(" of 20 rows")).toList();
            assertThat(progress).isNotEmpty().allMatch(l -> l.matches(
                    "INFO verifik\\.importer\\.file - big\\.csv: \\d+ of 20 rows \\(\\d+%\\), \\d+ created, 0 failed, "
                            + "\\d+\\.\\d rows/s, ETA \\d+s"));
            // at most one per second of a run of a few seconds, never one per row
            assertThat(progress.size()).isLessThan(6);
            assertThat(ours).noneMatch(l -> l.startsWith("INFO") && l.contains(" row "));
            assertThat(ours).noneMatch(l -> l.contains("@example.com"));
        }
    }

    /**
     * Issue 14, point 5: rows whose outcome is unknown wait out importer.reconcile-grace before their lookup, and
     * nothing else moves meanwhile; the log says what the import waits for, on and on, instead of an ETA.
     */
    @Test
    void whileTheLastRowsWaitForTheLookupOfAnUnknownOutcomeTheLogSaysSo() throws Exception {
        // every connection dropped: the three rows are unknown, and wait 3 s before Verifik is asked about them
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .dropRate(1.0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).set("importer.progress-interval", "1")
                    .set("importer.reconcile-grace", "3");
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type\n");
            for (int i = 0; i < 3; i++) {
                csv.append("w").append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN).append(",login\n");
            }
            h.drop("wait.csv", csv.toString());

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            List<String> waiting = r.logs().lines().filter(l -> l.contains("wait.csv: 0 of 3 rows")).toList();
            assertThat(waiting).isNotEmpty().allMatch(l -> l.matches("INFO verifik\\.importer\\.file - wait\\.csv: 0 of 3 "
                    + "rows \\(0%\\), 0 created, 0 failed, 0\\.0 rows/s, waiting [0-3]s to look up 3 rows whose outcome "
                    + "is unknown"));
            assertThat(r.logs()).contains("wait.csv: finished: 3 rows, 0 created, 3 failed {OUTCOME_UNKNOWN=3}");
        }
    }
}

package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** Configuration mistakes exit 1 before anything is touched; 401/402/403 stop the run with exit 4. */
class StopAndConfigTest {

    @TempDir
    Path tmp;

    static String file(int rows) {
        StringBuilder sb = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = 1; i <= rows; i++) {
            sb.append("user").append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN).append(",login\n");
        }
        return sb.toString();
    }

    @Test
    void aMissingTokenIsOneLineAndExitOne() throws Exception {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);
        Path f = h.drop("x.csv", file(1));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("VERIFIK_TOKEN").contains("VERIFIK_TOKEN_FILE").doesNotContain("Exception");
        assertThat(f).exists();
        assertThat(h.outbox).doesNotExist();
    }

    @Test
    void plainHttpToARemoteHostIsRefused() throws Exception {
        ImporterHarness h = new ImporterHarness(tmp, "http://api.verifik.co", "t");
        h.drop("x.csv", file(1));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("VERIFIK_BASE_URL").contains("https://");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aBadNumberNamesTheSetting() {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", "t").set("importer.max-attempts", "lots");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("IMPORTER_MAX_ATTEMPTS");
    }

    @Test
    void anExpiredTokenStopsTheRunLeavesTheFileAndReportsTheRestAsNotAttempted() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("good").port(0)
                .tokenExpiresAfterCalls(2).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), "good").set("importer.concurrency", "1");
            Path first = h.drop("a.csv", file(5));
            Path second = h.drop("b.csv", file(2).replace("user", "other"));
            Files.setLastModifiedTime(second, java.nio.file.attribute.FileTime.from(Files.getLastModifiedTime(first).toInstant().plusSeconds(1))); // a.csv first

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
            // two created, the third call met the 401, nothing after it was sent
            assertThat(sim.requests()).hasSize(3);
            assertThat(sim.validations()).hasSize(2);
            Path dir = h.onlyReportDir();
            List<Map<String, String>> created = csv(dir.resolve("created.csv"));
            assertThat(created).hasSize(2);
            List<Map<String, String>> failed = csv(dir.resolve("failed.csv"));
            // at concurrency 1 two row threads take turns at the one call slot, so which row meets the 401 is
            // not fixed: one row does, and every row after it is not attempted
            assertThat(failed).extracting(f -> f.get("errorCode") + ":" + f.get("retryable"))
                    .containsExactlyInAnyOrder("Unauthorized:true", "NOT_ATTEMPTED:true", "NOT_ATTEMPTED:true");
            assertThat(java.util.stream.Stream.concat(created.stream(), failed.stream()).map(f -> f.get("row")))
                    .as("every row in exactly one report").containsExactlyInAnyOrder("2", "3", "4", "5", "6");
            assertThat(ImporterHarness.summary(dir).get("stopped").asBoolean()).isTrue();
            // both files wait in the inbox for the next run; the second was not even started
            assertThat(first).exists();
            assertThat(second).exists();
            assertThat(h.filesUnder(h.archive)).isEmpty();
            assertThat(r.out()).contains("Stopped:").contains("401").contains("exit 4");
            assertThat(r.logs()).contains("Stopping the run").contains("b.csv: not started").doesNotContain("\tat ");
        }
    }
}

package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** validate: the same rules and reports, no call, nothing moved, no token needed. */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void checksWithoutCallingOrMovingAnything() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("t").port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), null);
            Path f = h.drop("check.csv", "identifier,project,projectFlow,type\n"
                    + "a@example.com," + P1 + "," + F_LOGIN + ",login\n"
                    + "b@example.com," + P1 + "," + F_LOGIN + ",bogus\n");
            byte[] before = Files.readAllBytes(f);

            ImporterHarness.Result r = h.run("validate", f.toString());

            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(sim.requests()).isEmpty();
            assertThat(Files.readAllBytes(f)).isEqualTo(before);
            assertThat(h.filesUnder(h.archive)).isEmpty();
            Path dir = h.onlyReportDir();
            assertThat(ImporterHarness.summary(dir).get("dryRun").asBoolean()).isTrue();
            assertThat(csv(dir.resolve("created.csv"))).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("row", "2").containsEntry("validationId", ""));
            assertThat(csv(dir.resolve("failed.csv"))).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("errorCode", "INVALID_TYPE"));
        }
    }

    @Test
    void aValidFileExitsZeroAndAnUnusableOneThree() throws Exception {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);
        Path ok = h.drop("ok.csv", "identifier,project,projectFlow,type\na@example.com," + P1 + "," + F_LOGIN + ",login\n");
        assertThat(h.run("validate", ok.toString()).exitCode()).isEqualTo(0);
        Path bad = h.drop("bad.csv", "just,some,columns\n1,2,3\n");
        ImporterHarness.Result r = h.run("validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(bad).exists();
        assertThat(h.rejected).doesNotExist();
    }

    @Test
    void aMissingFileIsAnError() {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);
        ImporterHarness.Result r = h.run("validate", tmp.resolve("nope.csv").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope.csv");
    }
}

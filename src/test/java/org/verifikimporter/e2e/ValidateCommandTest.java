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

    /** Nothing is created by a dry run: stdout, status, index.html and report.html say "valid" for its rows. */
    @Test
    void aDryRunIsCalledValidWhereverItIsShown() throws Exception {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);
        Path f = h.drop("check.csv", "identifier,project,projectFlow,type\n"
                + "a@example.com," + P1 + "," + F_LOGIN + ",login\n"
                + "b@example.com," + P1 + "," + F_LOGIN + ",bogus\n");

        ImporterHarness.Result r = h.run("validate", f.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).contains("check.csv: 2 rows, 1 valid, 1 failed")
                .containsPattern("(?m)^  valid +1$")
                .contains("Result: some rows are not valid: see failed.csv (exit 2); 1 file, 2 rows: 1 valid, 1 failed")
                .doesNotContain("created").doesNotContain("can be sent again");

        ImporterHarness.Result status = h.run("status");
        String line = status.out().lines().filter(l -> l.contains("check.csv") && l.contains("failed")).findFirst()
                .orElseThrow(() -> new AssertionError(status.out()));
        assertThat(line).containsPattern("2 rows +1 valid +1 failed +dry run: some invalid").doesNotContain("created");

        String index = Files.readString(h.outbox.resolve("index.html"));
        String indexRow = index.substring(index.indexOf("<tbody>"), index.indexOf("</tbody>"));
        assertThat(visibleText(indexRow)).contains("1 valid").doesNotContain("created");

        String report = Files.readString(h.onlyReportDir().resolve("report.html"));
        assertThat(visibleText(report).replace("created.csv", "")).contains("1 valid").doesNotContainIgnoringCase("created");
    }

    /** Text a browser shows: tags and attributes (ids such as bar-created) left out. */
    static String visibleText(String html) {
        return html.replaceAll("(?s)<style>.*?</style>", "").replaceAll("(?s)<[^>]*>", " ");
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

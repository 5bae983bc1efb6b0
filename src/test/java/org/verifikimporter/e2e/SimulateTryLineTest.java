package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.cli.SimulateCommand;
import org.verifikimporter.simulator.ProjectCatalog;
import picocli.CommandLine;

/**
 * `simulate` says which projects and flows it accepts and prints a line to try; that line, pasted into a
 * shell, writes a file the importer then imports against that simulator, every row created.
 */
class SimulateTryLineTest {

    static final Pattern TRY = Pattern.compile("(?m)^Try it, in another terminal: (mkdir -p data/inbox && printf .+ "
            + "> data/inbox/simulator-try\\.csv) && VERIFIK_BASE_URL=(\\S+) VERIFIK_TOKEN=(\\S+) verifik-importer run$");

    @TempDir
    Path tmp;

    @Test
    void itListsItsProjectsAndFlowsAndItsTryLineImportsARow() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new SimulateCommand(Map.of())).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true));
        Thread simulator = new Thread(() -> command.execute("--port", "0"));
        simulator.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("Try it"));
            String shown = out.toString();
            assertThat(shown).contains("Projects and flows it accepts (the built-in demo set; --projects FILE for your own):");
            for (ProjectCatalog.Flow f : ProjectCatalog.demo().flows()) {
                assertThat(shown).contains("  project " + f.projectId())
                        .containsPattern("(?m)^    flow " + f.id() + "  " + f.type().jsonName() + " +"
                                + (f.active() ? "active" : "paused: answered 409 Project_not_active") + "$");
            }
            assertThat(shown).contains("any other project: 404 Project_not_found_or_featured_disabled");
            Matcher m = TRY.matcher(shown);
            assertThat(m.find()).as(shown).isTrue();

            // the shell part, pasted as it is, in a folder of its own
            Process sh = new ProcessBuilder("sh", "-c", m.group(1)).directory(tmp.toFile()).inheritIO().start();
            assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sh.exitValue()).isZero();
            Path written = tmp.resolve("data/inbox/simulator-try.csv");
            assertThat(written).exists();

            // the importer part, with the settings the line gives it (data/ here instead of the working folder)
            ImporterHarness h = new ImporterHarness(tmp.resolve("data"), m.group(2), m.group(3));
            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("simulator-try.csv: 1 rows, 1 created, 0 failed");
        } finally {
            simulator.interrupt();
            simulator.join(5000);
        }
    }
}

package org.verifikimporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** retry --unknown on a terminal: without --yes it asks, and only a yes puts the rows back. */
class RetryUnknownPromptTest {

    static final String TOKEN = "prompt-token";

    @TempDir
    Path tmp;

    @Test
    void onATerminalTheQuestionDecidesAndNoPutsNothingBack() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).dropRate(0.02)
                .build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN);
            StringBuilder people = new StringBuilder("identifier,project,projectFlow,type\n");
            for (int i = 1; i <= 300; i++) {
                people.append("q").append(i).append("@example.com,").append(ImporterHarness.P1).append(',')
                        .append(ImporterHarness.F_LOGIN).append(",login\n");
            }
            h.drop("people.csv", people.toString());
            assertThat(h.run("run").exitCode()).isEqualTo(2);
            Path runDir = h.onlyReportDir();
            long unknown = ImporterHarness.csv(runDir.resolve("failed.csv")).size();
            ImporterSettings settings = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", TOKEN))
                    .override(Map.of("verifik.base-url", sim.baseUrl(), "importer.inbox", h.inbox.toString(),
                            "importer.outbox", h.outbox.toString(), "importer.archive", h.archive.toString(),
                            "importer.rejected", h.rejected.toString(), "importer.state", h.state.toString()))
                    .build();
            List<String> asked = new ArrayList<>();
            StringWriter out = new StringWriter();

            int no = new RetryUnknown(settings, Clock.systemUTC(), new PrintWriter(out, true)).run(runDir, false, q -> {
                asked.add(q);
                return false;
            });

            assertThat(no).isEqualTo(1);
            assertThat(asked).containsExactly("Put the " + unknown + " rows not listed by Verifik back into the inbox, "
                    + "so that the next run sends them again (each may email a person)? [y/N] ");
            assertThat(out.toString()).contains("Nothing put back");
            assertThat(csvFiles(h.inbox)).isEmpty();

            int yes = new RetryUnknown(settings, Clock.systemUTC(), new PrintWriter(out, true)).run(runDir, false, q -> true);

            assertThat(yes).isZero();
            assertThat(csvFiles(h.inbox)).hasSize(1);
            assertThat(ImporterHarness.csv(csvFiles(h.inbox).get(0))).hasSize((int) unknown);
        }
    }

    private static List<Path> csvFiles(Path inbox) throws Exception {
        try (Stream<Path> s = Files.list(inbox)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
        }
    }
}

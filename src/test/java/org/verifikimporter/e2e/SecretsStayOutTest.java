package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * The API token (and Verifik's per-session tokens) must appear in no log line, report or console output,
 * even with every logger at TRACE and through retries, API errors and a 401 stop. Logs name rows by
 * number, never by the person's address.
 */
class SecretsStayOutTest {

    static final String TOKEN = "tok_SECRET_4d1c8e2b9f";

    @TempDir
    Path tmp;

    @Test
    void theTokenAppearsNowhere() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .serverErrorRate(0.3).seed(7).tokenExpiresAfterCalls(6).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), TOKEN).traceLogs()
                    .set("importer.concurrency", "2").set("importer.max-attempts", "3");
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type,email,sendViaEmail\n");
            for (int i = 0; i < 12; i++) {
                csv.append("person").append(i).append("@example.com,").append(i == 3 ? "unknown-project" : P1)
                        .append(',').append(F_LOGIN).append(",login,person").append(i).append("@example.com,yes\n");
            }
            h.drop("people.csv", csv.toString());

            ImporterHarness.Result r = h.run("run");

            assertThat(r.exitCode()).isEqualTo(4);
            assertThat(r.logs()).isNotBlank();
            assertThat(r.logs()).doesNotContain(TOKEN);
            assertThat(r.out()).doesNotContain(TOKEN);
            assertThat(r.err()).doesNotContain(TOKEN);
            // our own log lines name the file and row numbers, not email addresses
            assertThat(r.logs().lines().filter(l -> l.contains("verifik.importer")))
                    .isNotEmpty().noneMatch(l -> l.contains("@example.com"));
            // reports, archive, and the ledger database too, byte for byte
            for (Path f : h.filesUnder(tmp)) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain(TOKEN).doesNotContain("simsess.");
            }
        }
    }
}

package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.verifikimporter.logging.LogSetup;
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

    /**
     * What the console log really shows (through logback.xml's appender, not a test appender), in text and
     * in JSON: with every logger at TRACE and HttpClient's wire and header logs switched on, which carry the
     * Authorization header and the request bodies with the people's addresses.
     */
    @Test
    void theConsoleLogMasksTheTokenAndEmailAddressesEvenInWireLogsInTextAndJson() throws Exception {
        for (String format : List.of("text", "json")) {
            Path dir = tmp.resolve(format);
            String err;
            ImporterHarness.Result r;
            try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                    .serverErrorRate(0.3).seed(7).build()).start()) {
                ImporterHarness h = new ImporterHarness(dir, sim.baseUrl(), TOKEN).traceLogs()
                        .set("importer.max-attempts", "3");
                StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type,email,sendViaEmail\n");
                for (int i = 0; i < 6; i++) {
                    csv.append("person").append(i).append("@example.com,").append(i == 3 ? "unknown-project" : P1)
                            .append(',').append(F_LOGIN).append(",login,person").append(i).append("@example.com,yes\n");
                }
                h.drop("people.csv", csv.toString());
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                PrintStream original = System.err;
                LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
                List<String> wire = List.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");
                try {
                    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
                    wire.forEach(n -> ctx.getLogger(n).setLevel(Level.TRACE));
                    r = format.equals("json") ? h.run("run", "--log-format", "json") : h.run("run");
                } finally {
                    wire.forEach(n -> ctx.getLogger(n).setLevel(Level.OFF));
                    System.setErr(original);
                    LogSetup.apply(LogSetup.Format.TEXT);
                }
                err = buffer.toString(StandardCharsets.UTF_8);
            }
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            // the wire log was on: the request went out with the token, and the log shows it redacted
            assertThat(err).as(format).contains("Bearer [REDACTED]");
            assertThat(err).as(format).doesNotContain(TOKEN).doesNotContain("simsess.").doesNotContain("@example.com");
            assertThat(err).as(format).contains("people.csv: started").contains("people.csv: finished");
            if (format.equals("json")) {
                ObjectMapper json = new ObjectMapper();
                for (String line : err.lines().toList()) {
                    JsonNode n = json.readTree(line);
                    assertThat(n.has("timestamp") && n.has("level") && n.has("logger") && n.has("message"))
                            .as(line).isTrue();
                }
            } else {
                assertThat(err.lines().filter(l -> l.contains("people.csv: finished")).findFirst().orElseThrow())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  \\S+ - people.csv: finished: .*");
            }
        }
    }
}

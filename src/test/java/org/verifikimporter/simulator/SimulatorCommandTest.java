package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.simulator.SimHttp.validBody;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.verifikimporter.cli.SimulateCommand;
import picocli.CommandLine;

class SimulatorCommandTest {

    private static final Pattern LISTENING =
            Pattern.compile("Verifik simulator listening on (http://127\\.0\\.0\\.1:\\d+) \\((.*)\\)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --drop-rate=2                | simulate: --drop-rate must be between 0 and 1, got 2.0
            --server-error-rate=-0.5     | simulate: --server-error-rate must be between 0 and 1, got -0.5
            --slow-after-record-rate=1.1 | simulate: --slow-after-record-rate must be between 0 and 1, got 1.1
            --latency-ms=-1              | simulate: --latency-ms must not be negative, got -1
            --latency-jitter-ms=-1       | simulate: --latency-jitter-ms must not be negative, got -1
            --rate-limit=-3              | simulate: --rate-limit must not be negative, got -3
            --retry-after=-1             | simulate: --retry-after must not be negative, got -1
            --gateway-rate=-1            | simulate: --gateway-rate must not be negative, got -1
            --gateway-burst=-2           | simulate: --gateway-burst must not be negative, got -2
            --slow-after-record-ms=-1    | simulate: --slow-after-record-ms must not be negative, got -1
            --token-expires-after=-1     | simulate: --token-expires-after must not be negative, got -1
            --port=70000                 | simulate: --port must be between 0 and 65535, got 70000
            --success-status=204         | simulate: --success-status must be a 2xx status with a body (e.g. 200 or 201), got 204
            --token=                     | simulate: --token must not be blank
            """)
    void invalidValueIsOneLineAndExitCode1(String option, String message) {
        int exit = command(Map.of()).execute(option);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unreadableProjectsFileIsExitCode1() {
        Path missing = dir.resolve("missing.json");

        int exit = command(Map.of()).execute("--projects", missing.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("simulate: projects file " + missing + " does not exist or is not a file");
    }

    @Test
    void helpListsEveryOptionAndNoToken() {
        int exit = command(Map.of("VERIFIK_TOKEN", "env-secret-1")).execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--port", "--host", "--token", "--shape-a", "--success-status",
                "--projects", "--latency-ms", "--latency-jitter-ms", "--rate-limit", "--retry-after",
                "--gateway-rate", "--gateway-burst", "--server-error-rate", "--drop-rate", "--slow-after-record-rate", "--slow-after-record-ms",
                "--token-expires-after", "--seed").doesNotContain("env-secret-1");
    }

    @Test
    void runsUntilInterruptedAndNeverPrintsTheToken() throws InterruptedException {
        CommandLine command = command(Map.of("SIMULATOR_TOKEN", "env-secret-2", "VERIFIK_TOKEN", "other"));
        AtomicInteger exit = new AtomicInteger(-99);
        Thread runner = new Thread(() -> exit.set(command.execute("--port", "0", "--shape-a", "--rate-limit", "100")));
        runner.start();
        try {
            Matcher line = awaitListening();
            assertThat(line.group(2)).isEqualTo("token from SIMULATOR_TOKEN");
            var response = SimHttp.send(HttpRequest.newBuilder(URI.create(line.group(1) + "/v2/biometric-validations"))
                    .header("Authorization", "Bearer env-secret-2")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(validBody().toString())).build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"success\":true");
        } finally {
            runner.interrupt();
            runner.join(5000);
        }

        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(out.toString()).doesNotContain("env-secret-2").contains("VERIFIK_TOKEN=\"$SIMULATOR_TOKEN\"");
        assertThat(out.toString().lines().findFirst()).get().asString().matches(LISTENING.pattern());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void tokenOptionWinsOverTheEnvironment() throws InterruptedException {
        CommandLine command = command(Map.of("SIMULATOR_TOKEN", "env-secret-3"));
        Thread runner = new Thread(() -> command.execute("--port", "0", "--token", "flag-secret"));
        runner.start();
        try {
            Matcher line = awaitListening();
            assertThat(line.group(2)).isEqualTo("token from --token");
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString().contains("Try it"));
            assertThat(out.toString()).doesNotContain("flag-secret").contains("VERIFIK_TOKEN='<the --token value>'");
        } finally {
            runner.interrupt();
            runner.join(5000);
        }
    }

    @Test
    void aBlankSimulatorTokenFallsBackToVerifikToken() throws InterruptedException {
        assertStartsWithToken(Map.of("SIMULATOR_TOKEN", " ", "VERIFIK_TOKEN", "env-secret-4"),
                "token from VERIFIK_TOKEN", "env-secret-4");
    }

    @Test
    void withoutAnyTokenTheBuiltInOneIsUsed() throws InterruptedException {
        assertStartsWithToken(Map.of(), "built-in default token; set --token / SIMULATOR_TOKEN to choose one",
                SimulatorOptions.DEFAULT_TOKEN);
    }

    private void assertStartsWithToken(Map<String, String> environment, String source, String accepted)
            throws InterruptedException {
        CommandLine command = command(environment);
        Thread runner = new Thread(() -> command.execute("--port", "0"));
        runner.start();
        try {
            Matcher line = awaitListening();
            assertThat(line.group(2)).isEqualTo(source);
            var response = SimHttp.send(HttpRequest.newBuilder(URI.create(line.group(1) + "/v2/biometric-validations"))
                    .header("Authorization", "Bearer " + accepted)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(validBody().toString())).build());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            runner.interrupt();
            runner.join(5000);
        }
    }

    private Matcher awaitListening() {
        await().atMost(Duration.ofSeconds(5)).until(() -> LISTENING.matcher(out.toString()).find());
        Matcher matcher = LISTENING.matcher(out.toString());
        assertThat(matcher.find()).isTrue();
        return matcher;
    }

    private CommandLine command(Map<String, String> environment) {
        return new CommandLine(new SimulateCommand(environment))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }
}

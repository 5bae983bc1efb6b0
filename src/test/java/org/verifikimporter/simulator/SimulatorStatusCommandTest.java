package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.verifikimporter.cli.SimulateCommand;
import picocli.CommandLine;

/** The status options of {@code simulate}. */
class SimulatorStatusCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) ");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --complete-share=1.5                   | simulate: --complete-share must be between 0 and 1, got 1.5
            --fail-share=-0.1                      | simulate: --fail-share must be between 0 and 1, got -0.1
            --expire-share=2                       | simulate: --expire-share must be between 0 and 1, got 2.0
            --expire-after=0s                      | simulate: --expire-after must be more than 0
            --webhook-url=ftp://host/x?secret=zz9  | simulate: --webhook-url must be an http:// or https:// URL with a host
            --webhook-url=/relative?secret=zz9     | simulate: --webhook-url must be an http:// or https:// URL with a host
            """)
    void invalidValueIsOneLineAndExitCode1(String option, String message) {
        int exit = command().execute(option);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(message).doesNotContain("zz9");
    }

    @Test
    void sharesAddingUpToMoreThanOneAreRefused() {
        int exit = command().execute("--complete-share=0.7", "--fail-share=0.2", "--expire-share=0.2");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("must add up to at most 1");
    }

    @Test
    void aDurationThatIsNotOneIsAUsageError() {
        int exit = command().execute("--settle-after=soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void helpListsTheStatusOptions() {
        assertThat(command().execute("--help")).isZero();

        assertThat(out.toString()).contains("--complete-share", "--fail-share", "--expire-share", "--settle-after",
                "--expire-after", "--webhook-url");
    }

    @Test
    void startsWithStatusesThatChangeAndNeverPrintsTheWebhookQuery() throws InterruptedException {
        CommandLine command = command();
        Thread runner = new Thread(() -> command.execute("--port", "0", "--token", "cmd-token",
                "--complete-share", "1", "--settle-after", "0s", "--webhook-url", "http://127.0.0.1:9/in?key=zz9"));
        runner.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString().contains("Statuses change"));
            Matcher line = LISTENING.matcher(out.toString());
            assertThat(line.find()).isTrue();
            String base = line.group(1);
            var created = SimHttp.send(HttpRequest.newBuilder(URI.create(base + "/v2/biometric-validations"))
                    .header("Authorization", "Bearer cmd-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(validBody().toString())).build());
            assertThat(created.statusCode()).isEqualTo(200);

            JsonNode index = SimHttp.json(SimHttp.send(HttpRequest.newBuilder(
                    URI.create(base + "/_simulator/validations")).GET().build()));

            assertThat(index).hasSize(1);
            assertThat(index.get(0).get("status").asText()).isEqualTo("completed");
            assertThat(out.toString()).contains("100% completed", "Webhook: http://127.0.0.1:9/in?<redacted>")
                    .doesNotContain("zz9");
        } finally {
            runner.interrupt();
            runner.join(5000);
        }
    }

    private CommandLine command() {
        return new CommandLine(new SimulateCommand(Map.of()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }
}

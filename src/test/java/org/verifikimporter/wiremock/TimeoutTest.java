package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.wiremock.VerifikStubs.anyCreate;
import static org.verifikimporter.wiremock.VerifikStubs.createFor;
import static org.verifikimporter.wiremock.VerifikStubs.createdFor;
import static org.verifikimporter.wiremock.VerifikStubs.shapeA;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.verifikimporter.e2e.ImporterHarness;

/**
 * Once a request was sent, no answer (or an answer naming no validation) means the validation may exist:
 * the row is OUTCOME_UNKNOWN and is never sent a second time.
 */
class TimeoutTest {

    @TempDir
    Path tmp;
    WireMockServer wireMock;
    ImporterHarness h;

    @BeforeEach
    void start() {
        wireMock = VerifikStubs.start();
        h = VerifikStubs.harness(tmp, wireMock).set("importer.max-attempts", "5");
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @Test
    void anAnswerLaterThanTheRequestTimeoutIsOutcomeUnknownAndNotResent() throws Exception {
        h.set("importer.request-timeout", "1");
        wireMock.stubFor(createFor("slow@example.com").willReturn(shapeA("bv-slow").withFixedDelay(2500)));
        wireMock.stubFor(createFor("fast@example.com").willReturn(shapeA("bv-fast")));
        h.drop("slow.csv", VerifikStubs.file("slow@example.com", "fast@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> wireMock.verify(exactly(1), createdFor("slow@example.com")));
        wireMock.verify(exactly(2), anyCreate());
        Map<String, Map<String, String>> failed = VerifikStubs.byIdentifier(csv(h.onlyReportDir().resolve("failed.csv")));
        assertThat(failed).containsOnlyKeys("slow@example.com");
        assertThat(failed.get("slow@example.com")).containsEntry("errorCode", "OUTCOME_UNKNOWN")
                .containsEntry("attempts", "1").containsEntry("retryable", "false").containsEntry("httpStatus", "");
        assertThat(failed.get("slow@example.com").get("errorMessage")).isNotBlank();
        assertThat(csv(h.onlyReportDir().resolve("created.csv"))).extracting(c -> c.get("validationId"))
                .containsExactly("bv-fast");
        assertThat(h.filesUnder(h.archive)).hasSize(1);
    }

    static Stream<Arguments> answersWithoutId() {
        return Stream.of(
                Arguments.of("200 {\"ok\":true}", VerifikStubs.json(200, "{\"ok\":true}")),
                Arguments.of("201 shape A without _id", VerifikStubs.json(201, "{\"success\":true,\"data\":{\"status\":\"new\"}}")),
                Arguments.of("200 not JSON", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html>ok</html>")),
                Arguments.of("204 no body", aResponse().withStatus(204)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersWithoutId")
    void aSuccessAnswerWithoutAValidationIdIsOutcomeUnknownAndNotResent(String name, ResponseDefinitionBuilder answer)
            throws Exception {
        wireMock.stubFor(createFor("who@example.com").willReturn(answer));
        h.drop("noid.csv", VerifikStubs.file("who@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        wireMock.verify(exactly(1), anyCreate());
        Map<String, String> row = csv(h.onlyReportDir().resolve("failed.csv")).get(0);
        assertThat(row).containsEntry("errorCode", "OUTCOME_UNKNOWN").containsEntry("attempts", "1")
                .containsEntry("retryable", "false").containsEntry("row", "2");
        assertThat(csv(h.onlyReportDir().resolve("created.csv"))).isEmpty();
    }
}

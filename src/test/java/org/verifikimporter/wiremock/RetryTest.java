package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.wiremock.VerifikStubs.anyCreate;
import static org.verifikimporter.wiremock.VerifikStubs.createFor;
import static org.verifikimporter.wiremock.VerifikStubs.createdFor;
import static org.verifikimporter.wiremock.VerifikStubs.json;
import static org.verifikimporter.wiremock.VerifikStubs.requestsFor;
import static org.verifikimporter.wiremock.VerifikStubs.shapeA;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.verifikimporter.e2e.ImporterHarness;

/**
 * What is retried (429, 500, 502, 503, 504, a request that never left), how (Retry-After, a bounded number
 * of attempts), and what is never resent (a request that was sent and got no answer).
 */
class RetryTest {

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

    /** The first call for {@code identifier} gets {@code first}; every later one gets shape A with {@code id}. */
    void failOnceThenCreate(String identifier, ResponseDefinitionBuilder first, String id) {
        String scenario = "once-" + identifier;
        wireMock.stubFor(createFor(identifier).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("answered"));
        wireMock.stubFor(createFor(identifier).inScenario(scenario).whenScenarioStateIs("answered")
                .willReturn(shapeA(id)));
    }

    /**
     * One row, answered {@code first} and then created: imports it, checks that it was sent twice and is in
     * created.csv with {@code id} after two attempts, and returns the two requests.
     */
    List<LoggedRequest> retriedOnceThenCreated(String identifier, ResponseDefinitionBuilder first, String id)
            throws Exception {
        failOnceThenCreate(identifier, first, id);
        h.drop("a.csv", VerifikStubs.file(identifier));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<LoggedRequest> requests = requestsFor(wireMock, identifier);
        assertThat(requests).hasSize(2);
        assertThat(created().get(identifier)).containsEntry("validationId", id).containsEntry("attempts", "2");
        return requests;
    }

    Map<String, Map<String, String>> created() throws Exception {
        return VerifikStubs.byIdentifier(csv(h.onlyReportDir().resolve("created.csv")));
    }

    Map<String, Map<String, String>> failed() throws Exception {
        return VerifikStubs.byIdentifier(csv(h.onlyReportDir().resolve("failed.csv")));
    }

    static Duration gap(List<LoggedRequest> requests) {
        return Duration.ofMillis(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime());
    }

    @Test
    void a503ThenSuccessIsCreatedOnTheSecondAttemptWithTheSameBody() throws Exception {
        List<LoggedRequest> requests = retriedOnceThenCreated("u503@example.com",
                json(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}"), "bv-503");
        assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
        assertThat(requests.get(1).getHeader("Authorization")).isEqualTo("Bearer " + VerifikStubs.TOKEN);
        assertThat(csv(h.onlyReportDir().resolve("failed.csv"))).isEmpty();
    }

    @Test
    void a429WithRetryAfterSecondsIsHonoured() throws Exception {
        h.set("importer.max-retry-after", "1");
        List<LoggedRequest> requests = retriedOnceThenCreated("u429@example.com",
                json(429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}").withHeader("Retry-After", "1"),
                "bv-429");
        // Retry-After: 1 is one second; WireMock's request dates are coarse, hence 900 ms
        assertThat(gap(requests)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aRetryAfterLongerThanTheCapIsCutToTheCap() throws Exception {
        h.set("importer.max-retry-after", "1");
        List<LoggedRequest> requests = retriedOnceThenCreated("u429long@example.com",
                json(429, "{}").withHeader("Retry-After", "3600"), "bv-429-long");
        // one second (the cap), not an hour
        assertThat(gap(requests)).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aRetryAfterOnA503IsHonouredToo() throws Exception {
        h.set("importer.max-retry-after", "1");
        List<LoggedRequest> requests = retriedOnceThenCreated("u503ra@example.com",
                json(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"maintenance\"}")
                        .withHeader("Retry-After", "1"), "bv-503-ra");
        assertThat(gap(requests)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void a429WithAnHttpDateInThePastIsRetriedPromptly() throws Exception {
        // a cap well above the expected gap, so waiting "the cap" instead of "now" would show
        h.set("importer.max-retry-after", "10");
        List<LoggedRequest> requests = retriedOnceThenCreated("u429date@example.com",
                json(429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}")
                        .withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), "bv-429-date");
        assertThat(gap(requests)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void underARateA429WithoutRetryAfterIsRetriedAtTheNextTurnNotAfterTheBackoff() throws Exception {
        // a backoff of 20 s would show: the pace (50/s, lowered by the 429) is what spaces the retry
        h.set("importer.rate", "50").set("importer.retry-initial-delay", "20000").set("importer.retry-max-delay", "20000");
        List<LoggedRequest> requests = retriedOnceThenCreated("u429paced@example.com",
                json(429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}"), "bv-429-paced");
        assertThat(gap(requests)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withoutARateA429WithoutRetryAfterBacksOffLikeA503() throws Exception {
        h.set("importer.retry-initial-delay", "1000").set("importer.retry-max-delay", "1000");
        List<LoggedRequest> requests = retriedOnceThenCreated("u429backoff@example.com", json(429, "{}"),
                "bv-429-backoff");
        // equal jitter: at least half of the 1 s backoff (WireMock's request dates are coarse)
        assertThat(gap(requests)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void each5xxThatIsRetriedThenSucceedsIsCreatedOnTheSecondAttempt() throws Exception {
        failOnceThenCreate("u500@example.com", json(500, "{\"code\":\"InternalError\",\"message\":\"boom\"}"), "bv-500");
        failOnceThenCreate("u502@example.com", aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"), "bv-502");
        failOnceThenCreate("u504@example.com", aResponse().withStatus(504), "bv-504");
        h.drop("a.csv", VerifikStubs.file("u500@example.com", "u502@example.com", "u504@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        for (String id : List.of("500", "502", "504")) {
            String identifier = "u" + id + "@example.com";
            wireMock.verify(exactly(2), createdFor(identifier));
            assertThat(created().get(identifier)).as(identifier).containsEntry("validationId", "bv-" + id)
                    .containsEntry("attempts", "2");
        }
        wireMock.verify(exactly(6), anyCreate());
    }

    @Test
    void anAlways503RowGivesUpAfterMaxAttempts() throws Exception {
        h.set("importer.max-attempts", "3");
        wireMock.stubFor(createFor("down@example.com").willReturn(json(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"down\"}")));
        wireMock.stubFor(createFor("fine@example.com").willReturn(shapeA("bv-fine")));
        h.drop("a.csv", VerifikStubs.file("down@example.com", "fine@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        wireMock.verify(exactly(3), createdFor("down@example.com"));
        wireMock.verify(exactly(1), createdFor("fine@example.com"));
        assertThat(failed()).containsOnlyKeys("down@example.com");
        assertThat(failed().get("down@example.com")).containsEntry("errorCode", "SERVER_ERROR").containsEntry("attempts", "3")
                .containsEntry("retryable", "true").containsEntry("httpStatus", "503");
        assertThat(created()).containsOnlyKeys("fine@example.com");
        assertThat(h.filesUnder(h.archive)).hasSize(1);
    }

    @Test
    void anAlways429RowIsRateLimitedAfterItsRateLimitedAttempts() throws Exception {
        // max-attempts alone does not end it: 429s have their own allowance
        h.set("importer.max-attempts", "1").set("importer.max-rate-limited-attempts", "3");
        wireMock.stubFor(createFor("busy@example.com").willReturn(json(429, "{\"message\":\"Too many requests\"}")));
        h.drop("a.csv", VerifikStubs.file("busy@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        wireMock.verify(exactly(3), createdFor("busy@example.com"));
        assertThat(failed().get("busy@example.com")).containsEntry("errorCode", "RATE_LIMITED").containsEntry("attempts", "3")
                .containsEntry("retryable", "true").containsEntry("httpStatus", "429");
    }

    @Test
    void answers429DoNotUseUpTheRowsAttempts() throws Exception {
        h.set("importer.max-attempts", "2").set("importer.retry-initial-delay", "10").set("importer.retry-max-delay", "20");
        String scenario = "three-429s";
        wireMock.stubFor(createFor("paced@example.com").inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(json(429, "{\"message\":\"Too many requests\"}")).willSetStateTo("1"));
        wireMock.stubFor(createFor("paced@example.com").inScenario(scenario).whenScenarioStateIs("1")
                .willReturn(json(429, "{\"message\":\"Too many requests\"}")).willSetStateTo("2"));
        wireMock.stubFor(createFor("paced@example.com").inScenario(scenario).whenScenarioStateIs("2")
                .willReturn(json(503, "{\"message\":\"busy\"}")).willSetStateTo("3"));
        wireMock.stubFor(createFor("paced@example.com").inScenario(scenario).whenScenarioStateIs("3")
                .willReturn(shapeA("bv-paced")));
        h.drop("a.csv", VerifikStubs.file("paced@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        // two 429s, then a 503 (attempt one of two), then created (attempt two)
        wireMock.verify(exactly(4), createdFor("paced@example.com"));
        assertThat(created().get("paced@example.com")).containsEntry("validationId", "bv-paced")
                .containsEntry("attempts", "4");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void aConnectionLostAfterTheRequestWasSentIsOutcomeUnknownAndNotResent(Fault fault) throws Exception {
        wireMock.stubFor(createFor("lost@example.com").willReturn(aResponse().withFault(fault)));
        wireMock.stubFor(createFor("after@example.com").willReturn(shapeA("bv-after")));
        h.set("importer.concurrency", "1");
        h.drop("a.csv", VerifikStubs.file("lost@example.com", "after@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        wireMock.verify(exactly(1), createdFor("lost@example.com"));
        assertThat(failed().get("lost@example.com")).containsEntry("errorCode", "OUTCOME_UNKNOWN")
                .containsEntry("attempts", "1").containsEntry("retryable", "false").containsEntry("httpStatus", "");
        // the rest of the file goes on
        assertThat(created().get("after@example.com")).containsEntry("validationId", "bv-after");
    }

    @Test
    void aRefusedConnectionIsRetriedThenNetworkError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        ImporterHarness refused = new ImporterHarness(tmp, "http://127.0.0.1:" + closedPort, VerifikStubs.TOKEN)
                .set("importer.max-attempts", "2");
        refused.drop("a.csv", VerifikStubs.file("nobody@example.com"));

        ImporterHarness.Result r = refused.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        Map<String, String> row = csv(refused.onlyReportDir().resolve("failed.csv")).get(0);
        assertThat(row).containsEntry("identifier", "nobody@example.com").containsEntry("errorCode", "NETWORK_ERROR")
                .containsEntry("attempts", "2").containsEntry("retryable", "true").containsEntry("httpStatus", "");
        wireMock.verify(exactly(0), anyCreate());
    }

    @Test
    void aRowWaitingForItsRetryDoesNotHoldTheOnlyCallSlot() throws Exception {
        h.set("importer.concurrency", "1");
        failOnceThenCreate("wait1@example.com", json(503, "{}").withHeader("Retry-After", "1"), "bv-w1");
        failOnceThenCreate("wait2@example.com", json(503, "{}").withHeader("Retry-After", "1"), "bv-w2");
        h.drop("a.csv", VerifikStubs.file("wait1@example.com", "wait2@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<String> order = wireMock.findAll(anyCreate()).stream()
                .map(p -> VerifikStubs.parse(p.getBodyAsString()).get("identifier").asText()).toList();
        // the second row is sent during the first one's one-second backoff, not after its retry
        assertThat(order).hasSize(4);
        assertThat(order.get(1)).isNotEqualTo(order.get(0));
        assertThat(created()).containsOnlyKeys("wait1@example.com", "wait2@example.com");
    }
}

package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway mode on the wire. Its clock stands still unless a test moves it, so "back to back" and "60 ms
 * apart" mean exactly that however slowly this shared machine answers.
 */
class SimulatorGatewayTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(123_456_789_000L);
    private VerifikSimulator simulator;
    private SimHttp http;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    private void start(UnaryOperator<SimulatorOptionsBuilder> options) {
        simulator = new VerifikSimulator(options.apply(SimHttp.options()).build(), clock::get).start();
        http = new SimHttp(simulator);
    }

    @Test
    void theSecondOfTwoBackToBackPostsIs429WithoutRetryAfterAndCreatesNothing() {
        start(o -> o.gatewayRate(20));

        HttpResponse<String> first = http.post(validBody());
        HttpResponse<String> second = http.post(validBody().put("identifier", "bob@example.com"));

        assertThat(first.statusCode()).isEqualTo(200);
        SimulatorCreateTest.assertError(second, 429, "TooManyRequests",
                "Too many requests: the gateway's rate limit was exceeded");
        assertThat(second.headers().firstValue("Retry-After")).isEmpty();
        assertThat(simulator.validations()).extracting(CreatedValidation::identifier)
                .containsExactly("ana@example.com");
        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(200, 429);
    }

    @Test
    void postsSpaced60msApartAllPass() {
        start(o -> o.gatewayRate(20));

        for (int i = 0; i < 5; i++) {
            assertThat(http.post(validBody().put("identifier", "p" + i)).statusCode()).isEqualTo(200);
            clock.addAndGet(60 * MS);
        }

        assertThat(simulator.validations()).hasSize(5);
        assertThat(simulator.stats().gatewayRejected()).isZero();
    }

    @Test
    void getsAreLimitedTooAndShareTheBucketWithPosts() {
        start(o -> o.gatewayRate(20));

        assertThat(http.post(validBody()).statusCode()).isEqualTo(200);
        HttpResponse<String> list = http.get("/v2/biometric-validations");
        clock.addAndGet(50 * MS);
        HttpResponse<String> listLater = http.get("/v2/biometric-validations");
        HttpResponse<String> postAfterThat = http.post(validBody());

        assertThat(list.statusCode()).isEqualTo(429);
        assertThat(list.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json(list).get("code").asText()).isEqualTo("TooManyRequests");
        assertThat(listLater.statusCode()).isEqualTo(200);
        assertThat(postAfterThat.statusCode()).isEqualTo(429);
    }

    @Test
    void theGatewayAnswersBeforeTheTokenIsLookedAt() {
        start(o -> o.gatewayRate(20));

        HttpResponse<String> noTokenWithRoom = SimHttp.send(http.postRequest(validBody().toString()).build());
        HttpResponse<String> noTokenWhenFull = SimHttp.send(http.postRequest(validBody().toString()).build());

        assertThat(noTokenWithRoom.statusCode()).as("the gateway let it in, the API refused it").isEqualTo(401);
        assertThat(noTokenWhenFull.statusCode()).isEqualTo(429);
        assertThat(simulator.stats().gatewayAccepted()).isEqualTo(1);
        assertThat(simulator.stats().gatewayRejected()).isEqualTo(1);
    }

    @Test
    void simulatorEndpointsAreNeverLimitedAndStatsCountTheGatewaysAnswers() {
        start(o -> o.gatewayRate(20));
        http.post(validBody());
        http.post(validBody());
        http.get("/v2/biometric-validations");

        HttpResponse<String> stats = null;
        for (int i = 0; i < 10; i++) {
            assertThat(SimHttp.send(http.request("/_simulator/requests").GET().build()).statusCode()).isEqualTo(200);
            stats = SimHttp.send(http.request("/_simulator/stats").GET().build());
            assertThat(stats.statusCode()).isEqualTo(200);
        }

        JsonNode body = json(stats);
        assertThat(body.get("gatewayAccepted").asLong()).isEqualTo(1);
        assertThat(body.get("gatewayRejected").asLong()).isEqualTo(2);
        assertThat(body.get("posts").asLong()).as("a refused POST still reached the simulator").isEqualTo(2);
        assertThat(body.get("created").asLong()).isEqualTo(1);
        assertThat(body.get("maxPostsInAnyOneSecondWindow").asInt()).isEqualTo(2);
        assertThat(body.get("duplicateIdentifiers").asLong()).isZero();
        assertThat(simulator.stats()).isEqualTo(new SimulatorStats(2, 1, 2, 0, 1, 2));
    }

    @Test
    void burstLetsExactlyBurstPlusOneBackToBackThroughFromIdle() {
        start(o -> o.gatewayRate(20).gatewayBurst(3));

        int passed = 0;
        for (int i = 0; i < 6; i++) {
            if (http.post(validBody().put("identifier", "b" + i)).statusCode() == 200) {
                passed++;
            }
        }

        assertThat(passed).isEqualTo(4);
        assertThat(simulator.stats().gatewayAccepted()).isEqualTo(4);
        assertThat(simulator.stats().gatewayRejected()).isEqualTo(2);
    }

    @Test
    void resetEmptiesTheBucketAndTheCounts() {
        start(o -> o.gatewayRate(20));
        http.post(validBody());
        http.post(validBody());

        simulator.reset();

        assertThat(simulator.stats().gatewayAccepted()).isZero();
        assertThat(simulator.stats().gatewayRejected()).isZero();
        assertThat(http.post(validBody()).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAGatewayNothingIsLimitedOrCounted() {
        start(o -> o);

        for (int i = 0; i < 5; i++) {
            assertThat(http.post(validBody().put("identifier", "n" + i)).statusCode()).isEqualTo(200);
        }

        assertThat(simulator.stats().gatewayAccepted()).isZero();
        assertThat(simulator.stats().gatewayRejected()).isZero();
        assertThat(json(SimHttp.send(http.request("/_simulator/stats").GET().build())).get("gatewayRejected").asLong())
                .isZero();
    }
}

package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorFaultsTest {

    private VerifikSimulator simulator;
    private SimHttp http;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    private void start(UnaryOperator<SimulatorOptionsBuilder> options) {
        simulator = new VerifikSimulator(options.apply(SimHttp.options()).build()).start();
        http = new SimHttp(simulator);
    }

    @Test
    void latencyDelaysEveryApiAnswer() {
        start(o -> o.latencyMs(150).latencyJitterMs(50));

        long started = System.nanoTime();
        HttpResponse<String> response = http.post(validBody());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void droppedPostClosesTheConnectionWithoutAnAnswerAndRecordsNothing() {
        start(o -> o.dropRate(1.0));

        assertThatThrownBy(() -> http.post(validBody()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);

        assertThat(simulator.validations()).isEmpty();
        assertThat(simulator.requests()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RecordedRequest.DROPPED);
            assertThat(r.dropped()).isTrue();
            assertThat(r.method()).isEqualTo("POST");
        });
        assertThat(http.get("/v2/biometric-validations").statusCode()).as("only POSTs are dropped").isEqualTo(200);
    }

    @Test
    void droppedPostGivesARawClientEndOfStreamWithNoBytes() throws IOException {
        start(o -> o.dropRate(1.0));
        String body = validBody().toString();
        String request = "POST /v2/biometric-validations HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + SimHttp.TOKEN + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;

        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            assertThat(first).as("no response byte before the connection closes").isEqualTo(-1);
        }
        assertThat(simulator.validations()).isEmpty();
    }

    @Test
    void serverErrorsAre500JsonOr503TextAndRecordNothing() {
        start(o -> o.serverErrorRate(1.0));

        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = http.post(validBody());
            statuses.add(response.statusCode());
            if (response.statusCode() == 500) {
                SimulatorCreateTest.assertError(response, 500, "InternalServerError", "Server error.");
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).isEqualTo("Service Unavailable");
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain"));
            }
        }

        assertThat(statuses).containsExactlyInAnyOrder(500, 503);
        assertThat(simulator.validations()).isEmpty();
        assertThat(simulator.requests()).hasSize(20);
    }

    @Test
    void sameSeedGivesTheSameFaultSequence() {
        List<Integer> first = statusesWithSeed(7);
        List<Integer> second = statusesWithSeed(7);

        assertThat(first).isEqualTo(second).contains(200).containsAnyOf(500, 503);
    }

    private List<Integer> statusesWithSeed(long seed) {
        try (VerifikSimulator sim = new VerifikSimulator(SimHttp.options().serverErrorRate(0.5).seed(seed).build())
                .start()) {
            SimHttp client = new SimHttp(sim);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(client.post(validBody()).statusCode());
            }
            return statuses;
        }
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        start(o -> o.rateLimitPerSecond(2).rateLimitRetryAfter(7));

        List<HttpResponse<String>> responses = List.of(
                http.post(validBody()), http.post(validBody()), http.post(validBody()));

        assertThat(responses.get(0).statusCode()).isEqualTo(200);
        assertThat(responses.get(1).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = responses.get(2);
        SimulatorCreateTest.assertError(limited, 429, "RateLimitExceeded", "Too many requests");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(simulator.validations()).hasSize(2);
    }

    @Test
    void rateLimitWithoutRetryAfterSendsNoHeaderAndRecoversAfterTheWindow() {
        start(o -> o.rateLimitPerSecond(1));

        assertThat(http.post(validBody()).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = http.post(validBody());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.post(validBody()).statusCode() == 200);
        assertThat(simulator.validations()).hasSize(2);
    }

    @Test
    void tokenExpiresAfterTheConfiguredNumberOfPosts() {
        start(o -> o.tokenExpiresAfterCalls(2));

        assertThat(http.post(validBody()).statusCode()).isEqualTo(200);
        assertThat(http.post(validBody().put("type", "nonsense")).statusCode())
                .as("a refused body still used the token").isEqualTo(409);
        HttpResponse<String> third = http.post(validBody());

        SimulatorCreateTest.assertError(third, 401, "Unauthorized", "Invalid or expired token.");
        assertThat(http.get("/v2/biometric-validations").statusCode()).isEqualTo(401);
        assertThat(simulator.validations()).hasSize(1);

        simulator.reset();
        assertThat(http.post(validBody()).statusCode()).as("reset renews the token").isEqualTo(200);
    }

    @Test
    void slowAnswerAfterRecordMakesTheClientTimeOutWhileTheValidationExists() {
        start(o -> o.slowAfterRecordRate(1.0).slowAfterRecordMs(5_000));
        HttpRequest request = http.postRequest(validBody().toString())
                .header("Authorization", "Bearer " + SimHttp.TOKEN)
                .timeout(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(simulator.validations()).singleElement()
                .satisfies(v -> assertThat(v.identifier()).isEqualTo("ana@example.com"));
    }

    @Test
    void slowAnswerStillArrivesWhenTheClientWaitsLongEnough() {
        start(o -> o.slowAfterRecordRate(1.0).slowAfterRecordMs(100));

        long started = System.nanoTime();
        HttpResponse<String> response = http.post(validBody());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(json(response).at("/data/biometricValidation/_id").asText())
                .isEqualTo(simulator.validations().get(0).id());
    }
}

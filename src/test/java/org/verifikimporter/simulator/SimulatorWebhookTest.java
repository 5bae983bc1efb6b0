package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;
import static org.verifikimporter.simulator.SimulatorStatusTest.created;
import static org.verifikimporter.simulator.SimulatorStatusTest.identifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status changes POSTed to a receiver in this test, with retries on a bad answer. */
class SimulatorWebhookTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private HttpServer receiver;
    /** Every body received, in arrival order, and the raw query each came with. */
    private final Queue<String> bodies = new ConcurrentLinkedQueue<>();
    private final Queue<String> queries = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void everyChangeIsPostedOnceAsTypeAndFullObject() {
        String url = startReceiver(attempt -> 200) + "/hooks/verifik?secret=s3cr3t-q";
        try (VerifikSimulator simulator = SimulatorStatusTest.start(SimHttp.options().webhookUrl(url)
                .completeShare(0.6).failShare(0.1).expireShare(0.1))) {
            SimHttp http = new SimHttp(simulator);
            Map<String, String> expectedById = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                String id = created(http.post(validBody().put("identifier", identifier(i))));
                if (!"new".equals(simulator.fateOf(identifier(i)))) {
                    expectedById.put(id, simulator.fateOf(identifier(i)));
                }
            }

            await().atMost(PATIENCE).until(() -> simulator.stats().webhooksDelivered() == expectedById.size());

            Map<String, String> receivedById = new HashMap<>();
            for (String body : bodies) {
                JsonNode event = parse(body);
                JsonNode object = event.get("object");
                assertThat(event.get("type").asText()).isEqualTo("biometric_validation_" + object.get("status").asText());
                assertThat(object.get("identifier").asText()).startsWith("person-");
                assertThat(object.has("createdAt")).isTrue();
                assertThat(receivedById.put(object.get("_id").asText(), object.get("status").asText())).isNull();
            }
            assertThat(receivedById).isEqualTo(expectedById);
            assertThat(queries).containsOnly("secret=s3cr3t-q");
            assertThat(simulator.stats().webhooksFailed()).isZero();
            JsonNode stats = json(SimHttp.send(http.request("/_simulator/stats").GET().build()));
            assertThat(stats.get("webhooksDelivered").asInt()).isEqualTo(expectedById.size());
            assertThat(stats.get("statusChanges").asInt()).isEqualTo(expectedById.size());
            // the receiver's secret sits in the query: nothing the simulator prints shows it
            assertThat(simulator.options().toString()).doesNotContain("s3cr3t-q").contains("/hooks/verifik?<redacted>");
        }
    }

    @Test
    void aDeliveryAnsweredWithAnErrorIsTriedAgain() {
        // every event is refused twice, then taken
        String url = startReceiver(attempt -> attempt <= 2 ? 503 : 204) + "/hook";
        try (VerifikSimulator simulator = SimulatorStatusTest.start(SimHttp.options().webhookUrl(url)
                .completeShare(1.0))) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody()));

            await().atMost(PATIENCE).until(() -> simulator.stats().webhooksDelivered() == 1);

            assertThat(attemptsById.get(id).get()).isEqualTo(3);
            assertThat(simulator.stats().webhooksFailed()).isZero();
        }
    }

    @Test
    void aReceiverThatNeverTakesItCountsOneFailureAfterEveryAttempt() {
        String url = startReceiver(attempt -> 500) + "/hook";
        try (VerifikSimulator simulator = SimulatorStatusTest.start(SimHttp.options().webhookUrl(url)
                .failShare(1.0))) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody()));

            await().atMost(PATIENCE).until(() -> simulator.stats().webhooksFailed() == 1);

            assertThat(attemptsById.get(id).get()).isEqualTo(WebhookSender.ATTEMPTS);
            assertThat(simulator.stats().webhooksDelivered()).isZero();
            assertThat(parse(bodies.peek()).get("type").asText()).isEqualTo("biometric_validation_failed");
        }
    }

    @Test
    void noReceiverListeningIsAFailureNotAnError() {
        try (VerifikSimulator simulator = SimulatorStatusTest.start(SimHttp.options()
                .webhookUrl("http://127.0.0.1:9/nobody").completeShare(1.0))) {
            SimHttp http = new SimHttp(simulator);
            created(http.post(validBody()));

            await().atMost(PATIENCE).until(() -> simulator.stats().webhooksFailed() == 1);
            assertThat(http.get("/v2/biometric-validations").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAWebhookUrlNothingIsCounted() {
        try (VerifikSimulator simulator = SimulatorStatusTest.start(SimHttp.options().completeShare(1.0))) {
            created(new SimHttp(simulator).post(validBody()));

            assertThat(simulator.statuses()).extracting(SimulatedStatus::status).containsExactly("completed");
            assertThat(simulator.stats().webhooksDelivered()).isZero();
            assertThat(simulator.stats().webhooksFailed()).isZero();
        }
    }

    /** @param answer the status to answer an event's n-th attempt (from 1) with */
    private String startReceiver(IntUnaryOperator answer) {
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver.createContext("/", exchange -> receive(exchange, answer));
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    private void receive(HttpExchange exchange, IntUnaryOperator answer) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = parse(body).at("/object/_id").asText();
        int attempt = attemptsById.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        int status = answer.applyAsInt(attempt);
        if (status >= 200 && status <= 299) {
            bodies.add(body);
            queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
        } else if (attempt == 1) {
            bodies.add(body);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static JsonNode parse(String body) {
        try {
            return SimHttp.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}

package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Validations that change status over time, the single read and {@code GET /_simulator/validations}. */
class SimulatorStatusTest {

    private static final int PEOPLE = 100;

    @Test
    void sharesGiveEachValidationTheStatusItsIdentifierHashesTo() {
        try (VerifikSimulator simulator = start(SimHttp.options().completeShare(0.6).failShare(0.1).expireShare(0.1))) {
            SimHttp http = new SimHttp(simulator);
            Map<String, String> expectedById = new HashMap<>();
            for (int i = 0; i < PEOPLE; i++) {
                String identifier = identifier(i);
                expectedById.put(created(http.post(validBody().put("identifier", identifier))),
                        simulator.fateOf(identifier));
            }

            JsonNode index = json(SimHttp.send(http.request("/_simulator/validations").GET().build()));

            assertThat(index).hasSize(PEOPLE);
            Map<String, String> actualById = new HashMap<>();
            index.forEach(v -> actualById.put(v.get("_id").asText(), v.get("status").asText()));
            assertThat(actualById).isEqualTo(expectedById);
            // the rule gives these exact numbers for these 100 identifiers, close to the 60/10/10/20 asked for
            assertThat(counts(actualById)).isEqualTo(Map.of("completed", 57L, "failed", 15L, "expired", 10L, "new", 18L));
            assertThat(simulator.statuses()).extracting(SimulatedStatus::status)
                    .containsExactlyElementsOf(index.findValuesAsText("status"));
            assertThat(simulator.stats().statusChanges()).isEqualTo(PEOPLE - 18);
            index.forEach(v -> assertThat(v.get("identifier").asText()).startsWith("person-"));
        }
    }

    @Test
    void fateIsAStableHashOfTheIdentifierAlone() {
        StatusOptions options = new StatusOptions(0.6, 0.1, 0.1, Duration.ZERO, null, null);

        assertThat(StatusOptions.position("person-000@example.com"))
                .isEqualTo(StatusOptions.position("person-000@example.com")).isBetween(0.0, 1.0);
        Map<String, Long> counts = counts(java.util.stream.IntStream.range(0, 10_000).boxed()
                .collect(Collectors.toMap(SimulatorStatusTest::identifier, i -> options.fateOf(identifier(i)))));
        assertThat(counts.get("completed")).isBetween(5_800L, 6_200L);
        assertThat(counts.get("failed")).isBetween(900L, 1_100L);
        assertThat(counts.get("expired")).isBetween(900L, 1_100L);
        assertThat(counts.get("new")).isBetween(1_800L, 2_200L);
    }

    @Test
    void singleReadAnswersTheFullObjectWithItsStatusNow() {
        try (VerifikSimulator simulator = start(SimHttp.options().completeShare(1.0))) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody().put("identifier", "ana@example.com")
                    .put("redirectUrl", "https://example.com/back").put("language", "es")));

            HttpResponse<String> response = http.get("/v2/biometric-validations/" + id);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode data = json(response).get("data");
            CreatedValidation created = simulator.validations().get(0);
            assertThat(data.get("_id").asText()).isEqualTo(id);
            assertThat(data.get("status").asText()).isEqualTo("completed");
            assertThat(data.get("identifier").asText()).isEqualTo("ana@example.com");
            assertThat(data.get("project").asText()).isEqualTo(ProjectCatalog.DEMO_PROJECT_1);
            assertThat(data.get("projectFlow").asText()).isEqualTo(ProjectCatalog.DEMO_FLOW_LOGIN);
            assertThat(data.get("type").asText()).isEqualTo("login");
            assertThat(data.get("url").asText()).isEqualTo(created.url());
            assertThat(data.get("livenessSession").asText()).isEqualTo(created.livenessSessionId());
            assertThat(data.get("redirectUrl").asText()).isEqualTo("https://example.com/back");
            assertThat(data.get("language").asText()).isEqualTo("es");
            assertThat(Instant.parse(data.get("createdAt").asText())).isEqualTo(created.createdAt());
            // settle-after 0: the change is due the moment the validation exists
            assertThat(Instant.parse(data.get("updatedAt").asText())).isEqualTo(created.createdAt());
            assertThat(data.get("completedAt").asText()).isEqualTo(data.get("updatedAt").asText());
        }
    }

    @Test
    void unknownIdIs404AndTheSingleReadNeedsTheToken() {
        try (VerifikSimulator simulator = start(SimHttp.options())) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody()));

            SimulatorCreateTest.assertError(http.get("/v2/biometric-validations/000000000000000000000000"),
                    404, "NotFound", "404:biometric_validation_not_found");
            SimulatorCreateTest.assertError(SimHttp.send(http.request("/v2/biometric-validations/" + id).GET().build()),
                    401, "Unauthorized", "Invalid or expired token.");
            HttpResponse<String> post = SimHttp.send(http.request("/v2/biometric-validations/" + id)
                    .header("Authorization", "Bearer " + SimHttp.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void theSingleReadIs401OnceTheTokenHasExpired() {
        try (VerifikSimulator simulator = start(SimHttp.options().tokenExpiresAfterCalls(1))) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody()));

            SimulatorCreateTest.assertError(http.get("/v2/biometric-validations/" + id),
                    401, "Unauthorized", "Invalid or expired token.");
        }
    }

    @Test
    void withTheOptionsOffEveryValidationStaysNewEvenPastItsExpiresAt() {
        try (VerifikSimulator simulator = start(SimHttp.options())) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody().put("expiresAt", "2001-01-01T00:00:00.000Z")));

            assertThat(json(http.get("/v2/biometric-validations/" + id)).at("/data/status").asText()).isEqualTo("new");
            assertThat(json(http.get("/v2/biometric-validations")).at("/data/docs/0/status").asText()).isEqualTo("new");
            assertThat(simulator.statuses()).extracting(SimulatedStatus::status).containsExactly("new");
            assertThat(simulator.stats().statusChanges()).isZero();
            assertThat(simulator.fateOf("anyone")).isEqualTo("new");
        }
    }

    @Test
    void nothingChangesBeforeTheSettleTime() {
        try (VerifikSimulator simulator = start(SimHttp.options().completeShare(1.0).settleAfter(Duration.ofHours(1)))) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody()));

            assertThat(json(http.get("/v2/biometric-validations/" + id)).at("/data/status").asText()).isEqualTo("new");
            assertThat(simulator.statuses().get(0).changedAt()).isNull();
        }
    }

    @Test
    void anExpiresAtInThePastExpiresEvenAValidationBoundToComplete() {
        try (VerifikSimulator simulator = start(SimHttp.options().completeShare(1.0).settleAfter(Duration.ofHours(1)))) {
            SimHttp http = new SimHttp(simulator);
            String past = created(http.post(validBody().put("identifier", "late@example.com")
                    .put("expiresAt", "2001-01-01T00:00:00.000Z")));
            String future = created(http.post(validBody().put("identifier", "early@example.com")
                    .put("expiresAt", "2999-01-01T00:00:00.000Z")));

            assertThat(json(http.get("/v2/biometric-validations/" + past)).at("/data/status").asText())
                    .isEqualTo("expired");
            assertThat(json(http.get("/v2/biometric-validations/" + future)).at("/data/status").asText())
                    .isEqualTo("new");
        }
    }

    @Test
    void expireAfterEndsTheOpenOnesWithoutAnExpiresAt() {
        try (VerifikSimulator simulator = start(SimHttp.options().expireAfter(Duration.ofMillis(1)))) {
            SimHttp http = new SimHttp(simulator);
            created(http.post(validBody()));

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(simulator.statuses()).extracting(SimulatedStatus::status).containsExactly("expired"));
            assertThat(simulator.stats().statusChanges()).isEqualTo(1);
        }
    }

    @Test
    void resetForgetsTheStatuses() {
        try (VerifikSimulator simulator = start(SimHttp.options().completeShare(1.0))) {
            SimHttp http = new SimHttp(simulator);
            String id = created(http.post(validBody()));
            simulator.reset();

            assertThat(http.get("/v2/biometric-validations/" + id).statusCode()).isEqualTo(404);
            assertThat(simulator.statuses()).isEmpty();
            assertThat(simulator.stats().statusChanges()).isZero();
        }
    }

    static String identifier(int i) {
        return String.format("person-%03d@example.com", i);
    }

    static VerifikSimulator start(SimulatorOptionsBuilder options) {
        return new VerifikSimulator(options.build()).start();
    }

    static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).at("/data/biometricValidation/_id").asText();
    }

    static Map<String, Long> counts(Map<String, String> statusById) {
        return statusById.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}

package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorListTest {

    private static VerifikSimulator simulator;
    private static SimHttp http;
    /** Ids in creation order: ana, bob (login flow), cy (onboarding flow). */
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void createThree() {
        simulator = new VerifikSimulator(SimHttp.options().build()).start();
        http = new SimHttp(simulator);
        ids.add(created(http.post(validBody().put("identifier", "ana"))));
        ids.add(created(http.post(validBody().put("identifier", "bob"))));
        ids.add(created(http.post(validBody().put("identifier", "cy").put("type", "onboarding")
                .put("projectFlow", ProjectCatalog.DEMO_FLOW_ONBOARDING))));
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @Test
    void listsNewestFirstWithTheDocumentedFields() {
        HttpResponse<String> response = http.get("/v2/biometric-validations");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(docIds(data)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(data.get("total").asInt()).isEqualTo(3);
        assertThat(data.get("limit").asInt()).isEqualTo(20);
        assertThat(data.get("page").asInt()).isEqualTo(1);
        assertThat(data.get("pages").asInt()).isEqualTo(1);
        JsonNode doc = data.get("docs").get(0);
        assertThat(doc.get("status").asText()).isEqualTo("new");
        assertThat(doc.get("type").asText()).isEqualTo("onboarding");
        assertThat(doc.get("url").asText()).contains("/stand-alone/");
        assertThat(doc.get("project").asText()).isEqualTo(ProjectCatalog.DEMO_PROJECT_1);
        assertThat(doc.get("projectFlow").asText()).isEqualTo(ProjectCatalog.DEMO_FLOW_ONBOARDING);
        assertThat(Instant.parse(doc.get("createdAt").asText())).isEqualTo(simulator.validations().get(2).createdAt());
        assertThat(doc.has("livenessSession")).isFalse();
    }

    @Test
    void pagesThroughWithPerPage() {
        JsonNode first = json(http.get("/v2/biometric-validations?perPage=2&page=1")).get("data");
        JsonNode second = json(http.get("/v2/biometric-validations?perPage=2&page=2")).get("data");
        JsonNode beyond = json(http.get("/v2/biometric-validations?perPage=2&page=3")).get("data");

        assertThat(docIds(first)).containsExactly(ids.get(2), ids.get(1));
        assertThat(docIds(second)).containsExactly(ids.get(0));
        assertThat(docIds(beyond)).isEmpty();
        assertThat(first.get("pages").asInt()).isEqualTo(2);
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(second.get("page").asInt()).isEqualTo(2);
    }

    @Test
    void perPageIsCappedAt100AsVerifikDocuments() {
        JsonNode data = json(http.get("/v2/biometric-validations?perPage=10000")).get("data");

        assertThat(data.get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void badPageIs400() {
        HttpResponse<String> response = http.get("/v2/biometric-validations?page=0");

        SimulatorCreateTest.assertError(response, 400, "InvalidParameter", "page must be a whole number from 1");
    }

    @Test
    void filtersByProjectFlowAndProject() {
        JsonNode byFlow = json(http.get("/v2/biometric-validations?where_projectFlow="
                + ProjectCatalog.DEMO_FLOW_LOGIN)).get("data");
        JsonNode otherProject = json(http.get("/v2/biometric-validations?where_project="
                + ProjectCatalog.DEMO_PROJECT_2)).get("data");

        assertThat(docIds(byFlow)).containsExactly(ids.get(1), ids.get(0));
        assertThat(byFlow.get("total").asInt()).isEqualTo(2);
        assertThat(docIds(otherProject)).isEmpty();
        assertThat(otherProject.get("total").asInt()).isEqualTo(0);
    }

    @Test
    void filtersByCreatedAtWithEncodedOperators() {
        Instant secondCreated = simulator.validations().get(1).createdAt();
        String since = URLEncoder.encode(secondCreated.toString(), StandardCharsets.UTF_8);

        JsonNode from = json(http.get("/v2/biometric-validations?where%3E%3D_createdAt=" + since)).get("data");
        JsonNode after = json(http.get("/v2/biometric-validations?where%3E_createdAt=" + since)).get("data");

        // Creations may share a millisecond, so the expectation is computed from the recorded times.
        assertThat(docIds(from)).containsExactlyElementsOf(newestFirstIds(v -> !v.createdAt().isBefore(secondCreated)))
                .contains(ids.get(1), ids.get(2));
        assertThat(docIds(after)).containsExactlyElementsOf(newestFirstIds(v -> v.createdAt().isAfter(secondCreated)))
                .doesNotContain(ids.get(0), ids.get(1));
    }

    @Test
    void filterInTheFutureFindsNothing() {
        JsonNode data = json(http.get("/v2/biometric-validations?where%3E_createdAt=2999-01-01T00:00:00Z"))
                .get("data");

        assertThat(data.get("docs")).isEmpty();
        assertThat(data.get("total").asInt()).isZero();
    }

    @Test
    void badInstantIs400() {
        HttpResponse<String> response = http.get("/v2/biometric-validations?where%3E_createdAt=yesterday");

        SimulatorCreateTest.assertError(response, 400, "InvalidParameter",
                "where>_createdAt must be an ISO-8601 instant");
    }

    @Test
    void populatesLivenessSessionWithTheIdentifier() {
        JsonNode docs = json(http.get("/v2/biometric-validations?populates%5B%5D=livenessSession"
                + "&where_projectFlow=" + ProjectCatalog.DEMO_FLOW_LOGIN)).at("/data/docs");

        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).at("/livenessSession/identifier").asText()).isEqualTo("bob");
        assertThat(docs.get(1).at("/livenessSession/identifier").asText()).isEqualTo("ana");
        assertThat(docs.get(1).at("/livenessSession/_id").asText())
                .isEqualTo(simulator.validations().get(0).livenessSessionId());
    }

    @Test
    void listingNeedsTheToken() {
        HttpResponse<String> response = SimHttp.send(http.request("/v2/biometric-validations").GET().build());

        SimulatorCreateTest.assertError(response, 401, "Unauthorized", "Invalid or expired token.");
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).at("/data/biometricValidation/_id").asText();
    }

    private static List<String> newestFirstIds(Predicate<CreatedValidation> filter) {
        List<String> result = new ArrayList<>(simulator.validations().stream().filter(filter)
                .map(CreatedValidation::id).toList());
        Collections.reverse(result);
        return result;
    }

    private static List<String> docIds(JsonNode data) {
        List<String> result = new ArrayList<>();
        data.get("docs").forEach(doc -> result.add(doc.get("_id").asText()));
        return result;
    }
}

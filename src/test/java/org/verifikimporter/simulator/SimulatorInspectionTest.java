package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorInspectionTest {

    private static VerifikSimulator simulator;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        simulator = new VerifikSimulator(SimHttp.options().build()).start();
        http = new SimHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @BeforeEach
    void clean() {
        simulator.reset();
    }

    @Test
    void requestsAreLoggedInArrivalOrderWithTheirStatus() {
        http.post(validBody());
        http.post(validBody().put("identifier", " "));
        SimHttp.send(http.postRequest(validBody().toString()).build());
        http.get("/v2/biometric-validations?perPage=5");

        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(200, 409, 401, 200);
        RecordedRequest first = simulator.requests().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v2/biometric-validations");
        assertThat(first.body()).isEqualTo(validBody().toString());
        assertThat(first.header("Content-Type")).hasValue("application/json");
        assertThat(first.headers()).containsKey("content-type");
        assertThat(first.header("authorization")).hasValue("Bearer " + SimHttp.TOKEN);
        assertThat(simulator.requests().get(3).rawQuery()).isEqualTo("perPage=5");
    }

    @Test
    void requestLogEndpointRedactsTheToken() {
        http.post(validBody());

        HttpResponse<String> response = SimHttp.send(http.request("/_simulator/requests").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode entry = json(response).get(0);
        assertThat(entry.get("method").asText()).isEqualTo("POST");
        assertThat(entry.get("path").asText()).isEqualTo("/v2/biometric-validations");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.at("/headers/authorization").asText()).isEqualTo("<redacted>");
        assertThat(entry.at("/headers/content-type").asText()).isEqualTo("application/json");
        assertThat(entry.get("body").asText()).isEqualTo(validBody().toString());
        assertThat(response.body()).doesNotContain(SimHttp.TOKEN);
    }

    @Test
    void statsCountPostsCreationsWindowAndDuplicates() {
        http.post(validBody());
        http.post(validBody());
        http.post(validBody().put("identifier", "bob"));
        http.post(validBody().put("type", "nope"));

        JsonNode stats = json(SimHttp.send(http.request("/_simulator/stats").GET().build()));

        assertThat(stats.get("posts").asInt()).isEqualTo(4);
        assertThat(stats.get("created").asInt()).isEqualTo(3);
        assertThat(stats.get("maxPostsInAnyOneSecondWindow").asInt()).isBetween(1, 4);
        assertThat(stats.get("duplicateIdentifiers").asInt()).isEqualTo(1);
        assertThat(simulator.stats()).isEqualTo(new SimulatorStats(4, 3,
                stats.get("maxPostsInAnyOneSecondWindow").asInt(), 1));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        HttpResponse<String> unknown = http.get("/v2/other");
        HttpResponse<String> byId = http.get("/v2/biometric-validations/abc");
        HttpResponse<String> put = SimHttp.send(http.request("/v2/biometric-validations")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> postStats = SimHttp.send(http.request("/_simulator/stats")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asText()).isEqualTo("NotFound");
        assertThat(byId.statusCode()).isEqualTo(404);
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(postStats.statusCode()).isEqualTo(405);
        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(404, 404, 405, 405);
    }

    @Test
    void resetForgetsEverything() {
        http.post(validBody());

        simulator.reset();

        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.validations()).isEmpty();
        assertThat(simulator.createdCountByIdentifier()).isEmpty();
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        var requests = simulator.requests();
        var validations = simulator.validations();

        http.post(validBody());

        assertThat(requests).isEmpty();
        assertThat(validations).isEmpty();
    }
}

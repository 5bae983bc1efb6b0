package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK client for the simulator tests, so they exercise real HTTP. */
final class SimHttp {

    static final String TOKEN = "test-token-3f9a";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final VerifikSimulator simulator;

    SimHttp(VerifikSimulator simulator) {
        this.simulator = simulator;
    }

    static SimulatorOptionsBuilder options() {
        return SimulatorOptions.builder().token(TOKEN);
    }

    /** A body that the demo catalog accepts. */
    static ObjectNode validBody() {
        return JSON.createObjectNode()
                .put("project", ProjectCatalog.DEMO_PROJECT_1)
                .put("projectFlow", ProjectCatalog.DEMO_FLOW_LOGIN)
                .put("identifier", "ana@example.com")
                .put("type", "login");
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(5));
    }

    HttpRequest.Builder postRequest(String body) {
        return request("/v2/biometric-validations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> post(JsonNode body) {
        return post(body.toString());
    }

    HttpResponse<String> post(String body) {
        return send(postRequest(body).header("Authorization", "Bearer " + TOKEN).build());
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}

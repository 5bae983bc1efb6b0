package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SimulatorShapeTest {

    @Test
    void shapeAEchoesTheRequestWithIdStatusAndTimestamps() {
        try (VerifikSimulator simulator = new VerifikSimulator(SimHttp.options().shapeA(true).build()).start()) {
            HttpResponse<String> response = new SimHttp(simulator).post(validBody()
                    .put("sendViaEmail", true).put("email", "ana@example.com").put("language", "es")
                    .put("redirectUrl", " "));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode root = json(response);
            assertThat(root.get("success").asBoolean()).isTrue();
            JsonNode data = root.get("data");
            assertThat(data.get("_id").asText()).isEqualTo(simulator.validations().get(0).id());
            assertThat(data.get("status").asText()).isEqualTo("new");
            assertThat(data.get("identifier").asText()).isEqualTo("ana@example.com");
            assertThat(data.get("type").asText()).isEqualTo("login");
            assertThat(data.get("sendViaEmail").asBoolean()).isTrue();
            assertThat(data.get("email").asText()).isEqualTo("ana@example.com");
            assertThat(data.get("language").asText()).isEqualTo("es");
            assertThat(data.has("redirectUrl")).as("blank fields count as absent").isFalse();
            assertThat(data.has("client")).isTrue();
            assertThat(data.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(data.has("biometricValidation")).isFalse();
            assertThat(simulator.validations().get(0).email()).isEqualTo("ana@example.com");
        }
    }

    @Test
    void successStatusCanBe201() {
        try (VerifikSimulator simulator = new VerifikSimulator(SimHttp.options().successStatus(201).build()).start()) {
            HttpResponse<String> response = new SimHttp(simulator).post(validBody());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(json(response).at("/data/biometricValidation/status").asText()).isEqualTo("new");
            assertThat(simulator.requests().get(0).status()).isEqualTo(201);
        }
    }
}

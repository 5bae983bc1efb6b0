package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.TOKEN;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorCreateTest {

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

    // --- auth -------------------------------------------------------------------------------------------------

    @Test
    void missingTokenIs401AndCreatesNothing() {
        HttpResponse<String> response = SimHttp.send(http.postRequest(validBody().toString()).build());

        assertUnauthorized(response);
        assertThat(simulator.validations()).isEmpty();
        assertThat(simulator.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", TOKEN, "JWT " + TOKEN, "bearer " + TOKEN, "Bearer  " + TOKEN,
            "Bearer " + TOKEN + "x", "Bearer est-token-3f9a"})
    void anythingButExactlyBearerTokenIs401(String authorization) {
        HttpResponse<String> response = SimHttp.send(
                http.postRequest(validBody().toString()).header("Authorization", authorization).build());

        assertUnauthorized(response);
        assertThat(response.body()).doesNotContain(TOKEN);
        assertThat(simulator.validations()).isEmpty();
    }

    @Test
    void tokenIsNeverEchoed() {
        HttpResponse<String> created = http.post(validBody());
        HttpResponse<String> log = http.get("/_simulator/requests");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).doesNotContain(TOKEN);
        assertThat(log.body()).doesNotContain(TOKEN).contains("\"authorization\":\"<redacted>\"");
        assertThat(simulator.requests().get(0).toString()).doesNotContain(TOKEN);
    }

    // --- body and fields --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"text\"", "{\"project\":\"a\"} trailing",
            "{\"project\":\"a\",\"project\":\"b\"}"})
    void bodyThatIsNotOneJsonObjectIs400(String body) {
        HttpResponse<String> response = http.post(body);

        assertError(response, 400, "BadRequest", "body must be a JSON object");
    }

    @Test
    void contentTypeOtherThanJsonIs400() {
        HttpResponse<String> response = SimHttp.send(http.request("/v2/biometric-validations")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(validBody().toString())).build());

        assertError(response, 400, "BadRequest", "Content-Type must be application/json");
    }

    @Test
    void contentTypeWithCharsetIsAccepted() {
        HttpResponse<String> response = SimHttp.send(http.request("/v2/biometric-validations")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(validBody().toString())).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownFieldIs409() {
        HttpResponse<String> response = http.post(validBody().put("location", "x"));

        assertError(response, 409, "InvalidParameter", "unknown field location");
    }

    @ParameterizedTest
    @ValueSource(strings = {"requires2FA", "sendViaEmail"})
    void booleanFieldsMustBeJsonBooleans(String field) {
        HttpResponse<String> response = http.post(validBody().put(field, "true"));

        assertError(response, 409, "InvalidParameter", field + " must be a boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"identifier", "expiresAt", "redirectUrl", "webhookUrl", "ipAddress", "email", "language"})
    void stringFieldsMustBeJsonStrings(String field) {
        ObjectNode body = validBody();
        body.put(field, 42);

        assertError(http.post(body), 409, "InvalidParameter", field + " must be a string");
    }

    @Test
    void nullIsAWrongTypeNotAMissingField() {
        ObjectNode body = validBody();
        body.putNull("email");

        assertError(http.post(body), 409, "InvalidParameter", "email must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"project", "projectFlow", "identifier", "type"})
    void requiredFieldMissingIs409(String field) {
        ObjectNode body = validBody();
        body.remove(field);

        assertError(http.post(body), 409, "MissingParameter", "missing " + field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankRequiredFieldCountsAsMissing(String blank) {
        assertError(http.post(validBody().put("identifier", blank)), 409, "MissingParameter", "missing identifier");
    }

    @Test
    void firstMissingFieldInDocumentedOrderIsNamed() {
        assertError(http.post("{}"), 409, "MissingParameter", "missing project");
    }

    @Test
    void sendViaEmailWithoutEmailIs409() {
        assertError(http.post(validBody().put("sendViaEmail", true)), 409, "MissingParameter", "missing email");
        assertError(http.post(validBody().put("sendViaEmail", true).put("email", " ")), 409, "MissingParameter",
                "missing email");
    }

    @Test
    void sendViaEmailFalseNeedsNoEmail() {
        assertThat(http.post(validBody().put("sendViaEmail", false)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Login", "liveness", "LOGIN", "one_time_link"})
    void unknownTypeIs409(String type) {
        assertError(http.post(validBody().put("type", type)), 409, "InvalidParameter",
                "type must be one of validation, login, onboarding, oneTimeLink");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validation", "login", "onboarding", "oneTimeLink"})
    void everyDocumentedTypeIsAccepted(String type) {
        assertThat(http.post(validBody().put("type", type)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"en,200", "es,200", "fr,409", "EN,409"})
    void languageMustBeEnOrEs(String language, int status) {
        HttpResponse<String> response = http.post(validBody().put("language", language));

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 409) {
            assertError(response, 409, "InvalidParameter", "language must be en or es");
        }
    }

    // --- catalog ----------------------------------------------------------------------------------------------

    @Test
    void unknownProjectIs404() {
        HttpResponse<String> response = http.post(validBody().put("project", "6650f1a2b3c4d5e6f7a80099"));

        assertError(response, 404, "Project_not_found_or_featured_disabled", "404:Project_not_found_or_featured_disabled");
    }

    @Test
    void flowOfAnotherProjectIsInvalidProjectFlow() {
        HttpResponse<String> response = http.post(
                validBody().put("projectFlow", ProjectCatalog.DEMO_FLOW_OTHER_PROJECT));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(SimHttp.JSON.createObjectNode()
                .put("success", false).put("error", "Invalid project flow").put("code", "INVALID_PROJECT_FLOW"));
    }

    @Test
    void unknownFlowIsInvalidProjectFlow() {
        HttpResponse<String> response = http.post(validBody().put("projectFlow", "6650f1a2b3c4d5e6f7a8f999"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("INVALID_PROJECT_FLOW");
    }

    @Test
    void pausedFlowIs409ProjectNotActive() {
        HttpResponse<String> response = http.post(validBody().put("projectFlow", ProjectCatalog.DEMO_FLOW_PAUSED));

        assertError(response, 409, "Project_not_active", "409:Project_not_active");
        assertThat(simulator.validations()).isEmpty();
    }

    // --- success ----------------------------------------------------------------------------------------------

    @Test
    void successAnswersShapeBAndRecordsTheValidation() {
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> response = http.post(validBody().put("redirectUrl", "https://example.com/done")
                .put("requires2FA", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode data = json(response).get("data");
        assertThat(json(response).has("success")).isFalse();
        JsonNode validation = data.get("biometricValidation");
        JsonNode session = data.get("livenessSession");
        CreatedValidation created = simulator.validations().get(0);

        assertThat(validation.get("_id").asText()).matches("[0-9a-f]{24}").isEqualTo(created.id());
        assertThat(validation.get("status").asText()).isEqualTo("new");
        assertThat(validation.get("type").asText()).isEqualTo("login");
        assertThat(validation.get("project").asText()).isEqualTo(ProjectCatalog.DEMO_PROJECT_1);
        assertThat(validation.get("projectFlow").asText()).isEqualTo(ProjectCatalog.DEMO_FLOW_LOGIN);
        assertThat(validation.get("url").asText())
                .isEqualTo("https://access.verifik.co/sign-in/" + ProjectCatalog.DEMO_PROJECT_1 + "?type=liveness");
        assertThat(validation.get("redirectUrl").asText()).isEqualTo("https://example.com/done");
        assertThat(validation.get("webhook").isNull()).isTrue();
        assertThat(validation.get("requires2FA").asBoolean()).isTrue();
        assertThat(validation.get("livenessSession").asText()).isEqualTo(session.get("_id").asText());
        assertThat(session.get("identifier").asText()).isEqualTo("ana@example.com");
        assertThat(session.get("status").asText()).isEqualTo("active");
        Instant sessionCreated = Instant.parse(session.get("createdAt").asText());
        assertThat(Duration.between(sessionCreated, Instant.parse(session.get("expiresAt").asText())))
                .isEqualTo(Duration.ofMinutes(4));
        assertThat(data.get("token").asText()).isNotBlank().doesNotContain(TOKEN);

        assertThat(created.identifier()).isEqualTo("ana@example.com");
        assertThat(created.type()).isEqualTo("login");
        assertThat(created.createdAt()).isAfter(before).isEqualTo(sessionCreated);
        assertThat(created.body().get("redirectUrl").asText()).isEqualTo("https://example.com/done");
        assertThat(simulator.createdCountByIdentifier()).containsEntry("ana@example.com", 1L);
    }

    @Test
    void nonLoginTypesGetTheStandAloneUrl() {
        JsonNode validation = json(http.post(validBody().put("type", "onboarding")
                .put("projectFlow", ProjectCatalog.DEMO_FLOW_ONBOARDING))).at("/data/biometricValidation");

        assertThat(validation.get("url").asText())
                .isEqualTo("https://access.verifik.co/stand-alone/" + ProjectCatalog.DEMO_PROJECT_1 + "?type=liveness");
        assertThat(validation.get("redirectUrl").isNull()).isTrue();
        assertThat(validation.get("requires2FA").asBoolean()).isFalse();
    }

    @Test
    void everyCreateGetsItsOwnIdsAndRepeatsAreCounted() {
        JsonNode first = json(http.post(validBody()));
        JsonNode second = json(http.post(validBody()));

        assertThat(first.at("/data/biometricValidation/_id").asText())
                .isNotEqualTo(second.at("/data/biometricValidation/_id").asText());
        assertThat(first.at("/data/token").asText()).isNotEqualTo(second.at("/data/token").asText());
        assertThat(simulator.createdCountByIdentifier()).containsEntry("ana@example.com", 2L);
        assertThat(simulator.stats().duplicateIdentifiers()).isEqualTo(1);
    }

    @Test
    void createdValidationBodyCannotBeChangedFromOutside() {
        http.post(validBody());
        ((ObjectNode) simulator.validations().get(0).body()).put("identifier", "changed");

        assertThat(simulator.validations().get(0).body().get("identifier").asText()).isEqualTo("ana@example.com");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertError(response, 401, "Unauthorized", "Invalid or expired token.");
    }

    static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(
                SimHttp.JSON.createObjectNode().put("code", code).put("message", message));
    }
}

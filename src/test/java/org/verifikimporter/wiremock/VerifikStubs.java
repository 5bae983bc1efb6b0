package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.verifikimporter.e2e.ImporterHarness;

/**
 * A WireMock stand-in for Verifik that knows only what DESIGN section 2 documents: the create endpoint,
 * the two success shapes and the error bodies. Shared by the tests of this package.
 */
final class VerifikStubs {

    static final String PATH = "/v2/biometric-validations";
    static final String TOKEN = "wm-token-4c1d9e";
    static final String PROJECT = "6650f1a2b3c4d5e6f7a80001";
    static final String FLOW = "6650f1a2b3c4d5e6f7a8f002";
    static final String HEADER = "identifier,project,projectFlow,type\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifikStubs() {
    }

    static WireMockServer start(Extension... extensions) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(extensions));
        server.start();
        return server;
    }

    static String baseUrl(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** A harness on {@code dir} pointed at {@code server}, with the bearer token of these tests. */
    static ImporterHarness harness(Path dir, WireMockServer server) {
        return new ImporterHarness(dir, baseUrl(server), TOKEN);
    }

    /** The create call for one row, told apart by its identifier. */
    static MappingBuilder createFor(String identifier) {
        return post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.identifier", equalTo(identifier)));
    }

    static RequestPatternBuilder createdFor(String identifier) {
        return postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.identifier", equalTo(identifier)));
    }

    static RequestPatternBuilder anyCreate() {
        return postRequestedFor(urlPathEqualTo(PATH));
    }

    /** A page of the lookup of an unknown outcome (DESIGN section 2.1: the list, filtered). */
    static MappingBuilder lookup() {
        return get(urlPathEqualTo(PATH));
    }

    static RequestPatternBuilder anyLookup() {
        return getRequestedFor(urlPathEqualTo(PATH));
    }

    /** One page of the list holding one validation, with its liveness session populated. */
    static ResponseDefinitionBuilder listing(String id, String identifier) {
        return json(200, "{\"success\":true,\"data\":{\"docs\":[{\"_id\":\"" + id + "\",\"status\":\"new\","
                + "\"type\":\"login\",\"project\":\"" + PROJECT + "\",\"projectFlow\":\"" + FLOW + "\","
                + "\"livenessSession\":{\"identifier\":\"" + identifier + "\"}}],\"total\":1,\"page\":1,\"pages\":1}}");
    }

    /** Requests for one row in the order they arrived. */
    static List<LoggedRequest> requestsFor(WireMockServer server, String identifier) {
        return server.findAll(createdFor(identifier)).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** Success shape A: {@code {"success":true,"data":{"_id":..,"status":"new",..}}}. */
    static ResponseDefinitionBuilder shapeA(String id) {
        return json(200, "{\"success\":true,\"data\":{\"_id\":\"" + id + "\",\"status\":\"new\","
                + "\"project\":\"" + PROJECT + "\",\"projectFlow\":\"" + FLOW + "\",\"createdAt\":\"2025-01-01T00:00:00.000Z\"}}");
    }

    /** Success shape B, with the session token that must never show up in a report or a log. */
    static ResponseDefinitionBuilder shapeB(String id, String url, String sessionToken) {
        return json(201, "{\"data\":{\"biometricValidation\":{\"_id\":\"" + id + "\",\"status\":\"new\",\"url\":\"" + url
                + "\"},\"livenessSession\":{\"_id\":\"ls-" + id + "\",\"status\":\"pending\"},\"token\":\"" + sessionToken + "\"}}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A file with the four required columns, one row per identifier. */
    static String file(String... identifiers) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (String id : identifiers) {
            sb.append(id).append(',').append(PROJECT).append(',').append(FLOW).append(",login\n");
        }
        return sb.toString();
    }

    static <K> Map<K, Map<String, String>> index(List<Map<String, String>> rows, Function<Map<String, String>, K> key) {
        return rows.stream().collect(Collectors.toMap(key, r -> r));
    }

    static Map<String, Map<String, String>> byIdentifier(List<Map<String, String>> rows) {
        return index(rows, r -> r.get("identifier"));
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}

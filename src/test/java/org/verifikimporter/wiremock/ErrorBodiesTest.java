package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.wiremock.VerifikStubs.anyCreate;
import static org.verifikimporter.wiremock.VerifikStubs.createFor;
import static org.verifikimporter.wiremock.VerifikStubs.createdFor;
import static org.verifikimporter.wiremock.VerifikStubs.json;
import static org.verifikimporter.wiremock.VerifikStubs.shapeA;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.e2e.ImporterHarness;

/** A 4xx other than 401/402/403/429 fails its row at once, with the API's own code and message. */
class ErrorBodiesTest {

    @TempDir
    Path tmp;
    WireMockServer wireMock;
    ImporterHarness h;

    @BeforeEach
    void start() {
        wireMock = VerifikStubs.start();
        h = VerifikStubs.harness(tmp, wireMock).set("importer.max-attempts", "5");
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @Test
    void eachDocumentedErrorBodyFailsItsRowOnceWithTheApisCode() throws Exception {
        wireMock.stubFor(createFor("e409@example.com").willReturn(json(409,
                "{\"code\":\"MissingParameter\",\"message\":\"missing project\"}")));
        wireMock.stubFor(createFor("e404@example.com").willReturn(json(404,
                "{\"code\":\"Project_not_found_or_featured_disabled\",\"message\":\"The project was not found or the feature is disabled\"}")));
        wireMock.stubFor(createFor("e400@example.com").willReturn(json(400,
                "{\"success\":false,\"error\":\"Invalid project flow\",\"code\":\"INVALID_PROJECT_FLOW\"}")));
        wireMock.stubFor(createFor("e422@example.com").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "text/plain").withBody("Unprocessable: the flow is archived")));
        wireMock.stubFor(createFor("e418@example.com").willReturn(aResponse().withStatus(418)));
        wireMock.stubFor(createFor("ok@example.com").willReturn(shapeA("bv-ok")));
        h.drop("errors.csv", VerifikStubs.file("e409@example.com", "e404@example.com", "e400@example.com",
                "e422@example.com", "e418@example.com", "ok@example.com"));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        // no retry: each row reached the server exactly once
        wireMock.verify(exactly(6), anyCreate());
        for (String id : List.of("e409@example.com", "e404@example.com", "e400@example.com", "e422@example.com",
                "e418@example.com", "ok@example.com")) {
            wireMock.verify(exactly(1), createdFor(id));
        }

        Path dir = h.onlyReportDir();
        Map<String, Map<String, String>> failed = VerifikStubs.byIdentifier(csv(dir.resolve("failed.csv")));
        assertThat(failed.keySet()).containsExactlyInAnyOrder("e409@example.com", "e404@example.com",
                "e400@example.com", "e422@example.com", "e418@example.com");
        assertThat(failed.get("e409@example.com")).containsEntry("errorCode", "MissingParameter")
                .containsEntry("errorMessage", "missing project").containsEntry("httpStatus", "409")
                .containsEntry("attempts", "1").containsEntry("retryable", "false").containsEntry("row", "2");
        assertThat(failed.get("e404@example.com")).containsEntry("errorCode", "Project_not_found_or_featured_disabled")
                .containsEntry("errorMessage", "The project was not found or the feature is disabled")
                .containsEntry("httpStatus", "404").containsEntry("attempts", "1").containsEntry("retryable", "false");
        assertThat(failed.get("e400@example.com")).containsEntry("errorCode", "INVALID_PROJECT_FLOW")
                .containsEntry("errorMessage", "Invalid project flow").containsEntry("httpStatus", "400")
                .containsEntry("attempts", "1").containsEntry("retryable", "false");
        assertThat(failed.get("e422@example.com")).containsEntry("errorCode", "HTTP_422")
                .containsEntry("errorMessage", "Unprocessable: the flow is archived").containsEntry("httpStatus", "422")
                .containsEntry("attempts", "1").containsEntry("retryable", "false");
        assertThat(failed.get("e418@example.com")).containsEntry("errorCode", "HTTP_418")
                .containsEntry("httpStatus", "418").containsEntry("attempts", "1").containsEntry("retryable", "false");
        assertThat(failed.get("e418@example.com").get("errorMessage")).isNotBlank();

        assertThat(csv(dir.resolve("created.csv"))).extracting(c -> c.get("identifier") + ":" + c.get("validationId"))
                .containsExactly("ok@example.com:bv-ok");
        JsonNode summary = ImporterHarness.summary(dir);
        assertThat(summary.at("/rows/total").asInt()).isEqualTo(6);
        assertThat(summary.at("/rows/failed").asInt()).isEqualTo(5);
        assertThat(summary.get("failures").toString()).isEqualTo("{\"HTTP_418\":1,\"HTTP_422\":1,\"INVALID_PROJECT_FLOW\":1,"
                + "\"MissingParameter\":1,\"Project_not_found_or_featured_disabled\":1}");
        // a 4xx fails rows, not the file: it is archived
        assertThat(h.filesUnder(h.inbox)).isEmpty();
        assertThat(h.filesUnder(h.archive)).hasSize(1);
    }
}

package org.verifikimporter.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;

/**
 * Looks up in Verifik whether a row whose outcome is unknown (sent, then a timeout or a crash) was in fact
 * created: {@code GET /v2/biometric-validations} filtered by the project flow and the creation time, with
 * {@code populates[]=livenessSession} to see the identifier. Exactly one match is adopted; none or several
 * leave the row unknown. Nothing is ever resent from here.
 */
public final class Reconciler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 20;
    /** Clocks differ: look a little before the moment the row was sent. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    public Reconciler(String baseUrl, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    /** The outcome of a lookup: the validation adopted, or why none was. */
    public record Result(CreatedSession found, String why) {
        public boolean adopted() {
            return found != null;
        }
    }

    public Result lookup(CreateRequest request, Instant sentAt) {
        List<JsonNode> matches = new ArrayList<>();
        String after = sentAt.minus(CLOCK_SLACK).toString();
        try {
            for (int page = 1; page <= MAX_PAGES; page++) {
                String query = "where_projectFlow=" + enc(request.projectFlow()) + "&" + enc("where>_createdAt") + "="
                        + enc(after) + "&" + enc("populates[]") + "=livenessSession&perPage=" + PER_PAGE + "&page=" + page;
                HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/biometric-validations?" + query))
                        .timeout(timeout).header("Authorization", authorization).header("Accept", "application/json")
                        .GET().build();
                HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 204) {
                    break;
                }
                if (answer.statusCode() / 100 != 2) {
                    return new Result(null, "the lookup in Verifik failed with HTTP " + answer.statusCode());
                }
                JsonNode data = JSON.readTree(answer.body()).path("data");
                JsonNode docs = data.isArray() ? data : data.path("docs");
                for (JsonNode doc : docs) {
                    if (matches(doc, request)) {
                        matches.add(doc);
                    }
                }
                int pages = data.path("pages").asInt(1);
                if (page >= pages || docs.size() < PER_PAGE) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "the lookup in Verifik was interrupted");
        } catch (Exception e) {
            return new Result(null, "the lookup in Verifik failed (" + e.getClass().getSimpleName() + ")");
        }
        if (matches.size() == 1) {
            JsonNode doc = matches.get(0);
            return new Result(new CreatedSession(doc.path("_id").asText(), text(doc, "status"), text(doc, "url")),
                    "found in Verifik");
        }
        return new Result(null, matches.isEmpty()
                ? "Verifik lists no validation for this person created since it was sent; it was probably not created, "
                        + "but it is not resent automatically"
                : "Verifik lists " + matches.size() + " validations for this person since it was sent; which one is "
                        + "this row's cannot be told");
    }

    private static boolean matches(JsonNode doc, CreateRequest request) {
        JsonNode session = doc.path("livenessSession");
        String identifier = session.isObject() ? text(session, "identifier") : text(doc, "identifier");
        if (identifier == null || !identifier.equals(request.identifier())) {
            return false;
        }
        String type = text(doc, "type");
        String project = text(doc, "project");
        return (type == null || type.equals(request.type())) && (project == null || project.equals(request.project()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

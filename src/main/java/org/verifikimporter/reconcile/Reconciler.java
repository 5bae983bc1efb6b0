package org.verifikimporter.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
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
 * leave the row unknown. Nothing is ever resent from here. The pages come through {@link ListPages}, which
 * shares the importer's call budget.
 */
public final class Reconciler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 20;
    /** Clocks differ: look a little before the moment the row was sent. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);
    /**
     * A page answered 429 is asked again this many times at most. No wait of its own: the 429 has slowed (or,
     * with Retry-After, held) the pace every call passes, so the next ask already goes out later.
     */
    static final int RATE_LIMITED_RETRIES = 5;

    private final ListPages list;

    public Reconciler(ListPages pages) {
        this.list = pages;
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
                ListPages.Page answer = fetch(query);
                if (answer.status() == 204) {
                    break;
                }
                if (answer.status() / 100 != 2) {
                    return new Result(null, "the lookup in Verifik failed with HTTP " + answer.status());
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

    private ListPages.Page fetch(String query) throws Exception {
        ListPages.Page answer = list.fetch(query);
        for (int retry = 1; answer.status() == 429 && retry <= RATE_LIMITED_RETRIES; retry++) {
            answer = list.fetch(query);
        }
        return answer;
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

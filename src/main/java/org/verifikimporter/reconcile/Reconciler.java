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

    /** What Verifik's list said about the row. */
    public enum Listed {
        /** exactly one validation for this person since it was sent: the row's */
        ONE,
        /** none, in the whole list since it was sent */
        NONE,
        /** several: which one is the row's cannot be told */
        SEVERAL,
        /** no complete answer (an error, no answer, or more pages than a lookup reads): nothing can be concluded */
        UNKNOWN
    }

    /** The outcome of a lookup: the validation adopted, or why none was. */
    public record Result(Listed listed, CreatedSession found, String why) {
        public boolean adopted() {
            return found != null;
        }

        static Result failed(String why) {
            return new Result(Listed.UNKNOWN, null, why);
        }
    }

    public Result lookup(CreateRequest request, Instant sentAt) {
        List<JsonNode> matches = new ArrayList<>();
        String after = sentAt.minus(CLOCK_SLACK).toString();
        boolean complete = false;
        try {
            for (int page = 1; page <= MAX_PAGES && !complete; page++) {
                String query = "where_projectFlow=" + enc(request.projectFlow()) + "&" + enc("where>_createdAt") + "="
                        + enc(after) + "&" + enc("populates[]") + "=livenessSession&perPage=" + PER_PAGE + "&page=" + page;
                ListPages.Page answer = fetch(query);
                if (answer.status() == 204) {
                    complete = true;
                    break;
                }
                if (answer.status() / 100 != 2) {
                    return Result.failed("the lookup in Verifik failed with HTTP " + answer.status());
                }
                JsonNode data = JSON.readTree(answer.body()).path("data");
                JsonNode docs = data.isArray() ? data : data.path("docs");
                for (JsonNode doc : docs) {
                    if (matches(doc, request)) {
                        matches.add(doc);
                    }
                }
                int pages = data.path("pages").asInt(1);
                complete = page >= pages || docs.size() < PER_PAGE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("the lookup in Verifik was interrupted");
        } catch (Exception e) {
            return Result.failed("the lookup in Verifik failed (" + e.getClass().getSimpleName() + ")");
        }
        if (matches.size() == 1) {
            JsonNode doc = matches.get(0);
            return new Result(Listed.ONE, new CreatedSession(doc.path("_id").asText(), text(doc, "status"),
                    text(doc, "url")), "found in Verifik");
        }
        if (matches.size() > 1) {
            return new Result(Listed.SEVERAL, null, "Verifik lists " + matches.size() + " validations for this person "
                    + "since it was sent; which one is this row's cannot be told");
        }
        if (!complete) {
            // "none" would be read as "not created": only a list read to its end may say so
            return Result.failed("Verifik lists more than " + MAX_PAGES * PER_PAGE + " validations of this project flow "
                    + "since it was sent, more than a lookup reads; whether one is this row's cannot be told");
        }
        return new Result(Listed.NONE, null, "Verifik lists no validation for this person created since it was sent; "
                + "it was probably not created, but it is not resent automatically");
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

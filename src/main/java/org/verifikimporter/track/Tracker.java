package org.verifikimporter.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.ledger.TrackCandidate;
import org.verifikimporter.ledger.ValidationStatusRepository.Observed;
import org.verifikimporter.reconcile.ListPages;

/**
 * Reads the current status of the candidates from Verifik, with as few calls as it can: the list filtered by
 * creation time ({@code where>_createdAt} the earliest candidate's), 100 a page, when its pages are fewer than
 * the single reads the candidates still need; else one {@code GET /v2/biometric-validations/{id}} each. The
 * first page tells how many pages there are, so that choice is made after one call. A candidate the list did
 * not show (a clock far off, a page that shifted) is read on its own.
 */
public final class Tracker {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.track");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int PER_PAGE = 100;
    /** Clocks differ: list from a little before the earliest candidate was sent. */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(2);
    /** A call answered 429 is asked again this many times at most; the 429 has slowed the pace already. */
    static final int RATE_LIMITED_RETRIES = 5;
    /** Single reads that failed one after the other: Verifik is in trouble, the next pass reads the rest. */
    static final int FAILURES_IN_A_ROW = 3;

    private final StatusReads reads;

    public Tracker(StatusReads reads) {
        this.reads = reads;
    }

    /**
     * What one pass read.
     *
     * @param observed  every status Verifik told for a candidate, in no particular order
     * @param notFound  candidates Verifik answered 404 for
     * @param unread    candidates whose status could not be read this time (an error, a stop)
     * @param failure   the first reason a read failed, or null
     */
    public record Pass(List<Observed> observed, int listCalls, int singleReads, int notFound, int unread,
                       String failure) {
    }

    /** @param stopped true once Verifik stopped the calls (401/402/403): then no call is made any more */
    public Pass read(List<TrackCandidate> candidates, BooleanSupplier stopped) {
        Map<String, TrackCandidate> wanted = new LinkedHashMap<>();
        candidates.forEach(c -> wanted.put(c.validationId(), c));
        Calls calls = new Calls(stopped);
        List<Observed> observed = new ArrayList<>();
        if (wanted.size() > 1) {
            listed(wanted, observed, calls, earliest(candidates));
        }
        int notFound = 0;
        int unread = 0;
        int failedInARow = 0;
        for (String id : new ArrayList<>(wanted.keySet())) {
            if (calls.stop() || failedInARow >= FAILURES_IN_A_ROW) {
                unread++;
                continue;
            }
            ListPages.Page answer = calls.one(id);
            boolean failed = answer == null || answer.status() / 100 != 2 && answer.status() != 404;
            failedInARow = failed ? failedInARow + 1 : 0;
            if (answer == null) {
                unread++;
            } else if (answer.status() == 404) {
                notFound++;
                LOG.warn("Validation {}: Verifik does not know it (404); its status stays as it was", id);
            } else if (answer.status() / 100 != 2) {
                calls.failed("a read of a validation failed with HTTP " + answer.status());
                unread++;
            } else {
                String status = status(data(answer.body()));
                if (status != null) {
                    observed.add(new Observed(id, status));
                } else {
                    unread++;
                }
            }
        }
        return new Pass(observed, calls.lists, calls.singles, notFound, unread, calls.failure);
    }

    /** Reads the list while that costs fewer calls than the single reads left; takes the found out of wanted. */
    private void listed(Map<String, TrackCandidate> wanted, List<Observed> observed, Calls calls, Instant after) {
        String base = enc("where>_createdAt") + "=" + enc(after.toString()) + "&sort=createdAt&perPage=" + PER_PAGE;
        for (int page = 1; !wanted.isEmpty(); page++) {
            if (calls.stop()) {
                return;
            }
            ListPages.Page answer = calls.list(base + "&page=" + page);
            if (answer == null || answer.status() == 204) {
                return;
            }
            if (answer.status() / 100 != 2) {
                calls.failed("a page of Verifik's list failed with HTTP " + answer.status());
                return;
            }
            JsonNode root = json(answer.body());
            JsonNode data = root.path("data");
            JsonNode docs = data.isArray() ? data : data.path("docs");
            for (JsonNode doc : docs) {
                String id = text(doc, "_id");
                String status = status(doc);
                if (id != null && status != null && wanted.remove(id) != null) {
                    observed.add(new Observed(id, status));
                }
            }
            int pages = data.path("pages").asInt(root.path("pagination").path("pages").asInt(page));
            if (page >= pages || docs.size() < PER_PAGE) {
                return;
            }
            if (pages - page > wanted.size()) {
                // few candidates among many listed: the single reads cost less than the pages left
                return;
            }
        }
    }

    private static Instant earliest(List<TrackCandidate> candidates) {
        return candidates.stream().map(TrackCandidate::sentAt).min(Comparator.naturalOrder()).orElseThrow()
                .minus(CLOCK_SLACK);
    }

    /** The calls of one pass, counted; each answered 429 asked again a few times. */
    private final class Calls {
        final BooleanSupplier stopped;
        int lists;
        int singles;
        String failure;

        Calls(BooleanSupplier stopped) {
            this.stopped = stopped;
        }

        boolean stop() {
            return stopped.getAsBoolean() || Thread.currentThread().isInterrupted();
        }

        void failed(String why) {
            if (failure == null) {
                failure = why;
            }
        }

        ListPages.Page list(String query) {
            return call(() -> {
                lists++;
                return reads.list(query);
            });
        }

        ListPages.Page one(String id) {
            return call(() -> {
                singles++;
                return reads.one(id);
            });
        }

        private ListPages.Page call(java.util.concurrent.Callable<ListPages.Page> read) {
            try {
                ListPages.Page answer = read.call();
                for (int retry = 1; answer.status() == 429 && retry <= RATE_LIMITED_RETRIES && !stop(); retry++) {
                    answer = read.call();
                }
                return answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed("the reads were interrupted");
                return null;
            } catch (Exception e) {
                failed("a read from Verifik failed (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
    }

    private static JsonNode data(String body) {
        return json(body).path("data");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static String status(JsonNode doc) {
        String status = text(doc, "status");
        return status == null || status.isBlank() ? null : status;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package org.verifikimporter.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.verifikimporter.domain.CreateRequest;

/** The lookup's paging, matching and its answers to Verifik's refusals, over pages given by hand. */
class ReconcilerTest {

    static final String FLOW = "6650f1a2b3c4d5e6f7a8f002";
    static final CreateRequest ANA = new CreateRequest(Map.of("project", "p1", "projectFlow", FLOW,
            "identifier", "ana@example.com", "type", "login"));
    static final Instant SENT = Instant.parse("2026-11-25T12:00:00Z");

    /** Answers each fetch with the next page queued, and remembers the queries it was asked. */
    static final class Pages implements ListPages {
        final Deque<Page> answers = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();

        Pages then(int status, String body) {
            answers.add(new Page(status, body));
            return this;
        }

        Pages thenRateLimited(int times) {
            for (int i = 0; i < times; i++) {
                then(429, "{\"code\":\"TooManyRequests\"}");
            }
            return this;
        }

        @Override
        public Page fetch(String query) {
            asked.add(query);
            return answers.isEmpty() ? new Page(204, "") : answers.poll();
        }
    }

    static String listing(String id, String identifier) {
        return "{\"data\":{\"docs\":[{\"_id\":\"" + id + "\",\"status\":\"new\",\"type\":\"login\",\"project\":\"p1\","
                + "\"livenessSession\":{\"identifier\":\"" + identifier + "\"}}],\"pages\":1}}";
    }

    @Test
    void aPageAnsweredRateLimitedIsAskedAgainAndTheLookupGoesOn() {
        Pages pages = new Pages().thenRateLimited(2).then(200, listing("bv-1", "ana@example.com"));

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.adopted()).isTrue();
        assertThat(result.found().validationId()).isEqualTo("bv-1");
        assertThat(pages.asked).hasSize(3).allSatisfy(q -> assertThat(q).isEqualTo(pages.asked.get(0))
                .contains("where_projectFlow=" + FLOW, "where%3E_createdAt=2026-11-25T11%3A58%3A00Z",
                        "populates%5B%5D=livenessSession", "perPage=100", "page=1"));
    }

    @Test
    void aPageStillRateLimitedAfterTheRetriesEndsTheLookup() {
        Pages pages = new Pages().thenRateLimited(Reconciler.RATE_LIMITED_RETRIES + 1)
                .then(200, listing("bv-1", "ana@example.com"));

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.adopted()).isFalse();
        assertThat(result.why()).isEqualTo("the lookup in Verifik failed with HTTP 429");
        assertThat(pages.asked).hasSize(Reconciler.RATE_LIMITED_RETRIES + 1);
    }

    @Test
    void anyOtherRefusalEndsTheLookupAtOnce() {
        Pages pages = new Pages().then(503, "busy").then(200, listing("bv-1", "ana@example.com"));

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.why()).isEqualTo("the lookup in Verifik failed with HTTP 503");
        assertThat(pages.asked).hasSize(1);
    }

    @Test
    void noAnswerEndsTheLookupAndNamesWhatHappened() {
        ListPages timedOut = query -> {
            throw new java.net.SocketTimeoutException("Read timed out");
        };

        assertThat(new Reconciler(timedOut).lookup(ANA, SENT).why())
                .isEqualTo("the lookup in Verifik failed (SocketTimeoutException)");
    }

    @Test
    void theNextPageIsAskedForUntilTheLastAndOnlyThisPersonCounts() {
        StringBuilder full = new StringBuilder("{\"data\":{\"pages\":2,\"docs\":[");
        for (int i = 0; i < 100; i++) {
            full.append(i > 0 ? "," : "").append("{\"_id\":\"o").append(i)
                    .append("\",\"livenessSession\":{\"identifier\":\"other").append(i).append("@example.com\"}}");
        }
        Pages pages = new Pages().then(200, full.append("]}}").toString()).then(200, listing("bv-2", "ana@example.com"));

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.found().validationId()).isEqualTo("bv-2");
        assertThat(pages.asked).hasSize(2);
        assertThat(pages.asked.get(1)).endsWith("&page=2");
    }

    static String fullPage(int pages) {
        StringBuilder full = new StringBuilder("{\"data\":{\"pages\":" + pages + ",\"docs\":[");
        for (int i = 0; i < 100; i++) {
            full.append(i > 0 ? "," : "").append("{\"_id\":\"o").append(i)
                    .append("\",\"livenessSession\":{\"identifier\":\"other").append(i).append("@example.com\"}}");
        }
        return full.append("]}}").toString();
    }

    @Test
    void aListReadToItsEndWithoutThePersonSaysNone() {
        Pages pages = new Pages().then(200, fullPage(2)).then(200, listing("bv-9", "bob@example.com"));

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.listed()).isEqualTo(Reconciler.Listed.NONE);
        assertThat(result.why()).startsWith("Verifik lists no validation for this person");
    }

    /** retry --unknown puts a row back on NONE: a list cut off after the pages a lookup reads must not say so. */
    @Test
    void aListLongerThanTheLookupReadsConcludesNothing() {
        Pages pages = new Pages();
        for (int i = 0; i < 25; i++) {
            pages.then(200, fullPage(25));
        }

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.listed()).isEqualTo(Reconciler.Listed.UNKNOWN);
        assertThat(result.why()).contains("more than 2000 validations").contains("cannot be told");
        assertThat(pages.asked).hasSize(20);
    }

    @Test
    void twoValidationsForThePersonAreSeveral() {
        Pages pages = new Pages().then(200, "{\"data\":{\"docs\":[{\"_id\":\"a\",\"livenessSession\":"
                + "{\"identifier\":\"ana@example.com\"}},{\"_id\":\"b\",\"livenessSession\":"
                + "{\"identifier\":\"ana@example.com\"}}],\"pages\":1}}");

        Reconciler.Result result = new Reconciler(pages).lookup(ANA, SENT);

        assertThat(result.listed()).isEqualTo(Reconciler.Listed.SEVERAL);
        assertThat(result.adopted()).isFalse();
    }
}

package org.verifikimporter.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.wiremock.VerifikStubs.anyLookup;
import static org.verifikimporter.wiremock.VerifikStubs.createFor;
import static org.verifikimporter.wiremock.VerifikStubs.createdFor;
import static org.verifikimporter.wiremock.VerifikStubs.listing;
import static org.verifikimporter.wiremock.VerifikStubs.lookup;
import static org.verifikimporter.wiremock.VerifikStubs.shapeA;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.e2e.ImporterHarness;

/**
 * The lookup of a row whose outcome is unknown spends the same budget as a create (DESIGN section 8): a
 * call slot, the pace, and the HTTP client with its headers. WireMock counts what Verifik would see.
 */
class LookupBudgetTest {

    static final String SLOW = "slow@example.com";

    @TempDir
    Path tmp;
    WireMockServer wireMock;
    ImporterHarness h;

    void start(Extension... extensions) {
        wireMock = VerifikStubs.start(extensions);
        // the first create is answered after the client gave up: its row is looked up at once (grace 0)
        h = VerifikStubs.harness(tmp, wireMock).set("importer.request-timeout", "1");
        wireMock.stubFor(createFor(SLOW).atPriority(1).willReturn(shapeA("bv-slow").withFixedDelay(2500)));
        wireMock.stubFor(post(urlPathEqualTo(VerifikStubs.PATH)).atPriority(5).willReturn(shapeA("bv-other")));
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    /** The slow row first, then {@code others} rows answered at once. */
    static String slowRowThen(int others) {
        return VerifikStubs.file(Stream.concat(Stream.of(SLOW),
                IntStream.rangeClosed(1, others).mapToObj(i -> "r" + i + "@example.com")).toArray(String[]::new));
    }

    ImporterHarness.Result runExpectingSlowAdopted(String file) throws Exception {
        h.drop("lookup.csv", file);
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.out() + r.logs()).isZero();
        wireMock.verify(exactly(1), createdFor(SLOW));
        assertThat(csv(h.onlyReportDir().resolve("created.csv"))).filteredOn(c -> c.get("identifier").equals(SLOW))
                .singleElement().satisfies(c -> assertThat(c).containsEntry("validationId", "bv-slow")
                        .as("a lookup is not one of the row's attempts").containsEntry("attempts", "1"));
        return r;
    }

    @Test
    void withOneCallSlotALookupAndACreateAreNeverInFlightTogether() throws Exception {
        HeldAtTheServer server = new HeldAtTheServer(Duration.ofMillis(300));
        start(server);
        h.set("importer.concurrency", "1");
        wireMock.stubFor(lookup().willReturn(listing("bv-slow", SLOW)));

        runExpectingSlowAdopted(slowRowThen(5));

        wireMock.verify(exactly(1), anyLookup());
        assertThat(server.seen()).hasSize(7).anyMatch(call -> call.startsWith("GET "));
        assertThat(server.overlaps()).as("requests in flight at once at the server").isEmpty();
    }

    @Test
    void lookupsCountTowardTheRate() throws Exception {
        start();
        h.set("importer.rate", "2");
        wireMock.stubFor(lookup().willReturn(listing("bv-slow", SLOW)));

        runExpectingSlowAdopted(slowRowThen(6));

        wireMock.verify(exactly(1), anyLookup());
        List<Instant> starts = wireMock.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().toInstant())
                .sorted().toList();
        assertThat(starts).hasSize(8);
        for (Instant first : starts) {
            assertThat(starts.stream().filter(s -> !s.isBefore(first) && s.isBefore(first.plusSeconds(1))))
                    .as("requests of any kind starting within 1 s of %s, of %s", first, starts).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void theLookupCarriesTheTokenAndTheQueryAndNoHeaderOfOurs() throws Exception {
        start();
        wireMock.stubFor(lookup().willReturn(listing("bv-slow", SLOW)));

        runExpectingSlowAdopted(slowRowThen(0));

        LoggedRequest get = wireMock.findAll(anyLookup()).get(0);
        assertThat(get.getHeader("Authorization")).isEqualTo("Bearer " + VerifikStubs.TOKEN);
        assertThat(get.getHeader("Accept")).isEqualTo("application/json");
        List<String> names = new ArrayList<>();
        for (HttpHeader header : get.getHeaders().all()) {
            names.add(header.key().toLowerCase(Locale.ROOT));
        }
        assertThat(names).as("what the HTTP client adds, and ours").isSubsetOf("authorization", "accept", "host",
                "connection", "user-agent", "accept-encoding");
        assertThat(get.queryParameter("where_projectFlow").firstValue()).isEqualTo(VerifikStubs.FLOW);
        assertThat(Instant.parse(get.queryParameter("where>_createdAt").firstValue())).isBefore(Instant.now());
        assertThat(get.queryParameter("populates[]").firstValue()).isEqualTo("livenessSession");
        assertThat(get.queryParameter("perPage").firstValue()).isEqualTo("100");
        assertThat(get.queryParameter("page").firstValue()).isEqualTo("1");
    }

    /** The lookup's first page is refused with {@code refusal}, the next one lists the slow row. */
    void lookupRefusedOnceWith(ResponseDefinitionBuilder refusal) {
        wireMock.stubFor(lookup().inScenario("busy").whenScenarioStateIs(STARTED).willReturn(refusal)
                .willSetStateTo("listed"));
        wireMock.stubFor(lookup().inScenario("busy").whenScenarioStateIs("listed").willReturn(listing("bv-slow", SLOW)));
    }

    @Test
    void aLookupAnsweredRateLimitedSlowsThePaceAndIsAskedAgain() throws Exception {
        start();
        h.set("importer.rate", "5");
        lookupRefusedOnceWith(VerifikStubs.json(429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}"));

        ImporterHarness.Result r = runExpectingSlowAdopted(slowRowThen(2));

        wireMock.verify(exactly(2), anyLookup());
        assertThat(r.logs()).contains("Verifik answered 429 without Retry-After: calls slowed to");
    }

    @Test
    void aLookupAnsweredRetryAfterHoldsTheNextAskUntilThen() throws Exception {
        start();
        lookupRefusedOnceWith(VerifikStubs.json(429, "{\"code\":\"TooManyRequests\"}").withHeader("Retry-After", "1"));

        ImporterHarness.Result r = runExpectingSlowAdopted(slowRowThen(0));

        List<LoggedRequest> gets = wireMock.findAll(anyLookup());
        assertThat(gets).hasSize(2);
        assertThat(Duration.between(gets.get(0).getLoggedDate().toInstant(), gets.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(r.logs()).contains("Verifik answered 429 with Retry-After: no call for 1 s");
    }

    @Test
    void aLookupAnswered401StopsTheRunLikeACreate() throws Exception {
        start();
        h.set("importer.concurrency", "1");
        wireMock.stubFor(lookup().willReturn(VerifikStubs.json(401, "{\"error\":\"Unauthorized\"}")));
        // the other rows answered within the timeout but not at once: answered at once, the second row thread
        // could send all four while the timed-out row is still on its way to the lookup (it happened in CI), and
        // then no row would be left for the 401 to stop. This way the lookup is queued for the one (fair) call
        // slot while the first of them is in flight, and gets it after one or two of them, rows still to come.
        wireMock.stubFor(post(urlPathEqualTo(VerifikStubs.PATH)).atPriority(4)
                .willReturn(shapeA("bv-other").withFixedDelay(800)));
        Path input = h.drop("revoked.csv", slowRowThen(4));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.logs()).isEqualTo(4);
        assertThat(input).exists();
        List<String> methods = wireMock.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getMethod().getName()).toList();
        assertThat(methods).as("no call after the lookup's 401").endsWith("GET").hasSizeLessThan(6);
    }

    @Test
    void aLookupStillRateLimitedAfterItsRetriesLeavesTheRowUnknown() throws Exception {
        start();
        wireMock.stubFor(lookup().willReturn(VerifikStubs.json(429, "{\"code\":\"TooManyRequests\"}")));
        h.drop("limited.csv", slowRowThen(0));

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.logs()).isEqualTo(2);
        wireMock.verify(exactly(6), anyLookup());
        Map<String, String> row = csv(h.onlyReportDir().resolve("failed.csv")).get(0);
        assertThat(row).containsEntry("errorCode", "OUTCOME_UNKNOWN").containsEntry("attempts", "1");
        assertThat(row.get("errorMessage")).contains("the lookup in Verifik failed with HTTP 429");
    }
}

package org.verifikimporter.camel.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.job.JobFixture.begun;
import static org.verifikimporter.job.JobFixture.person;
import static org.verifikimporter.job.JobFixture.sha;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.camel.call.ApiCall;
import org.verifikimporter.camel.call.CallSlots;
import org.verifikimporter.camel.call.RateLimit;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RowExecution.Step;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;
import org.verifikimporter.reconcile.Reconciler;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * The reconcile route's steps for a row sent without a usable answer: the grace period, then the lookup,
 * against the in-process Verifik simulator and a real embedded ledger.
 */
class ReconcileStepsTest {

    static final String TOKEN = "reconcile-test-token";
    static final Duration GRACE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    CamelContext camel;
    VerifikLists lookups;
    Ledger ledger;
    ImportJob job;
    VerifikSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start();
        camel = new DefaultCamelContext();
        lookups = lookupsThroughCamel(camel, sim.baseUrl());
        camel.start();
        ledger = JobFixture.ledger(tmp.resolve("state"));
        job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
    }

    @AfterEach
    void stop() throws Exception {
        sim.stop();
        ledger.close();
        camel.close();
        lookups.close();
    }

    /** The application's GET route and its beans: the lookup reaches Verifik the way it does in a run. */
    static VerifikLists lookupsThroughCamel(CamelContext camel, String baseUrl) throws Exception {
        Properties p = new Properties();
        p.put("verifik.base-url", baseUrl);
        camel.getPropertiesComponent().setOverrideProperties(p);
        VerifikLists lists = new VerifikLists(TOKEN);
        camel.getRegistry().bind(RouteKeys.VERIFIK_LISTS.name(), lists);
        camel.getRegistry().bind(RouteKeys.CALL_SLOTS.name(), new CallSlots(1, e -> { }));
        camel.getRegistry().bind(RouteKeys.RATE_LIMIT.name(), new RateLimit(0, 1));
        lists.setCamelContext(camel);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/verifik-get.camel.yaml"));
        return lists;
    }

    /** A row whose request went out at {@code sentAt} and got no usable answer. */
    Exchange unanswered(long rowNumber, String identifier, Instant sentAt) {
        RowExecution row = job.map(person(rowNumber, identifier));
        assertThat(row.plan(true, null)).isEqualTo(Step.SEND);
        job.sending(row);
        row.sendingRecorded(sentAt);
        row.attemptStarted(sentAt);
        row.lookUp(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "no answer after the request was sent"));
        Exchange exchange = new DefaultExchange(camel);
        RouteKeys.ROW.set(exchange, row);
        return exchange;
    }

    static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }

    @Test
    void theLookupWaitsOutWhatIsLeftOfTheGracePeriod() {
        ReconcileSteps steps = new ReconcileSteps(null, GRACE, JobFixture.CLOCK, new RunResults());

        assertThat(steps.delay(unanswered(2, "ana@example.com", JobFixture.NOW.minusSeconds(10)))).isEqualTo(20_000L);
        assertThat(steps.delay(unanswered(3, "bob@example.com", JobFixture.NOW.minusSeconds(60))))
                .as("long past: at once").isZero();
    }

    /** The validation Verifik created although the importer never heard back. */
    String createdInVerifik(String identifier) throws Exception {
        String body = "{\"project\":\"" + ImporterHarness.P1 + "\",\"projectFlow\":\"" + ImporterHarness.F_LOGIN
                + "\",\"identifier\":\"" + identifier + "\",\"type\":\"login\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.baseUrl() + "/v2/biometric-validations"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        assertThat(sim.validations()).isNotEmpty();
        return sim.validations().get(sim.validations().size() - 1).id();
    }

    @Test
    void aRowFoundInVerifikIsAdoptedAsCreated() throws Exception {
        Exchange exchange = unanswered(2, "ana@example.com", Instant.now());
        String id = createdInVerifik("ana@example.com");
        ReconcileSteps steps = new ReconcileSteps(new Reconciler(lookups), GRACE, JobFixture.CLOCK, new RunResults());

        steps.lookUp(exchange);

        assertThat(row(exchange).next()).isEqualTo(Step.DONE);
        assertThat(row(exchange).session().validationId()).isEqualTo(id);
        ledger.flush();
        assertThat(ledger.row(JobFixture.runId(ledger, job.sha256()), 2)).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(LedgerRow.State.CREATED);
            assertThat(r.validationId()).isEqualTo(id);
        });
        assertThat(sim.validations()).as("never resent").hasSize(1);
    }

    @Test
    void aRunStoppedByVerifikLooksNothingUp() throws Exception {
        Exchange exchange = unanswered(2, "ana@example.com", Instant.now());
        createdInVerifik("ana@example.com");
        int before = sim.requests().size();
        RunResults stopped = new RunResults();
        stopped.stop("Verifik answered 401");
        ReconcileSteps steps = new ReconcileSteps(new Reconciler(lookups), GRACE, JobFixture.CLOCK, stopped);

        steps.lookUp(exchange);

        assertThat(sim.requests()).as("no call after the stop").hasSize(before);
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(row(exchange).failure().message()).contains("not looked up").contains("Verifik answered 401");
    }

    @Test
    void aRowNotFoundStaysUnknownAndSaysWhy() throws Exception {
        Exchange exchange = unanswered(2, "ana@example.com", Instant.now());
        createdInVerifik("somebody-else@example.com");
        ReconcileSteps steps = new ReconcileSteps(new Reconciler(lookups), GRACE, JobFixture.CLOCK, new RunResults());

        steps.lookUp(exchange);

        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(row(exchange).failure().message()).startsWith("no answer after the request was sent; ")
                .contains("Verifik lists no validation for this person");
        assertThat(sim.validations()).as("never resent").hasSize(1);
    }

    @Test
    void theGraceCountsFromTheRowsLastAttempt() {
        RunResults results = new RunResults();
        ApiCall call = new ApiCall(TOKEN, results);
        RowExecution row = job.map(person(2, "ana@example.com"));
        assertThat(row.plan(true, null)).isEqualTo(Step.SEND);
        Exchange exchange = new DefaultExchange(camel);
        RouteKeys.ROW.set(exchange, row);
        call.claim(exchange);
        call.beforeSend(exchange);
        // attempt 1 answered 503; the retry goes out after its backoff
        Instant first = row.sentAt();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(first.plusMillis(50)));
        call.claim(exchange);
        Instant lastSent = Instant.now();
        call.beforeSend(exchange);
        // attempt 2: the connection was reset after the request went out
        row.lookUp(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "no answer after the request was sent"));
        Instant now = Instant.now();

        long delay = new ReconcileSteps(null, GRACE, Clock.fixed(now, ZoneOffset.UTC), new RunResults()).delay(exchange);

        assertThat(delay).isGreaterThanOrEqualTo(Duration.between(now, lastSent.plus(GRACE)).toMillis());
    }
}

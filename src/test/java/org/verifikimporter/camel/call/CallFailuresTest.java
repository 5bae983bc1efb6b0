package org.verifikimporter.camel.call;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.job.JobFixture.begun;
import static org.verifikimporter.job.JobFixture.person;
import static org.verifikimporter.job.JobFixture.sha;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.domain.CallPolicy;
import org.verifikimporter.domain.UnknownCause;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RowExecution.Step;
import org.verifikimporter.job.RunResults;

/**
 * What a failed call does to its row and to the run, as Camel's redelivery asks it (onExceptionOccurred,
 * then retryWhile), with the real CallPolicy: 5 attempts, backoff 100 ms to 1 s, Retry-After up to 120 s,
 * and a fixed "random" of 0.5, so the first backoff is exactly 50 + 0.5 * 50 = 75 ms.
 */
class CallFailuresTest {

    static final CallPolicy POLICY = new CallPolicy(5, 20, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(120), JobFixture.CLOCK, () -> 0.5);

    @TempDir
    Path tmp;
    CamelContext camel;
    ImportJob job;
    final RunResults results = new RunResults();
    CallFailures failures = new CallFailures(POLICY, results, new RateLimit(0, 1), true);

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        // no ledger: these decisions are the policy's, the ledger only hears of them when the row is reported
        job = begun(tmp.resolve("outbox"), null, "people.csv", sha('a'), false);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    /** A row claimed (SENDING record) and sent {@code attempts} times. */
    Exchange sent(int attempts) {
        RowExecution row = job.map(person(2, "ana@example.com"));
        row.plan(true, null);
        row.sendingRecorded(JobFixture.NOW);
        for (int i = 0; i < attempts; i++) {
            row.attemptStarted(Instant.now());
        }
        Exchange exchange = new DefaultExchange(camel);
        RouteKeys.ROW.set(exchange, row);
        return exchange;
    }

    /** As Camel's error handler does before onExceptionOccurred: the exception on the exchange, and caught. */
    void failedWith(Exchange exchange, Throwable error) {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        if (error instanceof Exception e) {
            exchange.setException(e);
        }
        failures.process(exchange);
    }

    static HttpOperationFailedException http(int status, String body, Map<String, String> headers) {
        return new HttpOperationFailedException("https://api.verifik.example/v2/biometric-validations", status,
                "status " + status, null, headers, body);
    }

    static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }

    @Test
    void a503IsRetriedAfterTheBackoff() {
        Exchange exchange = sent(1);

        failedWith(exchange, http(503, "{\"code\":\"Unavailable\",\"message\":\"busy\"}", Map.of()));

        assertThat(failures.retry(exchange)).isTrue();
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(75L);
        assertThat(row(exchange).decision()).isInstanceOf(CallPolicy.Retry.class);
        assertThat(row(exchange).failureIfNotRetried().code()).isEqualTo("SERVER_ERROR");
        assertThat(results.stopped()).isFalse();
    }

    @Test
    void theBackoffGrowsWithTheAttempts() {
        Exchange exchange = sent(3);

        failedWith(exchange, http(502, null, Map.of()));

        // 100 * 2^2 = 400 ms: 200 fixed + 0.5 * 200
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(300L);
    }

    @Test
    void aRetryAfterIsHonouredAndCapped() {
        Exchange asked = sent(1);
        failedWith(asked, http(429, null, Map.of("retry-after", "7")));
        assertThat(failures.retry(asked)).isTrue();
        assertThat(asked.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(7_000L);
        assertThat(row(asked).failureIfNotRetried().code()).isEqualTo("RATE_LIMITED");

        Exchange tooLong = sent(1);
        failedWith(tooLong, http(503, null, Map.of("Retry-After", "3600")));
        assertThat(tooLong.getIn().getHeader(Exchange.REDELIVERY_DELAY)).as("importer.max-retry-after")
                .isEqualTo(120_000L);
    }

    @Test
    void retriesEndAfterTheLastAttempt() {
        Exchange exchange = sent(5);

        failedWith(exchange, http(503, null, Map.of()));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("SERVER_ERROR");
        assertThat(row(exchange).failure().message()).contains("gave up after 5 attempts");
        assertThat(row(exchange).failure().retryable()).isTrue();
    }

    @Test
    void a409FailsTheRowWithTheApisOwnCode() {
        Exchange exchange = sent(1);

        failedWith(exchange, http(409, "{\"code\":\"MissingParameter\",\"message\":\"missing projectFlow\"}", Map.of()));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("MissingParameter");
        assertThat(row(exchange).failure().message()).isEqualTo("missing projectFlow");
        assertThat(row(exchange).failure().httpStatus()).isEqualTo(409);
        assertThat(row(exchange).failure().retryable()).isFalse();
        assertThat(results.stopped()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "401, Unauthorized, token is invalid",
        "402, INSUFFICIENT_CREDITS, out of credits",
        "403, Forbidden, permissions"})
    void anAccountOrTokenProblemStopsTheRun(int status, String code, String reason) {
        Exchange exchange = sent(1);

        failedWith(exchange, http(status, "{\"code\":\"" + code + "\",\"message\":\"no\"}", Map.of()));

        assertThat(results.stopped()).isTrue();
        assertThat(results.stopReason()).contains("Verifik answered " + status).contains(reason);
        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo(code);
        assertThat(row(exchange).failure().httpStatus()).isEqualTo(status);
    }

    @Test
    void seeAnswerStopsTheRunRightAfterA402ButNotAfterA503() {
        Exchange busy = new DefaultExchange(camel);
        busy.setException(http(503, null, Map.of()));
        failures.seeAnswer(busy);
        assertThat(results.stopped()).isFalse();

        Exchange broke = new DefaultExchange(camel);
        broke.setException(http(402, "{\"error\":\"Insufficient credits\",\"message\":\"INSUFFICIENT_CREDITS\"}", Map.of()));
        failures.seeAnswer(broke);
        assertThat(results.stopReason()).contains("402 INSUFFICIENT_CREDITS");
    }

    @Test
    void noAnswerAfterSendingIsLookedUpWhenLookupsAreOn() {
        Exchange exchange = sent(1);

        failedWith(exchange, new SocketTimeoutException("Read timed out"));

        assertThat(failures.retry(exchange)).as("never resent").isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.RECONCILE);
        assertThat(row(exchange).failure().code()).as("until it is found").isEqualTo("OUTCOME_UNKNOWN");
    }

    @Test
    void noAnswerAfterSendingIsAnUnknownOutcomeWhenLookupsAreOff() {
        failures = new CallFailures(POLICY, results, new RateLimit(0, 1), false);
        Exchange exchange = sent(1);

        failedWith(exchange, new RuntimeCamelException(new SocketTimeoutException("Read timed out")));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(row(exchange).failure().message()).contains("SocketTimeoutException: Read timed out")
                .contains("not sent again");
        assertThat(row(exchange).failure().retryable()).isFalse();
    }

    @Test
    void aTimeoutAndADroppedConnectionAreToldApartInTheMessage() {
        failures = new CallFailures(POLICY, results, new RateLimit(0, 1), false);
        Exchange slow = sent(1);
        failedWith(slow, new RuntimeCamelException(new SocketTimeoutException("Read timed out")));
        Exchange dropped = sent(1);
        failedWith(dropped, new java.net.SocketException("Connection reset"));

        assertThat(row(slow).failure().message()).startsWith(UnknownCause.TIMEOUT.message("").split(" \\(")[0]);
        assertThat(UnknownCause.of(row(slow).failure().message())).isEqualTo(UnknownCause.TIMEOUT);
        assertThat(row(dropped).failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(UnknownCause.of(row(dropped).failure().message())).isEqualTo(UnknownCause.DROPPED);
        assertThat(row(dropped).failure().message()).contains("SocketException: Connection reset");
    }

    @Test
    void aSuccessWithoutAnIdIsAnUnknownOutcomeToLookUp() {
        Exchange exchange = sent(1);

        failedWith(exchange, new ApiCall.AnswerWithoutIdException(201));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.RECONCILE);
        assertThat(row(exchange).failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(UnknownCause.of(row(exchange).failure().message())).isEqualTo(UnknownCause.NO_ID);
    }

    @Test
    void aConnectionRefusedIsRetriedSinceNothingWasSent() {
        Exchange exchange = sent(1);

        failedWith(exchange, new ConnectException("Connection refused"));

        assertThat(failures.retry(exchange)).isTrue();
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(75L);
        assertThat(row(exchange).failureIfNotRetried().code()).isEqualTo("NETWORK_ERROR");
        assertThat(row(exchange).failureIfNotRetried().message()).contains("Connection refused");
    }

    @Test
    void aRowWhoseRetryNeverCameEndsWithItsRealLastFailure() {
        Exchange exchange = sent(1);
        failedWith(exchange, http(503, null, Map.of()));
        assertThat(failures.retry(exchange)).isTrue();

        // meanwhile another row hit 401; the retry comes back through claim/beforeSend and is refused there
        results.stop("Verifik answered 401 Unauthorized");
        failedWith(exchange, new NotAttemptedException(results.stopReason()));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("SERVER_ERROR");
        assertThat(row(exchange).failure().message()).contains("not retried: the run was stopped after 1 attempt(s)");
        assertThat(row(exchange).failure().httpStatus()).isEqualTo(503);
    }

    @Test
    void aRowNeverSentBeforeTheRunStoppedIsNotAttempted() {
        Exchange exchange = sent(0);
        results.stop("Verifik answered 401 Unauthorized");

        failedWith(exchange, new NotAttemptedException(results.stopReason()));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).next()).isEqualTo(Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("NOT_ATTEMPTED");
        assertThat(row(exchange).failure().message()).contains("Verifik answered 401 Unauthorized");
    }

    @Test
    void anInternalErrorBeforeTheCallIsNotRetriedAndSaysTheRowWasNotSent() {
        Exchange exchange = sent(0);

        failedWith(exchange, new IllegalStateException("no slot"));

        assertThat(failures.retry(exchange)).isFalse();
        assertThat(row(exchange).failure().code()).isEqualTo("NOT_ATTEMPTED");
        assertThat(row(exchange).failure().message()).contains("the row was not sent");
    }
}

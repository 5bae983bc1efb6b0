package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallPolicyTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    CallPolicy policy(double random) {
        return new CallPolicy(3, 3, Duration.ofMillis(1000), Duration.ofMillis(30_000), Duration.ofSeconds(120), NOW,
                () -> random);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void retryableStatusesAreRetriedUntilMaxAttempts(int status) {
        CallPolicy p = policy(0.5);
        assertThat(p.decide(CallError.http(status, "", null), 1)).isInstanceOf(CallPolicy.Retry.class);
        assertThat(p.decide(CallError.http(status, "", null), 2)).isInstanceOf(CallPolicy.Retry.class);
        CallPolicy.Decision last = p.decide(CallError.http(status, "", null), 3);
        assertThat(last).isInstanceOf(CallPolicy.Fail.class);
        RowFailure f = ((CallPolicy.Fail) last).failure();
        assertThat(f.code()).isEqualTo(status == 429 ? "RATE_LIMITED" : "SERVER_ERROR");
        assertThat(f.httpStatus()).isEqualTo(status);
        assertThat(f.retryable()).isTrue();
        assertThat(f.message()).contains("3 attempts");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 422, 418, 301})
    void otherStatusesFailAtOnceWithTheApiCode(int status) {
        var d = policy(0).decide(CallError.http(status, "{\"code\":\"MissingParameter\",\"message\":\"missing project\"}", null), 1);
        RowFailure f = ((CallPolicy.Fail) d).failure();
        assertThat(f.code()).isEqualTo("MissingParameter");
        assertThat(f.message()).isEqualTo("missing project");
        assertThat(f.httpStatus()).isEqualTo(status);
        assertThat(f.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 402, 403})
    void authAndCreditProblemsStopTheRun(int status) {
        var d = policy(0).decide(CallError.http(status, "{\"code\":\"Unauthorized\",\"message\":\"Invalid or expired token.\"}", null), 1);
        assertThat(d).isInstanceOf(CallPolicy.StopRun.class);
        CallPolicy.StopRun stop = (CallPolicy.StopRun) d;
        assertThat(stop.failure().code()).isEqualTo("Unauthorized");
        assertThat(stop.reason()).contains(Integer.toString(status));
    }

    @Test
    void noAnswerAfterSendingIsNeverRetried() {
        var d = policy(0).decide(CallError.noAnswer("SocketTimeoutException: Read timed out"), 1);
        assertThat(((CallPolicy.Fail) d).failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(((CallPolicy.Fail) d).failure().retryable()).isFalse();
    }

    @Test
    void requestsThatNeverLeftAreRetriedThenNetworkError() {
        CallPolicy p = policy(0);
        assertThat(p.decide(CallError.notSent("Connection refused"), 1)).isInstanceOf(CallPolicy.Retry.class);
        var d = p.decide(CallError.notSent("Connection refused"), 3);
        assertThat(((CallPolicy.Fail) d).failure().code()).isEqualTo("NETWORK_ERROR");
        assertThat(((CallPolicy.Fail) d).failure().httpStatus()).isNull();
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        assertThat(policy(0).backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy(0.999).backoff(1)).isBetween(Duration.ofMillis(990), Duration.ofMillis(1000));
        assertThat(policy(0).backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy(1).backoff(40)).isEqualTo(Duration.ofMillis(30_000));
    }

    @Test
    void retryAfterInSecondsOrAsADateWinsOverBackoffAndIsCapped() {
        CallPolicy p = policy(0);
        assertThat(((CallPolicy.Retry) p.decide(CallError.http(429, "", "7"), 1)).delay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(((CallPolicy.Retry) p.decide(CallError.http(503, "", "Wed, 25 Nov 2026 12:00:30 GMT"), 1)).delay())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(((CallPolicy.Retry) p.decide(CallError.http(429, "", "3600"), 1)).delay()).isEqualTo(Duration.ofSeconds(120));
        assertThat(((CallPolicy.Retry) p.decide(CallError.http(429, "", "Wed, 25 Nov 2026 11:00:00 GMT"), 1)).delay())
                .isEqualTo(Duration.ZERO);
        assertThat(((CallPolicy.Retry) p.decide(CallError.http(429, "", "soon"), 1)).delay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aRetryKnowsHowTheRowEndsIfTheRunStopsBeforeIt() {
        var retry = (CallPolicy.Retry) policy(0).decide(CallError.http(503, "{\"code\":\"Busy\",\"message\":\"later\"}", null), 1);
        assertThat(retry.failureIfNotRetried().code()).isEqualTo("SERVER_ERROR");
        assertThat(retry.failureIfNotRetried().httpStatus()).isEqualTo(503);
        assertThat(retry.failureIfNotRetried().retryable()).isTrue();
        assertThat(retry.failureIfNotRetried().message()).contains("not retried");
    }

    @Test
    void answers429DoNotUseUpTheAttemptsForOtherFailuresAndHaveTheirOwnLimit() {
        CallPolicy p = new CallPolicy(3, 5, Duration.ofMillis(1000), Duration.ofMillis(30_000), Duration.ofSeconds(120),
                NOW, () -> 0.5);
        // four 429s, then a second 503: two attempts of three used, so it is retried
        assertThat(p.decide(CallError.http(503, "", null), 6, 4)).isInstanceOf(CallPolicy.Retry.class);
        CallPolicy.Decision third = p.decide(CallError.http(503, "", null), 7, 4);
        assertThat(third).isInstanceOf(CallPolicy.Fail.class);
        assertThat(((CallPolicy.Fail) third).failure().code()).isEqualTo("SERVER_ERROR");
        // 429s are retried up to their own limit, whatever the other attempts were
        assertThat(p.decide(CallError.http(429, "", null), 7, 4)).isInstanceOf(CallPolicy.Retry.class);
        CallPolicy.Decision fifth = p.decide(CallError.http(429, "", null), 8, 5);
        assertThat(fifth).isInstanceOf(CallPolicy.Fail.class);
        assertThat(((CallPolicy.Fail) fifth).failure().code()).isEqualTo("RATE_LIMITED");
        assertThat(((CallPolicy.Fail) fifth).failure().message()).contains("8 attempts");
    }

    @Test
    void underAPaceA429WithoutRetryAfterIsRetriedAtOnceAndEverythingElseStillBacksOff() {
        CallPolicy paced = policy(0.5).paced();
        assertThat(((CallPolicy.Retry) paced.decide(CallError.http(429, "", null), 2)).delay()).isZero();
        assertThat(((CallPolicy.Retry) paced.decide(CallError.http(429, "", "3"), 2)).delay())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(((CallPolicy.Retry) paced.decide(CallError.http(503, "", null), 2)).delay())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(((CallPolicy.Retry) paced.decide(CallError.notSent("refused"), 1)).delay())
                .isEqualTo(Duration.ofMillis(750));
        // the 429s still have their limit
        assertThat(paced.decide(CallError.http(429, "", null), 3)).isInstanceOf(CallPolicy.Fail.class);
        // without a pace, a 429 backs off like the others
        assertThat(((CallPolicy.Retry) policy(0.5).decide(CallError.http(429, "", null), 2)).delay())
                .isEqualTo(Duration.ofMillis(1500));
    }
}

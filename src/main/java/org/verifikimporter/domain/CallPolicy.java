package org.verifikimporter.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * What to do after a failed create attempt: retry (and after how long), fail the row, or stop the run.
 * 429, 500, 502, 503, 504 and requests that never left are retried with exponential backoff and jitter,
 * honouring Retry-After; other 4xx fail at once; 401/402/403 stop the run; no answer after sending is
 * never retried, because resending could email the person twice.
 */
public final class CallPolicy {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);
    private static final Set<Integer> STOP_STATUS = Set.of(401, 402, 403);

    private final int maxAttempts;
    private final int maxRateLimited;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final Clock clock;
    private final DoubleSupplier random;
    /** Whether a rate limit paces every call, and slows down on a 429 (importer.rate above 0). */
    private final boolean paced;

    /**
     * @param maxAttempts    attempts per row, the first included, not counting those answered 429
     * @param maxRateLimited attempts answered 429 a row may meet before it fails RATE_LIMITED: a 429 says the
     *                       pace was too fast, not that the row is in trouble, so it does not use up the others
     */
    public CallPolicy(int maxAttempts, int maxRateLimited, Duration baseDelay, Duration maxDelay,
                      Duration maxRetryAfter, Clock clock, DoubleSupplier random) {
        this(maxAttempts, maxRateLimited, baseDelay, maxDelay, maxRetryAfter, clock, random, false);
    }

    private CallPolicy(int maxAttempts, int maxRateLimited, Duration baseDelay, Duration maxDelay,
                       Duration maxRetryAfter, Clock clock, DoubleSupplier random, boolean paced) {
        if (maxAttempts < 1 || maxRateLimited < 1) {
            throw new IllegalArgumentException("maxAttempts and maxRateLimited must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.maxRateLimited = maxRateLimited;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
        this.random = random;
        this.paced = paced;
    }

    /**
     * The same policy under a rate limit that slows down on every 429 without Retry-After: such a 429 is then
     * retried without a backoff of its own, because the lowered pace already spaces the retry. A backoff of
     * half a second or more on top only left a row behind the rest: behind a strict gateway the last 429s
     * of a file held its end back by up to a second.
     */
    public CallPolicy paced() {
        return new CallPolicy(maxAttempts, maxRateLimited, baseDelay, maxDelay, maxRetryAfter, clock, random, true);
    }

    public sealed interface Decision permits Retry, Fail, StopRun {
    }

    /**
     * Try again after {@code delay}; the retry passes the rate limit again. {@code failureIfNotRetried} is
     * how the row ends if the retry never happens (the run stops meanwhile).
     */
    public record Retry(Duration delay, RowFailure failureIfNotRetried) implements Decision {
    }

    /** The row ends failed. */
    public record Fail(RowFailure failure) implements Decision {
    }

    /** The row ends failed and no further call may be made in this run (the token or account is the problem). */
    public record StopRun(RowFailure failure, String reason) implements Decision {
    }

    /**
     * As if every attempt so far had met this same answer.
     *
     * @param attemptsMade how many attempts have been made for this row, including the failed one
     */
    public Decision decide(CallError error, int attemptsMade) {
        boolean rateLimited = error.kind() == CallError.Kind.HTTP_STATUS && error.httpStatus() == 429;
        return decide(error, attemptsMade, rateLimited ? attemptsMade : 0);
    }

    /**
     * @param attemptsMade     how many attempts have been made for this row, including the failed one
     * @param rateLimitedSoFar how many of them were answered 429, this one included
     */
    public Decision decide(CallError error, int attemptsMade, int rateLimitedSoFar) {
        switch (error.kind()) {
            case NO_ANSWER:
                return new Fail(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, UnknownCause.DROPPED.message(error.detail())));
            case TIMED_OUT:
                return new Fail(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, UnknownCause.TIMEOUT.message(error.detail())));
            case NOT_SENT:
                return retryOrFail(error, attemptsMade, attemptsMade - rateLimitedSoFar >= maxAttempts,
                        ErrorCode.NETWORK_ERROR, "could not reach Verifik: " + error.detail());
            default:
                break;
        }
        int status = error.httpStatus();
        ApiResponses.ApiError api = ApiResponses.error(status, error.body());
        if (STOP_STATUS.contains(status)) {
            String reason = switch (status) {
                case 401 -> "Verifik answered 401 " + api.code() + ": the token is invalid or expired; "
                        + "set a valid VERIFIK_TOKEN and run again";
                case 402 -> "Verifik answered 402 " + api.code() + ": the account is out of credits; "
                        + "top it up and run again";
                default -> "Verifik answered 403 " + api.code() + ": the token may not create validations "
                        + "for this project; check the token's permissions and run again";
            };
            return new StopRun(new RowFailure(api.code(), api.message(), status, true), reason);
        }
        String message = "HTTP " + status + " " + api.code() + ": " + api.message();
        if (status == 429) {
            return retryOrFail(error, attemptsMade, rateLimitedSoFar >= maxRateLimited, ErrorCode.RATE_LIMITED,
                    message);
        }
        if (RETRYABLE_STATUS.contains(status)) {
            return retryOrFail(error, attemptsMade, attemptsMade - rateLimitedSoFar >= maxAttempts,
                    ErrorCode.SERVER_ERROR, message);
        }
        return new Fail(new RowFailure(api.code(), api.message(), status, false));
    }

    private Decision retryOrFail(CallError error, int attemptsMade, boolean exhaustedNow, ErrorCode exhausted,
                                 String message) {
        Integer status = error.kind() == CallError.Kind.HTTP_STATUS ? error.httpStatus() : null;
        if (exhaustedNow) {
            return new Fail(RowFailure.of(exhausted,
                    message + " (gave up after " + attemptsMade + " attempts)", status));
        }
        Duration retryAfter = retryAfter(error.retryAfter());
        boolean pacedRateLimit = paced && exhausted == ErrorCode.RATE_LIMITED;
        Duration delay = retryAfter != null ? retryAfter : pacedRateLimit ? Duration.ZERO : backoff(attemptsMade);
        return new Retry(delay, RowFailure.of(exhausted,
                message + " (not retried: the run was stopped after " + attemptsMade + " attempt(s))", status));
    }

    /** base * 2^(n-1), capped, then "equal jitter": half fixed, half random, so retries spread out. */
    Duration backoff(int attemptsMade) {
        long base = baseDelay.toMillis();
        long exp = base << Math.min(attemptsMade - 1, 30);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }

    /** Retry-After as honoured: at most importer.max-retry-after; null when absent or unreadable. */
    public Duration retryAfter(String header) {
        Duration asked = parseRetryAfter(header);
        return asked == null ? null : min(asked, maxRetryAfter);
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}

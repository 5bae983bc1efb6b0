package org.verifikimporter.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Decides which configured faults hit a request. All randomness comes from the one seeded source. */
final class FaultInjector {

    private final SimulatorOptions options;
    private final Random random;
    private final SlidingWindow rateLimit;
    private final AtomicInteger acceptedPosts = new AtomicInteger();

    FaultInjector(SimulatorOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.rateLimit = options.rateLimitPerSecond() > 0
                ? new SlidingWindow(Duration.ofSeconds(1), options.rateLimitPerSecond())
                : null;
    }

    /** Waits the configured latency plus jitter; an interrupt (the simulator stopping) drops the connection. */
    void applyLatency() {
        long jitter = options.latencyJitterMs() > 0 ? random.nextLong(options.latencyJitterMs() + 1) : 0;
        pause(options.latencyMs() + jitter);
    }

    boolean dropConnection() {
        return happens(options.dropRate());
    }

    Optional<Reply> serverError() {
        if (!happens(options.serverErrorRate())) {
            return Optional.empty();
        }
        return Optional.of(random.nextBoolean() ? ApiErrors.internalServerError() : ApiErrors.serviceUnavailable());
    }

    /** A 429 when this POST would be one too many in the last second; rejected calls do not fill the window. */
    Optional<Reply> rateLimit() {
        if (rateLimit == null || rateLimit.tryAdmit(System.nanoTime())) {
            return Optional.empty();
        }
        return Optional.of(ApiErrors.rateLimited(options.rateLimitRetryAfter()));
    }

    /**
     * Counts a POST whose token was accepted, and says whether the token is still good for it. The check and the
     * count are one atomic step, so concurrent calls cannot slip past the limit.
     */
    boolean admitTokenForPost() {
        int limit = options.tokenExpiresAfterCalls();
        if (limit == 0) {
            return true;
        }
        return acceptedPosts.getAndUpdate(n -> n < limit ? n + 1 : n) < limit;
    }

    boolean tokenExpired() {
        int limit = options.tokenExpiresAfterCalls();
        return limit > 0 && acceptedPosts.get() >= limit;
    }

    /** After a validation is recorded: waits when this answer is one of the slow ones. */
    void maybeDelayAfterRecord() {
        if (options.slowAfterRecordMs() > 0 && happens(options.slowAfterRecordRate())) {
            pause(options.slowAfterRecordMs());
        }
    }

    void reset() {
        acceptedPosts.set(0);
        if (rateLimit != null) {
            rateLimit.clear();
        }
    }

    private boolean happens(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionDrop("simulator stopping");
        }
    }
}

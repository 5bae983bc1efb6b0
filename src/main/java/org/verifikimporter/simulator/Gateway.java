package org.verifikimporter.simulator;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The strict API gateway in front of the simulated API: a {@link LeakyBucket} that every API request passes
 * before anything else looks at it, answering 429 without {@code Retry-After} when the bucket is full, as such
 * gateways do. Switched off (and counting nothing) when the rate is 0.
 */
final class Gateway {

    private final LeakyBucket bucket;
    private final LongSupplier nanoClock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /** @param nanoClock {@link System#nanoTime()}, or a clock a test moves by hand */
    Gateway(SimulatorOptions options, LongSupplier nanoClock) {
        this.bucket = options.gatewayRate() > 0 ? new LeakyBucket(options.gatewayRate(), options.gatewayBurst()) : null;
        this.nanoClock = nanoClock;
    }

    /** Empty when the request may go on to the API; otherwise the gateway's own 429. */
    Optional<Reply> admit() {
        if (bucket == null) {
            return Optional.empty();
        }
        if (bucket.tryAcquire(nanoClock.getAsLong())) {
            accepted.incrementAndGet();
            return Optional.empty();
        }
        rejected.incrementAndGet();
        return Optional.of(ApiErrors.gatewayTooManyRequests());
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    void reset() {
        if (bucket != null) {
            bucket.clear();
        }
        accepted.set(0);
        rejected.set(0);
    }
}

package org.verifikimporter.simulator;

/**
 * The admission rule of a gateway's leaky bucket, in its GCRA form: requests drain at {@code rate} per second and
 * at most {@code burst} of them may arrive ahead of that schedule. Unlike {@link SlidingWindow} it never lets a
 * whole second's worth through at once, which is what a client that starts R calls together each second runs into.
 *
 * <p>All the state is one instant, the theoretical arrival time of the next request had every accepted one
 * arrived exactly on schedule; a request is accepted when it is no more than {@code burst} emission intervals
 * ahead of it.
 */
final class LeakyBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long emissionIntervalNanos;
    private final long toleranceNanos;
    private boolean idle = true;
    private long theoreticalArrival;

    LeakyBucket(int ratePerSecond, int burst) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second, got " + ratePerSecond);
        }
        if (burst < 0) {
            throw new IllegalArgumentException("burst must not be negative, got " + burst);
        }
        // Rounded up: a rate that does not divide a second must never let more than `rate` through in the long run.
        this.emissionIntervalNanos = (NANOS_PER_SECOND + ratePerSecond - 1) / ratePerSecond;
        this.toleranceNanos = Math.multiplyExact(emissionIntervalNanos, (long) burst);
    }

    long emissionIntervalNanos() {
        return emissionIntervalNanos;
    }

    /**
     * Accepts a request arriving at {@code nowNanos} (a {@link System#nanoTime()} reading) when the bucket has room
     * for it. A rejected request leaves the bucket as it was, so a client that keeps hammering is not punished
     * beyond its excess.
     */
    synchronized boolean tryAcquire(long nowNanos) {
        // nanoTime readings are only comparable by their difference, which also survives the counter wrapping.
        if (idle || nowNanos - theoreticalArrival > 0) {
            // Behind schedule means drained: time nobody used is not saved up beyond the burst.
            idle = false;
            theoreticalArrival = nowNanos;
        }
        if (theoreticalArrival - nowNanos > toleranceNanos) {
            return false;
        }
        theoreticalArrival += emissionIntervalNanos;
        return true;
    }

    synchronized void clear() {
        idle = true;
    }
}

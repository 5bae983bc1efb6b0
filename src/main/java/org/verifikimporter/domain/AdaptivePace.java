package org.verifikimporter.domain;

import java.util.concurrent.TimeUnit;

/**
 * How fast calls may start right now, between a floor and {@code importer.rate}: a 429 that names no
 * Retry-After lowers the pace at once (multiplicative decrease), and it climbs back while no 429 comes
 * (additive increase), the way TCP finds what a link carries: quickly while well below the pace that met
 * the last 429, slowly near it. A gateway stricter than the rate it was configured for is met with a few
 * 429s, not a run of them, and the pace stays close to what it accepts.
 *
 * <p>Times are {@link System#nanoTime()} values; not thread-safe (the caller holds a lock).
 */
public final class AdaptivePace {

    /** The pace after a 429, as a share of the pace before it. */
    static final double DECREASE = 0.95;
    /** Calls per second regained per second without a 429, as a share of the full rate, well below the last 429. */
    static final double INCREASE_PER_SECOND = 0.05;
    /** ... and within {@link #NEAR} of the pace that met the last 429, where the next one is likely. */
    static final double SLOW_INCREASE_PER_SECOND = 0.01;
    static final double NEAR = 0.9;
    /** The lowest pace, as a share of the full rate: a gateway refusing everything is met with backoff, not silence. */
    static final double FLOOR = 0.05;
    /**
     * Requests already in flight when the pace was lowered answer with the old pace's 429s: within this many
     * intervals of the last decrease, a 429 lowers the pace no further.
     */
    static final int HOLD_INTERVALS = 8;

    private final double fullRate;
    private double rateAtChange;
    private long changedAt;
    private boolean lowered;
    /** The pace that met the last 429. */
    private double ceiling;

    /** @param fullRate calls per second ({@code importer.rate}), above 0 */
    public AdaptivePace(double fullRate) {
        if (fullRate <= 0) {
            throw new IllegalArgumentException("the rate must be above 0");
        }
        this.fullRate = fullRate;
        this.rateAtChange = fullRate;
    }

    /** Calls per second allowed at {@code now}. */
    public double rate(long now) {
        if (!lowered) {
            return fullRate;
        }
        double seconds = (now - changedAt) / (double) TimeUnit.SECONDS.toNanos(1);
        double near = NEAR * ceiling;
        double fast = fullRate * INCREASE_PER_SECOND;
        double rate;
        if (rateAtChange >= near) {
            rate = rateAtChange + fullRate * SLOW_INCREASE_PER_SECOND * seconds;
        } else if (rateAtChange + fast * seconds <= near) {
            rate = rateAtChange + fast * seconds;
        } else {
            double slowFor = seconds - (near - rateAtChange) / fast;
            rate = near + fullRate * SLOW_INCREASE_PER_SECOND * slowFor;
        }
        if (rate >= fullRate) {
            lowered = false;
            return fullRate;
        }
        return rate;
    }

    /** Nanoseconds between two starts at {@code now}. */
    public long intervalNanos(long now) {
        return (long) (TimeUnit.SECONDS.toNanos(1) / rate(now));
    }

    /**
     * A 429 without Retry-After: the gateway wants fewer calls than this pace.
     *
     * @return whether the pace went down (false while the last decrease is still taking effect)
     */
    public boolean rejected(long now) {
        double current = rate(now);
        if (lowered && now - changedAt < HOLD_INTERVALS * (long) (TimeUnit.SECONDS.toNanos(1) / current)) {
            return false;
        }
        ceiling = current;
        rateAtChange = Math.max(fullRate * FLOOR, current * DECREASE);
        changedAt = now;
        lowered = true;
        return true;
    }
}

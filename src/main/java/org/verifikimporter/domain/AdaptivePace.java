package org.verifikimporter.domain;

import java.util.concurrent.TimeUnit;

/**
 * How fast calls may start right now, between a floor and {@code importer.rate}: a 429 that names no
 * Retry-After lowers the pace at once, a little (multiplicative decrease), and it climbs back while no 429
 * comes (additive increase: quickly to just under the pace the 429 came at, then slowly), the way TCP finds
 * what a link carries. A gateway as strict as the rate
 * (a leaky bucket with no burst, where arrival jitter alone makes a call at exactly 1/rate early) is met
 * with a few 429s, not a run of them, and the pace stays just under what it accepts.
 *
 * <p>Times are {@link System#nanoTime()} values; not thread-safe (the caller holds a lock).
 */
public final class AdaptivePace {

    /**
     * The pace after a 429, as a share of the pace before it. Behind a gateway as strict as the rate most 429s
     * are arrival jitter (a few ms either way at 50 ms apart, bench/run.sh gateway), not a pace too fast by
     * much: 5% cut deeper than such a 429 calls for, and the slow climb back cost more than the 429 itself.
     */
    static final double DECREASE = 0.97;
    /**
     * Calls per second regained per second without a 429, as a share of the full rate, above {@link #KNEE}.
     * Measured behind a strict gateway at the rate (bench/run.sh gateway): 5% climbed back into the next 429
     * within a second or two; 1% still met one every two or three seconds, each a lost turn and a cut;
     * 0.4% (a fifth of the way from 98% to the rate in five seconds) lets the pace settle just under what
     * the gateway takes with 429s at about 2% of requests.
     */
    static final double INCREASE_PER_SECOND = 0.004;
    /**
     * Below {@link #KNEE} of the pace the last 429 came at, the pace climbs this much faster: the gateway took
     * that pace until just before, so the way back to near it is safe, and only the last step is a probe.
     * Measured behind the strict gateway: the first second's 429s (cold code on both sides, not the pace)
     * otherwise kept the pace 5 to 10% low for ten seconds.
     */
    static final double FAST_INCREASE_PER_SECOND = 0.05;
    /** The share of the pace at the last 429 up to which the pace climbs fast. */
    static final double KNEE = 0.985;
    /** The lowest pace, as a share of the full rate: a gateway refusing everything is met with backoff, not silence. */
    static final double FLOOR = 0.05;
    /**
     * Requests already on their way when the pace was lowered answer with the old pace's 429s: within this many
     * intervals of the last decrease, a 429 lowers the pace no further. A 429 comes back within milliseconds,
     * so only a call or two are ever on their way; eight intervals also swallowed the next real 429s.
     */
    static final int HOLD_INTERVALS = 3;

    private final double fullRate;
    private double rateAtChange;
    /** Where the fast climb after the last 429 ends: {@link #KNEE} of the pace that 429 came at. */
    private double knee;
    private long changedAt;
    private boolean lowered;

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
        double fast = fullRate * FAST_INCREASE_PER_SECOND;
        double fastSeconds = Math.max(0, (knee - rateAtChange) / fast);
        double rate = seconds <= fastSeconds ? rateAtChange + fast * seconds
                : Math.max(rateAtChange, knee) + fullRate * INCREASE_PER_SECOND * (seconds - fastSeconds);
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
        rateAtChange = Math.max(fullRate * FLOOR, current * DECREASE);
        knee = current * KNEE;
        changedAt = now;
        lowered = true;
        return true;
    }
}

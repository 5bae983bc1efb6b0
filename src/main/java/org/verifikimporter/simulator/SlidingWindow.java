package org.verifikimporter.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Counting events in a sliding time window. Two events fall in the same window when they are less than the
 * window's length apart; the limiter and {@link #maxInAnyWindow} use that same rule, so a client throttled to N per
 * second never shows more than N in the simulator's statistics.
 */
public final class SlidingWindow {

    private final long windowNanos;
    private final int limit;
    private final Deque<Long> admitted = new ArrayDeque<>();

    /** A limiter that admits at most {@code limit} events in any window of the given length. */
    public SlidingWindow(Duration window, int limit) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.windowNanos = window.toNanos();
        this.limit = limit;
    }

    /**
     * Admits an event at {@code nowNanos} (a {@link System#nanoTime()} reading) unless that would put more than
     * the limit in one window. Rejected events are not counted, so a client that backs off gets through again.
     */
    public synchronized boolean tryAdmit(long nowNanos) {
        while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= windowNanos) {
            admitted.removeFirst();
        }
        if (admitted.size() >= limit) {
            return false;
        }
        admitted.addLast(nowNanos);
        return true;
    }

    public synchronized void clear() {
        admitted.clear();
    }

    /** The largest number of the given instants that lie within one window, in any order of the input. */
    public static int maxInAnyWindow(Collection<Instant> instants, Duration window) {
        Objects.requireNonNull(window, "window");
        List<Instant> sorted = instants.stream().sorted().toList();
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (Duration.between(sorted.get(start), sorted.get(end)).compareTo(window) >= 0) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}

package org.verifikimporter.domain;

/**
 * The arithmetic of {@code importer.rate}: at most {@code rate} request starts in any window of
 * {@code windowNanos}, where a start is the moment a request actually went out, not the moment it was
 * allowed to. The two differ by the time it takes to open a connection (tens of milliseconds, more with
 * TLS to a remote host), and a limit counted at the permit lets a server that counts arrivals see more
 * than the rate in one second whenever a connection is opened.
 *
 * <p>Ticket {@code n} may start once ticket {@code n - rate} is settled (sent, or given up before
 * sending) and a second has passed since that one arrived at the server. When it arrived is known only
 * within bounds: not before it went out, and not after its answer came back. Until the answer is back the
 * window counts from its start plus a margin (a guess at the delay on the way); once it is back, from the
 * answer if that came sooner, which is certain whatever the delays were, and against a nearby server
 * (answers within a millisecond or two) costs next to nothing. An answer much slower than the quickest
 * of late says the request may have been held up on its way in: what it took beyond the quickest counts,
 * even beyond the margin. Within that, starts are spaced, so a
 * gateway that lets few requests arrive together (a leaky bucket with a small burst) sees them about one
 * interval apart instead of {@code rate} at once at the top of each second. The tickets follow a timeline
 * of one interval a ticket, counted from when each was let through (at most {@code burst} ahead, never
 * behind now), so the few milliseconds a request takes to go out are not added to every interval; and
 * ticket {@code n} waits for ticket {@code n - burst} to settle and for {@code burst} intervals (less
 * {@link #WIRE_SLACK_SHARE} of one) from when that one went out, so a request whose connection took long
 * to open is not followed closely by the next. The interval
 * can change while tickets are out ({@link #interval}). Times are {@link System#nanoTime()} values; not
 * thread-safe (the caller holds a lock).
 */
public final class StartWindow {

    /** {@link #nanosUntilNext} when the wait cannot be known until an earlier ticket settles. */
    public static final long UNSETTLED = -1;
    /**
     * How much closer than one interval two starts may be on the wire: the time from a ticket to its request
     * going out varies by a few milliseconds, and holding every start to the full interval after the last
     * one went out would add that to every interval.
     */
    static final double WIRE_SLACK_SHARE = 0.1;
    /** The most a late ticket's lateness is made up for by the next: never more than the wire's slack. */
    static final long MAX_CATCH_UP_NANOS = 2_000_000;
    /**
     * Added to an answer's time: a server that counts arrivals in whole milliseconds can see two requests up
     * to a millisecond closer together than they were.
     */
    static final long ANSWER_SLACK_NANOS = 2_000_000;

    private final int rate;
    private final long windowNanos;
    private final long marginNanos;
    private final long firstMarginNanos;
    /** Start time of the last {@code rate} tickets, by ticket number modulo rate. */
    private final long[] starts;
    private final boolean[] settled;
    private final boolean[] wentOut;
    /** When the answer to each of the last {@code rate} tickets came back, where {@link #hasAnswer}. */
    private final long[] answers;
    private final boolean[] hasAnswer;
    /**
     * About the quickest time from wire to answer of late, the way there and back: down at once to a quicker
     * answer, up by a sixteenth of the difference for a slower one, so a stall moves it little.
     */
    private long quickest = -1;
    private long issued;
    private int burst;
    private long intervalNanos;
    /** Where the timeline of spaced starts stands: the earliest moment for the next ticket, once {@link #paced}. */
    private long timeline;
    private boolean paced;

    /** A window counted from each start, with no margin for the way to the server. */
    public StartWindow(int rate, long windowNanos) {
        this(rate, windowNanos, 0, 0);
    }

    /**
     * @param marginNanos      the most a request is taken to need from going out to arriving, while its answer
     *                         is not back
     * @param firstMarginNanos the same for the first {@code rate} tickets: a run's first requests take longest
     *                         to arrive (code running for the first time on both sides)
     */
    public StartWindow(int rate, long windowNanos, long marginNanos, long firstMarginNanos) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1");
        }
        this.rate = rate;
        this.windowNanos = windowNanos;
        this.marginNanos = marginNanos;
        this.firstMarginNanos = firstMarginNanos;
        this.starts = new long[rate];
        this.settled = new boolean[rate];
        this.wentOut = new boolean[rate];
        this.answers = new long[rate];
        this.hasAnswer = new boolean[rate];
        this.burst = rate;
        this.intervalNanos = 0;
    }

    /**
     * Spaced starts: at most {@code burst} (1 to rate) tickets start within {@code burst} intervals.
     * Without it (the default) only the window applies.
     */
    public StartWindow spaced(int burst, long intervalNanos) {
        if (burst < 1 || burst > rate) {
            throw new IllegalArgumentException("burst must be from 1 to the rate");
        }
        this.burst = burst;
        this.intervalNanos = intervalNanos;
        return this;
    }

    /** A new spacing (a slower or faster pace) for the tickets issued from now on. */
    public void interval(long nanos) {
        this.intervalNanos = nanos;
    }

    /**
     * How long from {@code now} until the next ticket may be issued: 0 for at once, or {@link #UNSETTLED}
     * while the ticket {@code rate} places earlier has not gone out (nor been given up).
     */
    public long nanosUntilNext(long now) {
        long due = now;
        if (intervalNanos > 0) {
            if (paced) {
                due = Math.max(due, timeline - (burst - 1) * intervalNanos);
            }
            if (issued >= burst) {
                int slot = (int) ((issued - burst) % rate);
                if (!settled[slot]) {
                    return UNSETTLED;
                }
                due = Math.max(due, starts[slot] + burst * intervalNanos - (long) (intervalNanos * WIRE_SLACK_SHARE));
            }
        }
        if (issued >= rate) {
            int slot = (int) (issued % rate);
            if (!settled[slot]) {
                return UNSETTLED;
            }
            long margin = issued < 2L * rate ? firstMarginNanos : marginNanos; // ticket issued - rate was a first one
            long arrivedBy = starts[slot] + margin;
            if (hasAnswer[slot]) {
                long took = answers[slot] - starts[slot];
                // what an answer took beyond the quickest of late may have been spent on the way in (a stall on
                // either side), so it is not taken to fit in the margin
                long beyondUsual = took - quickest;
                arrivedBy = starts[slot] + Math.min(took, Math.max(margin, beyondUsual)) + ANSWER_SLACK_NANOS;
            }
            due = Math.max(due, arrivedBy + windowNanos);
        }
        return Math.max(0, due - now);
    }

    /**
     * How long the ticket's request, about to go on the wire at {@code now}, must still wait so that it goes out
     * no closer than {@code burst} intervals after ticket {@code ticket - burst} did. The ticket was issued on
     * the timeline already, with {@link #WIRE_SLACK_SHARE} of slack; this takes the slack back where it
     * matters, at the wire: a gateway with no burst refuses a request that arrives a millisecond early, and
     * the time from ticket to wire varies by a few milliseconds from one request to the next.
     */
    public long nanosUntilWire(long ticket, long now) {
        if (intervalNanos <= 0 || ticket < burst) {
            return 0;
        }
        long before = ticket - burst;
        int slot = (int) (before % rate);
        if (before < issued - rate || !wentOut[slot]) {
            return 0; // long ago, or it never went out
        }
        return Math.max(0, starts[slot] + burst * intervalNanos - now);
    }

    /**
     * Issues the next ticket at {@code now}, which {@link #nanosUntilNext} must have allowed.
     *
     * @return the ticket number, for {@link #sent} or {@link #notSent}
     */
    public long issue(long now) {
        if (nanosUntilNext(now) != 0) {
            throw new IllegalStateException("ticket " + issued + " is not due yet");
        }
        int slot = (int) (issued % rate);
        starts[slot] = now;
        settled[slot] = false;
        wentOut[slot] = false;
        hasAnswer[slot] = false;
        // a ticket let through a little late (its thread woken late) does not push the ones after it back
        long lateness = Math.min(MAX_CATCH_UP_NANOS, (long) (intervalNanos * WIRE_SLACK_SHARE));
        timeline = (paced ? Math.max(timeline, now - lateness) : now) + intervalNanos;
        paced = true;
        return issued++;
    }

    /** The ticket's request went out at {@code time}: the window counts from here. */
    public void sent(long ticket, long time) {
        if (unsettled(ticket)) {
            int slot = (int) (ticket % rate);
            starts[slot] = time;
            settled[slot] = true;
            wentOut[slot] = true;
        }
    }

    /** The answer to the ticket's request came back at {@code time}: it arrived at the server by then. */
    public void answered(long ticket, long time) {
        int slot = (int) (ticket % rate);
        if (ticket < issued && ticket >= issued - rate && wentOut[slot] && !hasAnswer[slot]) {
            answers[slot] = time;
            hasAnswer[slot] = true;
            long took = time - starts[slot];
            quickest = quickest < 0 || took < quickest ? took : quickest + (took - quickest) / 16;
        }
    }

    /**
     * The ticket's request never went out (the connection failed, or the run stopped): it started
     * nothing at the server, and the window counts from when it was issued.
     */
    public void notSent(long ticket) {
        if (unsettled(ticket)) {
            settled[(int) (ticket % rate)] = true;
        }
    }

    /** False too for a ticket whose slot was reused: it was settled long ago. */
    private boolean unsettled(long ticket) {
        return ticket < issued && ticket >= issued - rate && !settled[(int) (ticket % rate)];
    }
}

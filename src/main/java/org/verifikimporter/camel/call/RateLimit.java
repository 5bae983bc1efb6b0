package org.verifikimporter.camel.call;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.AdaptivePace;
import org.verifikimporter.domain.StartWindow;
import org.verifikimporter.ledger.SharedRateBudget;

/**
 * The pace of every call to Verifik ({@code importer.rate}, {@code importer.rate-burst}), counted where the
 * server counts it. Starts are spaced about 1/rate apart (a burst of {@code rate-burst} may go together),
 * never more than {@code rate} in any one second; a 429 without Retry-After slows the pace
 * ({@link AdaptivePace}), and a 429 with one holds every call until then.
 *
 * <p>Camel's throttler counts a call when it lets it through; this counts it when the request goes on the
 * wire, after its connection is open. The HTTP client tells it so from the last step before sending
 * ({@link #configureHttpClient}), on the same thread as the call, which is how a call's ticket finds its way
 * there; the same step sees the answer come back, the moment by which the request surely reached the server.
 * {@link #acquire} waits for a ticket; {@link #settle}, after the call whatever happened, lets a ticket
 * whose request never went out stop holding the window.
 *
 * <p>On a ledger several instances share (PostgreSQL) the rate is one budget for all of them: a start this
 * pace lets through then also takes its turn from the {@link SharedRateBudget}, after this class's lock is
 * let go. A 429 still slows, and a Retry-After still pauses, this instance only: the others' calls are
 * their own, and the turns this one leaves go to them.
 */
public final class RateLimit implements HttpClientConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.call");

    /**
     * Until its answer is back, a request is taken to have arrived this long after it went out (once the
     * answer is back, the window counts from the answer if that came sooner: see {@link StartWindow}). What
     * happens to a request between its start here and its arrival there must not let one more into a second. Measured on a busy two-core machine against the
     * simulator: usually a millisecond or two, at times 12 ms (a thread waiting for a core, either side).
     * With starts spaced an interval apart, one more in a second at the server takes the whole second's
     * requests arriving this much closer together than they left: 10 ms was seen to happen on a loaded
     * machine (RateAtTheServerTest, 9 in a second at rate 8), 25 ms was not. Against a nearby server the answer
     * comes first, and this costs nothing; against one slower to answer, up to 2.5% of the rate.
     */
    static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    /**
     * After each of the first {@code rate} requests: measured against the simulator, they reached it up to
     * ~45 ms later than their start here, against ~1 ms once connections and code are warm; a server's own
     * first request can come later still (WireMock logged one ~280 ms after it left here, on a loaded
     * machine, so the second, on time, seemed to follow it closely and the third fell into its second:
     * LookupBudgetTest at rate 2). It delays only the first second's requests of a run, and only those whose
     * answer takes longer than this.
     */
    static final long FIRST_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

    private final int rate;
    private final StartWindow window;
    private final AdaptivePace pace;
    /** Null on a ledger of one instance (SQLite, H2), or without a rate limit. */
    private final SharedTurns shared;
    private final ThreadLocal<Long> ticket = new ThreadLocal<>();
    private LongConsumer waited = nanos -> { };
    /** A lock with a condition, not a monitor: Object.wait rounds every wait up to the next millisecond. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock: no call starts before this (System.nanoTime) while {@link #paused}. */
    private long pausedUntil;
    /** Written under lock; volatile so that a call may see there is no pause without waiting for the lock. */
    private volatile boolean paused;

    /** @param rate calls per second, 0 for no limit; @param burst calls that may start together, 1 to rate */
    public RateLimit(int rate, int burst) {
        this(rate, burst, null);
    }

    /** @param shared the budget every instance on this ledger takes its turns from; null for this instance's own */
    public RateLimit(int rate, int burst, SharedRateBudget shared) {
        this.rate = rate;
        this.shared = rate > 0 && shared != null ? new SharedTurns(shared, this::waitedOutPause) : null;
        this.pace = rate > 0 ? new AdaptivePace(rate) : null;
        this.window = rate > 0 ? new StartWindow(rate, TimeUnit.SECONDS.toNanos(1), MARGIN_NANOS, FIRST_MARGIN_NANOS)
                .spaced(Math.min(Math.max(burst, 1), rate), interval(System.nanoTime())) : null;
    }

    /** Where the time each call waited goes (the rate-wait metric); nowhere by default. */
    public RateLimit timedBy(LongConsumer waitedNanos) {
        this.waited = waitedNanos;
        return this;
    }

    /** Waits until one more request may start: this instance's pace, then the budget it shares, if any. */
    public void acquire() {
        long start = System.nanoTime();
        try {
            awaitTurn();
            if (shared != null) {
                shared.take();
            }
        } finally {
            waited.accept(System.nanoTime() - start);
        }
    }

    /** @return whether a pause ({@link #pauseFor}) was on, and has now passed */
    private boolean waitedOutPause() throws InterruptedException {
        if (!paused) {
            return false;
        }
        lock.lock();
        try {
            boolean held = false;
            long left;
            while (paused && (left = pausedUntil - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
                held = true;
            }
            paused = false; // it has passed: the next call need not take the lock to see so
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the rate is one budget with the other instances on this ledger. */
    public boolean sharedAcrossInstances() {
        return shared != null;
    }

    private void awaitTurn() {
        lock.lock();
        try {
            try {
                while (true) {
                    long now = System.nanoTime();
                    long wait = paused && pausedUntil - now > 0 ? pausedUntil - now : 0;
                    if (wait == 0 && window != null) {
                        window.interval(interval(now));
                        wait = window.nanosUntilNext(now);
                        if (wait == 0) {
                            ticket.set(window.issue(now));
                            return;
                        }
                    } else if (wait == 0) {
                        return; // no rate limit, and no Retry-After to wait out
                    }
                    if (wait == StartWindow.UNSETTLED) {
                        changed.await();
                    } else {
                        changed.awaitNanos(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotAttemptedException("the importer is shutting down");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The pace's own interval, not stretched to the window's length: the window then holds back the
     * {@code rate + 1}st start a little, which also takes up the few milliseconds some starts came late.
     */
    private long interval(long now) {
        return pace.intervalNanos(now);
    }

    /** A 429 without Retry-After: Verifik (or a gateway before it) wants calls further apart. */
    public void slowDown() {
        if (pace == null) {
            return;
        }
        lock.lock();
        try {
            long now = System.nanoTime();
            if (pace.rejected(now)) {
                LOG.info("Verifik answered 429 without Retry-After: calls slowed to {}/s (importer.rate {}); the pace "
                        + "climbs back while no 429 comes", String.format(java.util.Locale.ROOT, "%.1f", pace.rate(now)), rate);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A 429 with Retry-After: no call starts until it has passed, whichever row it came for. */
    public void pauseFor(Duration retryAfter) {
        lock.lock();
        try {
            long until = System.nanoTime() + retryAfter.toNanos();
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
                paused = true;
                LOG.info("Verifik answered 429 with Retry-After: no call for {} s", retryAfter.toSeconds());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After the call: a ticket whose request did not go out (no connection, or the run stopped) is given up. */
    public void settle() {
        if (shared != null) {
            shared.forget();
        }
        giveUpTicket();
    }

    /**
     * Called by the HTTP client on the call's thread, as the request goes on the wire.
     *
     * @return the call's ticket, for {@link #answered}; null without one
     */
    private Long sent() {
        Long t = ticket.get();
        if (t != null) {
            ticket.remove();
            lock.lock();
            try {
                long now = System.nanoTime();
                long wait;
                // at most the few milliseconds the timeline's slack allowed: not worth giving up the call for
                while ((wait = window.nanosUntilWire(t, now)) > 0) {
                    changed.awaitNanos(wait);
                    now = System.nanoTime();
                }
                window.sent(t, now); // first: waiting for the lock must not come between the turn's check and the wire
                changed.signalAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                window.sent(t, System.nanoTime());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        if (shared != null) {
            shared.onTheWire();
        }
        return t;
    }

    /** The answer's head came back: the request reached the server by now, which may free the window sooner. */
    private void answered(Long t) {
        if (t == null) {
            return;
        }
        long now = System.nanoTime();
        lock.lock();
        try {
            window.answered(t, now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void giveUpTicket() {
        Long t = ticket.get();
        if (t == null) {
            return; // no rate limit, or it went out
        }
        ticket.remove();
        lock.lock();
        try {
            window.notSent(t);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "importer-rate-start",
                (request, scope, chain) -> {
                    Long t = sent();
                    ClassicHttpResponse response = chain.proceed(request, scope);
                    answered(t);
                    return response;
                });
    }
}

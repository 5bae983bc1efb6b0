package org.verifikimporter.camel.call;

import java.util.concurrent.TimeUnit;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.verifikimporter.domain.StartWindow;

/**
 * {@code importer.rate}, counted where the server counts it. Camel's throttler counts a call when it lets
 * it through; this counts it when the request goes on the wire, after its connection is open. The HTTP
 * client tells it so from the last step before sending ({@link #configureHttpClient}), on the same thread
 * as the call, which is how a call's ticket finds its way there.
 *
 * <p>{@link #acquire} waits for a ticket; {@link #settle}, after the call whatever happened, lets a ticket
 * whose request never went out stop holding the window.
 */
public final class RateLimit implements HttpClientConfigurer {

    /**
     * The window is this much longer than a second: what happens to a request between its start here and
     * its arrival there must not let one more into a second. Measured on a busy two-core machine against the
     * simulator: usually a millisecond or two, at times 12 ms (a thread waiting for a core, either side).
     */
    static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    /**
     * After each of the first {@code rate} requests: measured against the simulator, they reached it up to
     * ~45 ms later than their start here, against ~1 ms once connections and code are warm.
     */
    static final long FIRST_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final StartWindow window;
    private final ThreadLocal<Long> ticket = new ThreadLocal<>();
    private final Object lock = new Object();

    /** @param rate calls per second; 0 means no limit */
    public RateLimit(int rate) {
        this.window = rate > 0 ? new StartWindow(rate, TimeUnit.SECONDS.toNanos(1) + MARGIN_NANOS,
                TimeUnit.SECONDS.toNanos(1) + FIRST_MARGIN_NANOS) : null;
    }

    /** Waits until one more request may start. */
    public void acquire() {
        if (window == null) {
            return;
        }
        synchronized (lock) {
            try {
                while (true) {
                    long now = System.nanoTime();
                    long wait = window.nanosUntilNext(now);
                    if (wait == 0) {
                        ticket.set(window.issue(now));
                        return;
                    }
                    if (wait == StartWindow.UNSETTLED) {
                        lock.wait();
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(lock, wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotAttemptedException("the importer is shutting down");
            }
        }
    }

    /** After the call: a ticket whose request did not go out (no connection, or the run stopped) is given up. */
    public void settle() {
        settleTicket(false);
    }

    /** Called by the HTTP client on the call's thread, as the request goes on the wire. */
    private void sent() {
        settleTicket(true);
    }

    private void settleTicket(boolean wentOut) {
        Long t = ticket.get();
        if (t == null) {
            return; // no rate limit, or already settled
        }
        ticket.remove();
        synchronized (lock) {
            if (wentOut) {
                window.sent(t, System.nanoTime());
            } else {
                window.notSent(t);
            }
            lock.notifyAll();
        }
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "importer-rate-start",
                (request, scope, chain) -> {
                    sent();
                    return chain.proceed(request, scope);
                });
    }
}

package org.verifikimporter.camel.track;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.track.StatusReads;
import org.verifikimporter.track.TrackPass;
import org.verifikimporter.track.Tracker;

/**
 * Tracking passes inside a running Camel: {@code track} runs one, {@code watch} one every
 * {@code importer.track-interval} (none when it is 0). Their reads go through {@code direct:verifik-get}, the
 * creates' call slots and pace, so an import and a pass running at once share one budget; a run stopped by
 * Verifik (401/402/403) makes no read any more.
 */
public final class Tracking {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.track");

    private final TrackPass pass;
    private final Tracker tracker;
    private final RunResults results;
    private final Duration interval;
    /** Guarded by this; null until {@link #start}. */
    private ScheduledExecutorService timer;

    /** @param interval zero: passes only when asked ({@link #pass}) */
    public Tracking(Ledger ledger, StatusReads reads, RunResults results, Clock clock, Duration window,
                    Duration interval) {
        this.pass = new TrackPass(ledger.validationStatuses(), clock, window);
        this.tracker = new Tracker(reads);
        this.results = results;
        this.interval = interval;
    }

    /** One pass now, on the caller's thread. */
    public TrackPass.Result pass() {
        return pass.run(tracker, results::stopped);
    }

    /** watch, once Camel has started: a pass every interval, the first one interval after the start. */
    public synchronized void start() {
        if (interval.isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "track");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::scheduledPass, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void scheduledPass() {
        if (results.stopped()) {
            return;
        }
        try {
            pass();
        } catch (RuntimeException e) {
            // the next pass tries again; the statuses already in the ledger stay
            LOG.warn("Tracking pass failed: {}", e.getMessage());
        }
    }

    /** Before Camel stops: no new pass; one in progress ends with its reads refused. */
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}

package org.verifikimporter.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ticks every file's progress once a second while it is not finished, so that rows waiting for the lookup of
 * an unknown outcome are shown waiting although no row finishes meanwhile. One daemon thread for the process,
 * started with the first file; a tick shows nothing unless a row waits and the sink's interval has passed.
 */
final class ProgressTicker {

    static final ProgressTicker SHARED = new ProgressTicker();

    private final Set<Progress> live = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    Progress watch(Progress progress) {
        live.add(progress);
        progress.onFinish(() -> live.remove(progress));
        start();
        return progress;
    }

    private synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress-ticker");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> live.forEach(Progress::tick), 1, 1, TimeUnit.SECONDS);
        }
    }
}

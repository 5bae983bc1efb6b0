package org.verifikimporter.camel.file;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that process a file's rows. Camel's own pools offer CallerRuns when full, which would run
 * rows on the reading thread; here a full queue makes the streaming splitter wait instead, which also
 * keeps a million-row file from being read into memory ahead of the calls. Calls in flight are bounded
 * by {@link CallSlots}, not by this pool.
 */
public final class RowPool {

    private RowPool() {
    }

    /**
     * Twice the calls in flight: while {@code concurrency} rows wait for Verifik, as many again can be
     * mapped and reported, or wait out a retry's backoff, without holding a call slot.
     */
    public static int threadsFor(int concurrency) {
        return concurrency * 2;
    }

    public static ExecutorService create(int concurrency) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "row-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // room for the splitter's own task besides the queued rows, so a pool of one cannot deadlock
        int queue = Math.max(2, concurrency * 2);
        return new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), threads, (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the importer is shutting down");
                    }
                    try {
                        pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for a free row thread", e);
                    }
                });
    }
}

package org.verifikimporter.camel.inbox;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.job.RunResults;

/**
 * The thread that polls the inbox. Camel's poll consumer logs an {@link Error} (out of memory, say)
 * and rethrows it into its scheduler, where a plain executor would keep it in a future nobody reads:
 * the poll never runs again, {@code run} never hears that its poll ended, and the process hangs with
 * its cron lock held. Here such an end fails the run (exit 1) and lets it stop.
 */
public final class InboxScheduler extends ScheduledThreadPoolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.run");

    private final RunResults results;
    private final Runnable endRun;

    /**
     * @param endRun stops the process's Camel (it must not block: it runs on the failed poll's thread)
     */
    public InboxScheduler(RunResults results, Runnable endRun) {
        super(1, r -> {
            Thread t = new Thread(r, "inbox-poll");
            t.setDaemon(true);
            return t;
        });
        this.results = results;
        this.endRun = endRun;
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        Throwable failure = thrown != null ? thrown : failureOf(task);
        if (failure == null) {
            return;
        }
        String reason = "the inbox poll died: " + failure.getClass().getSimpleName()
                + (failure instanceof OutOfMemoryError ? " (give the JVM more heap with -Xmx, or lower importer.concurrency)" : "");
        if (results.fail(reason)) {
            LOG.error("stopping: {}", reason);
        }
        endRun.run();
    }

    private static Throwable failureOf(Runnable task) {
        if (!(task instanceof Future<?> future) || !future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return null; // Camel stopping the consumer, the normal end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

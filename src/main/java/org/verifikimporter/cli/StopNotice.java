package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.verifikimporter.domain.ExitCode;

/**
 * What SIGTERM (or Ctrl-C) shows while run or watch imports, and how the process then ends. The JVM runs every
 * shutdown hook at once and, as soon as they are all done, halts with 143 whatever the main thread is doing:
 * Camel Main's hook waits for Camel only, so the end-of-run table never came and the exit code was the JVM's.
 * This hook prints one line at once, waits for the main thread to print the per-file table and the result line,
 * then ends the process with their exit code. Only for the process's own command: a test running the CLI
 * in-process must not have its JVM halted.
 */
final class StopNotice {

    private final PrintWriter out;
    private final Supplier<String> stoppingLine;
    private final Duration wait;
    private final CountDownLatch printed = new CountDownLatch(1);
    private volatile int exitCode = ExitCode.INTERRUPTED.code();

    private StopNotice(PrintWriter out, Supplier<String> stoppingLine, Duration wait) {
        this.out = out;
        this.stoppingLine = stoppingLine;
        this.wait = wait;
    }

    /**
     * @param wait how long the main thread may take to stop and print; past it the process ends with 5 anyway
     */
    static StopNotice install(PrintWriter out, Supplier<String> stoppingLine, Duration wait) {
        StopNotice notice = new StopNotice(out, stoppingLine, wait);
        Thread hook = new Thread(notice::onShutdown, "stop-notice");
        Runtime.getRuntime().addShutdownHook(hook);
        return notice;
    }

    /** The main thread has printed everything; {@code code} is what the process ends with. */
    void done(int code) {
        exitCode = code;
        printed.countDown();
    }

    private void onShutdown() {
        if (printed.getCount() == 0) {
            // the command ended first: this is its own System.exit, not a signal
            return;
        }
        out.println(stoppingLine.get());
        out.flush();
        boolean done;
        try {
            done = printed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        // exit() would wait for this very hook; halt() ends the process with the documented code instead of 143
        Runtime.getRuntime().halt(done ? exitCode : ExitCode.INTERRUPTED.code());
    }
}

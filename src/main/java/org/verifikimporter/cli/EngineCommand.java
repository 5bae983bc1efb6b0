package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.LedgerException;
import org.verifikimporter.logging.LogMask;
import org.verifikimporter.logging.LogSetup;

/**
 * What run, watch and validate share: settings from files, environment and --set, one clear line for a
 * configuration or start-up problem (exit 1), and the end-of-run lines.
 */
abstract class EngineCommand extends SettingsCommand {

    @FunctionalInterface
    interface Work {
        RunResults run(ImporterEngine engine) throws Exception;
    }

    /** Builds the settings (the command may adjust the builder first), runs the engine, prints the outcome. */
    int runEngine(Consumer<ImporterSettings.Builder> adjust, Work work) {
        ImporterSettings settings = settings(adjust).orElse(null);
        if (settings == null) {
            return 1;
        }
        LogSetup.apply(settings.logFormat());
        LogMask.secret(settings.token());
        LogMask.secret(settings.ledgerPassword());
        LogMask.secret(settings.webhookSecret());
        // a person is watching: a live bar on the terminal itself, instead of progress lines in the log
        LiveFiles files = new LiveFiles(interactive()
                ? Progress.terminalBar(System.console().writer(), Clock.systemUTC())
                : Progress.logLines(Clock.systemUTC(), settings.progressInterval()));
        Duration upTo = shutdownTimeout(settings);
        PrintWriter out = spec.commandLine().getOut();
        StopNotice stop = ImporterCli.ownsProcess()
                ? StopNotice.install(out, () -> files.stoppingLine(upTo), upTo.plusSeconds(30))
                : null;
        int code = 1;
        try {
            ImporterEngine engine = new ImporterEngine(settings, Clock.systemUTC()).progress(files);
            code = Outcomes.print(work.run(engine), out, dryRun());
            return code;
        } catch (Exception e) {
            spec.commandLine().getErr().println("startup failed: " + oneLine(e));
            return code;
        } finally {
            if (stop != null) {
                stop.done(code);
            }
        }
    }

    /** How long rows in flight get to finish on SIGTERM before Camel cuts them off. */
    private static Duration shutdownTimeout(ImporterSettings settings) {
        try {
            return Duration.ofSeconds(Long.parseLong(settings.get("camel.main.shutdown-timeout").strip()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(45);
        }
    }

    /** validate: nothing is sent or moved, and the end-of-run lines say so. */
    boolean dryRun() {
        return false;
    }

    /** A terminal is attached (not a log file, a pipe or a scheduler). */
    static boolean interactive() {
        return System.console() != null;
    }

    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LedgerException) {
                return t.getMessage().replaceAll("[\\r\\n]+", " ");
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }
}

package org.verifikimporter.cli;

import java.time.Clock;
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
        try {
            ImporterEngine engine = new ImporterEngine(settings, Clock.systemUTC());
            if (interactive()) {
                // a person is watching: a live bar on the terminal itself, instead of progress lines in the log
                engine.progress(Progress.terminalBar(System.console().writer(), Clock.systemUTC()));
            }
            return Outcomes.print(work.run(engine), spec.commandLine().getOut(), dryRun());
        } catch (Exception e) {
            spec.commandLine().getErr().println("startup failed: " + oneLine(e));
            return 1;
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

package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.ledger.Funnel;
import org.verifikimporter.logging.LogMask;
import org.verifikimporter.logging.LogSetup;
import org.verifikimporter.track.TrackPass;
import picocli.CommandLine.Command;

@Command(name = "track", mixinStandardHelpOptions = true,
        description = {"Read from Verifik the status of every validation created within importer.track-window "
                + "whose status is not final (completed, failed, expired), keep each change in the ledger, rewrite "
                + "status.csv of the runs that changed, and print each run's counts.",
                "The reads go through the same pace and call slots as the creates. Exit: 0 done, 4 stopped by "
                        + "Verifik (401/402/403), 1 bad configuration or the ledger failed."})
public final class TrackCommand extends SettingsCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImporterSettings settings = settings(b -> { }).orElse(null);
        if (settings == null) {
            return ExitCode.CONFIG_ERROR.code();
        }
        LogSetup.apply(settings.logFormat());
        LogMask.secret(settings.token());
        LogMask.secret(settings.ledgerPassword());
        try {
            ImporterEngine.Tracked tracked = new ImporterEngine(settings, Clock.systemUTC()).track();
            print(tracked.pass(), out);
            if (tracked.calls().stopped()) {
                out.println("Stopped: " + tracked.calls().stopReason());
                return ExitCode.RUN_STOPPED.code();
            }
            return ExitCode.OK.code();
        } catch (Exception e) {
            err.println("track failed: " + EngineCommand.oneLine(e));
            return ExitCode.CONFIG_ERROR.code();
        } finally {
            out.flush();
        }
    }

    static void print(TrackPass.Result pass, PrintWriter out) {
        if (pass == null || pass.candidates() == 0) {
            out.println("Nothing to track: no validation created within importer.track-window is still open.");
            return;
        }
        var reads = pass.reads();
        out.printf("Tracked %d open validation%s: %d changed (%d list page%s, %d single read%s)%n", pass.candidates(),
                pass.candidates() == 1 ? "" : "s", pass.changed(), reads.listCalls(), reads.listCalls() == 1 ? "" : "s",
                reads.singleReads(), reads.singleReads() == 1 ? "" : "s");
        if (reads.notFound() > 0) {
            out.printf("  %d not known to Verifik (404): see the log for their ids%n", reads.notFound());
        }
        if (reads.unread() > 0) {
            out.printf("  %d not read this time (%s); the next pass reads them%n", reads.unread(),
                    reads.failure() == null ? "stopped" : reads.failure());
        }
        out.printf("  %-40s %8s %8s %9s %7s %8s  %s%n", "file", "created", "open", "completed", "failed", "expired",
                "last checked");
        for (TrackPass.RunTracked run : pass.runs()) {
            Funnel f = run.funnel();
            out.printf("  %-40s %8d %8d %9d %7d %8d  %s%n", Printable.of(run.fileName()), f.created(), f.open(),
                    f.completed(), f.failed(), f.expired(), f.lastCheckedAt() == null ? "never"
                            : WHEN.format(f.lastCheckedAt()));
        }
    }
}

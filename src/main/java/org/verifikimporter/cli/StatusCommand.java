package org.verifikimporter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.RowCounter;
import org.verifikimporter.ledger.Claim;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerException;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.ledger.Funnel;
import org.verifikimporter.report.RejectedFiles;
import org.verifikimporter.report.RunFunnel;
import org.verifikimporter.report.RunPage;
import org.verifikimporter.report.RunSummaryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"What is in the inbox, which files were rejected and why, which imports are not finished (in "
                + "flight, or cut short and waiting to be resumed) and the last runs with their counts. "
                + "Reads the folders and the ledger; calls nothing."})
public final class StatusCommand extends SettingsCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--last", paramLabel = "N", defaultValue = "10",
            description = "How many of the last runs, and of the rejected files, to list (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ImporterSettings settings = settings(b -> b.tokenRequired(false)).orElse(null);
        if (settings == null) {
            return 1;
        }
        inbox(settings, out);
        rejected(settings, out);
        inFlight(settings, out);
        lastRuns(settings, out);
        out.flush();
        return 0;
    }

    private static void inbox(ImporterSettings settings, PrintWriter out) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(settings.inbox())) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(settings.inbox())) {
                for (Path f : s) {
                    if (Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                        files.add(f);
                    }
                }
            }
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        out.printf("Inbox %s: %s%n", settings.inbox(), files.isEmpty() ? "empty"
                : files.size() + " file" + (files.size() == 1 ? "" : "s") + " waiting for the next run");
        for (Path f : files) {
            long rows = RowCounter.count(f);
            out.printf("  %-40s %10s  %9s  modified %s%n", Printable.of(f.getFileName().toString()),
                    rows == RowCounter.UNKNOWN ? "? rows" : rows + " rows", size(Files.size(f)),
                    WHEN.format(Files.getLastModifiedTime(f).toInstant()));
        }
    }

    /** Files that wait for a person, not for a run: each with what is wrong and where that is written. */
    private void rejected(ImporterSettings settings, PrintWriter out) throws IOException {
        RejectedFiles.Listing rejected = RejectedFiles.newest(settings.rejected(), Math.max(0, last));
        int shown = rejected.newest().size();
        out.printf("Rejected %s: %s%n", settings.rejected(), rejected.isEmpty() ? "none"
                : rejected.total() + " file" + (rejected.total() == 1 ? "" : "s") + " not imported; fix each and drop "
                + "it into the inbox again" + (rejected.total() > shown ? " (the newest " + shown + " below)" : ""));
        for (RejectedFiles.Rejected r : rejected.newest()) {
            out.printf("  %-40s rejected %s: %s%n", Printable.of(r.name()), WHEN.format(r.at()),
                    r.reason() == null ? "no reason file beside it" : Printable.of(r.reason()));
            if (r.reasonFile() != null) {
                out.printf("    reason: %s%n", Printable.of(r.reasonFile().toString()));
            }
        }
    }

    /** Imports the ledger has not seen finish: running now, cut short (resumed next run), or stopped by Verifik. */
    private static void inFlight(ImporterSettings settings, PrintWriter out) {
        boolean embedded = settings.ledgerUrl().isBlank();
        if (embedded && !LedgerFactory.embeddedLedgerExists(settings.state())) {
            out.println("In flight: none (no ledger yet: nothing has been sent from this state folder)");
            return;
        }
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), Clock.systemUTC())) {
            List<ImportRun> runs = ledger.unfinishedRuns();
            out.printf("In flight: %s%n", runs.isEmpty() ? "none" : runs.size() + " import" + (runs.size() == 1 ? "" : "s")
                    + " not finished; the next run resumes each one whose file is still in the inbox");
            List<Claim> claims = ledger.claims().all();
            for (ImportRun r : runs) {
                Claim holder = claims.stream().filter(c -> Long.valueOf(r.id()).equals(c.runId()) && c.live())
                        .findFirst().orElse(null);
                out.printf("  %-40s started %s  %s  (%s)  report folder %s%n", Printable.of(r.fileName()), WHEN.format(r.startedAt()),
                        r.state() == ImportRun.State.STOPPED ? "stopped by Verifik"
                                : holder != null ? "importing now by " + Printable.of(holder.instanceName())
                                : "running or cut short", rows(ledger, r.id()), r.reportDir());
            }
            instances(ledger, claims, out);
        } catch (LedgerException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                out.println("In flight: an importer is running on this state folder now (its ledger is in use)");
            } else {
                out.println("In flight: unknown, the ledger cannot be read: " + EngineCommand.oneLine(e));
            }
        } catch (Exception e) {
            out.println("In flight: unknown, the ledger cannot be read: " + EngineCommand.oneLine(e));
        }
    }

    private static String rows(Ledger ledger, long runId) {
        Map<String, Long> states = ledger.rowStates(runId);
        return states.isEmpty() ? "no row sent yet" : states.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /**
     * Which instance holds which file now (its claim in the ledger), how far it is, and how long ago it last
     * renewed its claim. A claim past its lease is a dead instance's: the next poll of another one takes it over.
     */
    private static void instances(Ledger ledger, List<Claim> claims, PrintWriter out) {
        List<Claim> files = claims.stream().filter(c -> c.key().startsWith("file:")).toList();
        long live = files.stream().filter(Claim::live).count();
        out.printf("Instances: %s%n", files.isEmpty() ? "none holds a file now"
                : live + " file" + (live == 1 ? "" : "s") + " held" + (files.size() > live
                ? ", " + (files.size() - live) + " claim(s) expired (their instance stopped renewing them)" : ""));
        for (Claim c : files) {
            out.printf("  %-20s %-40s heartbeat %3d s ago  %s  %s%n", Printable.of(c.instanceName()),
                    Printable.of(c.fileName()), c.heartbeatAgeMillis() / 1000,
                    c.runId() == null ? "not begun" : rows(ledger, c.runId()),
                    c.live() ? "claim expires in " + (c.expiresAt() - c.nowMillis()) / 1000 + " s"
                            : "EXPIRED: another instance takes the file over at its next poll");
        }
    }

    private void lastRuns(ImporterSettings settings, PrintWriter out) throws IOException {
        List<RunSummaryFile> runs = RunSummaryFile.newest(settings.outbox(), Math.max(0, last));
        out.printf("Last runs (%s, newest first): %s%n", settings.outbox(), runs.isEmpty() ? "none"
                : Integer.toString(runs.size()));
        for (RunSummaryFile r : runs) {
            Path page = r.dir().resolve(RunPage.FILE_NAME);
            out.printf("  %s  %-30s %7d rows %7d %-7s %7d failed  %-18s %s%n",
                    r.startedAt() == null ? "?" : WHEN.format(r.startedAt()), Printable.of(r.file()), r.total(),
                    r.created(), r.passedWord(), r.failed(), r.result(), Files.exists(page) ? page : r.dir());
            if (!r.dryRun() && r.created() > 0) {
                // the same numbers as the funnel of report.html, from the same file
                Funnel f = RunFunnel.read(r.dir()).orElse(RunFunnel.unchecked(r.created()));
                out.printf("    after the link: %d created, %d still open, %d completed, %d failed, %d expired; %s%n",
                        f.created(), f.open(), f.completed(), f.failed(), f.expired(), RunFunnel.lastChecked(f));
            }
        }
        if (!runs.isEmpty() && Files.exists(settings.outbox().resolve("index.html"))) {
            out.printf("All runs: %s%n", settings.outbox().resolve("index.html"));
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

}

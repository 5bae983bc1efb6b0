package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.unknown.Decision;
import org.verifikimporter.unknown.DecisionLog;
import org.verifikimporter.unknown.PutBackRows;
import org.verifikimporter.unknown.UnknownReview;
import org.verifikimporter.unknown.UnknownRows;

/**
 * {@code retry --unknown RUN_FOLDER}: the rows of a finished import whose outcome stayed unknown are looked up in
 * Verifik once more; those it lists once are adopted as created, and those it does not list go back into the
 * inbox once the operator confirms. Exit 0 done, 1 not possible or not confirmed, 4 Verifik stopped the lookups.
 */
final class RetryUnknown {

    /** Asks the person at the terminal; null when there is none (a script, cron): then only --yes confirms. */
    interface Confirm {
        boolean ask(String question);
    }

    /** Rows named one by one on stdout; the rest are counted (unknown-rows.csv has them all). */
    static final int LISTED_ROWS = 20;

    private final ImporterSettings settings;
    private final Clock clock;
    private final PrintWriter out;

    RetryUnknown(ImporterSettings settings, Clock clock, PrintWriter out) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
    }

    /** @throws org.verifikimporter.report.RetryFile.NotRetryable saying why this folder cannot be looked at */
    int run(Path dir, boolean yes, Confirm terminal) throws Exception {
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), clock)) {
            UnknownRows unknown = UnknownRows.of(dir, ledger, settings.defaults(), clock);
            String file = unknown.summary().file();
            if (unknown.rows().isEmpty()) {
                out.printf("%s: no row failed OUTCOME_UNKNOWN in %s; nothing to look up%n", file, dir);
                return ExitCode.OK.code();
            }
            RunResults[] calls = {new RunResults()};
            List<Decision> decisions = unknown.rows().stream().anyMatch(r -> r.undecided())
                    ? new ImporterEngine(settings, clock).lookUps((lookups, results) -> {
                        calls[0] = results;
                        return new UnknownReview(ledger, lookups, results).review(unknown);
                    })
                    : new UnknownReview(ledger, null, calls[0]).review(unknown);
            ledger.flush();
            print(file, dir, decisions);
            List<Decision> notListed = decisions.stream().filter(d -> d.verdict() == Decision.Verdict.NOT_LISTED).toList();
            int done = calls[0].stopped() ? ExitCode.RUN_STOPPED.code() : ExitCode.OK.code();
            if (calls[0].stopped()) {
                out.println("Stopped: " + calls[0].stopReason());
            }
            if (notListed.isEmpty()) {
                DecisionLog.append(dir, decisions, null, now());
                out.println("Nothing to put back into the inbox.");
                return done;
            }
            String rows = notListed.size() == 1 ? "1 row" : notListed.size() + " rows";
            boolean confirmed = yes || (terminal != null && terminal.ask("Put the " + rows + " not listed by Verifik "
                    + "back into the inbox, so that the next run sends them again (each may email a person)? [y/N] "));
            if (!confirmed) {
                DecisionLog.append(dir, decisions, null, now());
                out.printf("Nothing put back: the %s not listed by Verifik can be sent again, but only once you "
                        + "confirm. To put them back into the inbox: verifik-importer retry --unknown %s --yes%n", rows, dir);
                return ExitCode.CONFIG_ERROR.code();
            }
            Path back = PutBackRows.putBack(unknown, notListed, ledger, settings.inbox(), clock.instant());
            DecisionLog.append(dir, decisions, back, now());
            out.printf("Put back into the inbox: %s, as %s. The next run sends them (verifik-importer run); the ledger "
                    + "lets these rows past importer.dedupe-window, and no other.%n", rows, back);
            return done;
        }
    }

    /** Millisecond precision, as the reports. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private void print(String file, Path dir, List<Decision> decisions) {
        out.printf("%s: %d row%s whose outcome was unknown, looked up in Verifik again (%s)%n", file, decisions.size(),
                decisions.size() == 1 ? "" : "s", dir);
        Map<Decision.Verdict, Integer> counts = new TreeMap<>();
        int shown = 0;
        for (Decision d : decisions) {
            counts.merge(d.verdict(), 1, Integer::sum);
            if (shown++ < LISTED_ROWS) {
                out.printf("  row %-8d %s: %s%n", d.rowNumber(), d.verdict().words(), d.detail());
            }
        }
        if (shown > LISTED_ROWS) {
            out.printf("  ... and %d more rows: see %s%n", shown - LISTED_ROWS, dir.resolve(DecisionLog.FILE_NAME));
        }
        counts.forEach((verdict, n) -> out.printf("  %-44s%6d%n", verdict.words(), n));
    }
}

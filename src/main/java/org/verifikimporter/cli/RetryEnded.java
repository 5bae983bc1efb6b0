package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.domain.StatusCategory;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.ledger.RunStatus;
import org.verifikimporter.ledger.ValidationStatusRepository;
import org.verifikimporter.report.CreatedRows;
import org.verifikimporter.report.InboxFile;
import org.verifikimporter.report.RetryFile;
import org.verifikimporter.report.RunSummaryFile;
import org.verifikimporter.report.ShellWords;
import org.verifikimporter.unknown.UnknownRows;

/**
 * {@code retry --expired RUN_FOLDER} (and {@code --failed-validation}): a new invitation for the people of a
 * finished import whose validation ended expired (or failed), by the ledger's current status of each (the last
 * tracking read or webhook). Their rows go back into the inbox as one new file with the input's own columns
 * from status.csv (the person's from created.csv in a folder from before it); the dedupe window lets them through because their earlier validation ended so, and nobody else.
 * Calls nothing: {@code track} (or the webhooks) must have seen the statuses first.
 */
final class RetryEnded {

    private final ImporterSettings settings;
    private final Clock clock;
    private final PrintWriter out;

    RetryEnded(ImporterSettings settings, Clock clock, PrintWriter out) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
    }

    /** @throws RetryFile.NotRetryable saying why this folder cannot be looked at */
    int run(Path dir, Set<StatusCategory> ended) throws Exception {
        RunSummaryFile summary = RetryFile.finishedImport(dir);
        if (!Files.isRegularFile(dir.resolve("created.csv"))) {
            throw new RetryFile.NotRetryable(dir + " has no created.csv: no row of it was created");
        }
        String what = words(ended);
        List<RunStatus> statuses;
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), clock)) {
            ImportRun run = UnknownRows.runOf(dir, summary, ledger);
            statuses = new ValidationStatusRepository(ledger).statusesOfRun(run.id());
        }
        Map<Long, String> endedIds = new HashMap<>();
        for (RunStatus s : statuses) {
            if (ended.contains(StatusCategory.of(s.status()))) {
                endedIds.put(s.rowNumber(), s.validationId());
            }
        }
        // joined by row number and validation id: a row's line in created.csv is that validation's
        CreatedRows created = CreatedRows.of(dir);
        List<CreatedRows.Row> rows = new ArrayList<>(created.rows().stream()
                .filter(r -> r.validationId().equals(endedIds.get(r.rowNumber()))).toList());
        rows.sort(Comparator.comparingLong(CreatedRows.Row::rowNumber));
        if (rows.isEmpty()) {
            out.printf("%s: no validation of %s %s (as the ledger knows them: %d tracked); nothing to put back%n",
                    summary.file(), dir, what, statuses.size());
            out.println("To read their statuses from Verifik first: " + ShellWords.command("track"));
            return ExitCode.OK.code();
        }
        String kind = ended.size() > 1 ? "expired-or-failed" : ended.contains(StatusCategory.EXPIRED) ? "expired"
                : "failed-validation";
        Path written;
        try (InboxFile file = InboxFile.write(settings.inbox(), RetryFile.stem(summary.file(), kind, clock.instant()),
                created.header(), rows.stream().map(CreatedRows.Row::cells).toList())) {
            written = file.publish();
        }
        out.printf("%s: %d row(s) whose validation %s put back into the inbox as %s%n", summary.file(), rows.size(),
                what, written);
        out.println("The next run invites them again (each gets a new link): " + ShellWords.command("run"));
        return ExitCode.OK.code();
    }

    private static String words(Set<StatusCategory> ended) {
        return ended.size() > 1 ? "expired or failed" : ended.contains(StatusCategory.EXPIRED) ? "expired" : "failed";
    }
}

package org.verifikimporter.camel.file;

import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Files;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.camel.inbox.InboxClaims;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.CsvRecordReader;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorText;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.InputPreflight;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.FileDigest;
import org.verifikimporter.job.FileExecution;
import org.verifikimporter.job.FilePlacement;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RowCounter;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerException;
import org.verifikimporter.metrics.ImporterMetrics;
import org.verifikimporter.report.OutboxIndex;

/**
 * The file route's steps: look at the file, begin its import, hand its rows to the splitter, and close it
 * (reports, archive) or reject it. The file's state travels as one {@link FileExecution}. Logs name files,
 * never row contents.
 */
public final class FileSteps {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.file");

    private final ImporterSettings settings;
    private final RunResults results;
    private final Clock clock;
    private final Ledger ledger;
    private final Progress.Factory progress;
    private final FilePlacement placement;
    private final boolean dryRun;
    private final InboxClaims claims;
    private ImporterMetrics metrics = ImporterMetrics.off();

    /**
     * @param ledger   null when nothing will be sent (validate)
     * @param progress how each file's progress is shown: a terminal bar or log lines
     * @param dryRun   validate: the same rules and reports, nothing sent, nothing moved
     * @param claims   the files and contents this instance holds in the ledger; null for validate
     */
    public FileSteps(ImporterSettings settings, RunResults results, Clock clock, Ledger ledger,
                     Progress.Factory progress, boolean dryRun, InboxClaims claims) {
        this.settings = settings;
        this.results = results;
        this.clock = clock;
        this.ledger = ledger;
        this.progress = progress;
        this.placement = new FilePlacement(settings.archive(), settings.rejected(), clock);
        this.dryRun = dryRun;
        this.claims = claims;
    }

    /** Where files held and rows are counted; nowhere by default. */
    public FileSteps measuredBy(ImporterMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /**
     * Looks at the whole file before anything else: size, character set (byte-order mark, UTF-8 or
     * Windows-1252), binary content, line lengths, delimiter. A file that fails is rejected with a reason.
     */
    public void preflight(Exchange exchange) throws IOException {
        FileExecution file = file(exchange);
        RouteKeys.FILE.set(exchange, file);
        if (results.stopped() && !dryRun) {
            LOG.warn("{}: not started: the run was stopped; it stays in the inbox for the next run",
                    Printable.of(file.fileName()));
            throw new RunStoppedException(results.stopReason());
        }
        if (!dryRun && !Files.exists(file.path())) {
            // another instance imported and moved it between this one's look at the inbox and its claim
            LOG.debug("{}: no longer in the inbox", Printable.of(file.fileName()));
            throw new RunStoppedException("the file is gone");
        }
        file.readAs(InputPreflight.check(file.path(), new InputPreflight.Limits(settings.maxFileSize(),
                settings.maxLineLength(), settings.csvDelimiter())));
    }

    /** Starts the import of one file and leaves its records (header first) as the body. */
    public void begin(Exchange exchange) throws IOException {
        // held from here until the file's exchange is done: finished, rejected or stopped
        metrics.fileTaken();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                metrics.fileReleased();
            }
        });
        FileExecution file = file(exchange);
        Path path = file.path();
        InputPreflight.Text text = file.text();
        String sha256 = FileDigest.sha256(path);
        if (claims != null) {
            // before the ledger is asked about this content: an unfinished run of it may be another instance's, live
            claims.claimContent(file.fileName(), sha256);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    claims.releaseContent(file.fileName());
                }
            });
        }
        ImportJob job = new ImportJob(file.fileName(), sha256, dryRun, settings.outbox(), settings.defaults(), clock,
                ledger, settings.dedupeWindow());
        job.columnNames(settings.columnNames());
        if (claims != null) {
            String name = file.fileName();
            job.importerWhile(() -> claims.holds(name));
        }
        file.begun(job);
        job.metrics(metrics);
        job.checkEarlierImports(settings.forceReimport());
        // the progress total: a fast count of the records, nothing mapped
        RowCounter.Count count = RowCounter.scan(text.open(path), text.delimiter(), settings.maxLineLength());
        long total = count.rows();
        LOG.info("{}: started{} (sha256 {}; {}; {})", job.shownName(), dryRun ? " as a dry run" : "",
                sha256.substring(0, 12), text.describe(),
                total == RowCounter.UNKNOWN ? "rows not counted" : total + (total == 1 ? " row" : " rows"));
        job.progress(progress.start(job.shownName(), total));
        Closeable body;
        if (count.clean()) {
            // camel-csv reads it (the route's unmarshal step), with the delimiter found in the header
            body = text.open(path);
            file.parseWithCamelCsv(URLEncoder.encode(String.valueOf(text.delimiter()), StandardCharsets.UTF_8));
        } else {
            // camel-csv would take every line after a broken record with it: this reader reports the broken
            // record as one row and reads on after it
            LOG.info("{}: {} row(s) cannot be parsed as they stand; each is reported as MALFORMED_ROW and the rows "
                    + "after it are read on", job.shownName(), count.broken() == RowCounter.UNKNOWN ? "some" : count.broken());
            body = new CsvRecordReader(text.open(path), text.delimiter(), settings.maxLineLength());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // nothing left to read from it
                }
            }
        });
        exchange.getIn().setBody(body);
    }

    /** Takes the header record for the job and returns the mapped data rows for the splitter. */
    public Iterator<RowExecution> rows(Iterator<CsvRow> records, Exchange exchange) throws IOException {
        ImportJob job = file(exchange).job();
        if (!records.hasNext()) {
            throw new FileProblem("the file is empty: it needs a header line naming the columns, then one row per person");
        }
        CsvRow header = records.next();
        if (header.problem() != null) {
            throw new FileProblem("the header line (line 1) cannot be read as CSV: a quote in it is not closed, or is "
                    + "followed by other characters; fix the quotes in the header (or remove them)");
        }
        if (header.isBlank()) {
            throw new FileProblem("the first line is empty: the header naming the columns must be on line 1");
        }
        job.header(header.cells());
        if (claims != null) {
            claims.attachRun(job.fileName(), job.runId());
        }
        // on SIGTERM (Camel stopping) no new row is taken; the ones in flight finish, the rest wait for a resume
        return new DataRows(records, job, () -> exchange.getContext().isStopping());
    }

    /** Closes the reports and picks the archive folder; a stopped run keeps the file in the inbox. */
    public void finish(Exchange exchange) throws IOException {
        FileExecution file = file(exchange);
        ImportJob job = file.job();
        if (!job.stillImporter()) {
            job.abandon();
            LOG.error("{}: left to the instance that took it over, after {} rows; this instance wrote no more of its "
                    + "reports, which the new importer writes again from the ledger", job.shownName(), job.rowsDone());
            throw new RunStoppedException("the claim on the file was lost");
        }
        if (job.interrupted()) {
            // on stdout with the other files, so a stopped watch or run says what is left for the next start
            results.add(job.finishInterrupted());
            OutboxIndex.refresh(settings.outbox(), settings.rejected());
            LOG.warn("{}: interrupted by shutdown after {} rows; the rows in flight were finished and recorded. The file "
                    + "stays in the inbox and the next start resumes it", job.shownName(), job.rowsDone());
            throw new RunStoppedException("shutting down");
        }
        boolean stopped = results.stopped() && !dryRun;
        FileOutcome outcome = job.finish(stopped, results.stopReason());
        OutboxIndex.refresh(settings.outbox(), settings.rejected());
        results.add(outcome);
        LOG.info("{}: finished: {} rows, {} created, {} failed{}; reports in {}", job.shownName(), outcome.total(),
                outcome.created(), outcome.failed(), outcome.failures().isEmpty() ? "" : " " + outcome.failures(),
                outcome.reportDir());
        if (stopped) {
            LOG.warn("{}: left in the inbox because the run was stopped; it will be read again on the next run",
                    job.shownName());
            throw new RunStoppedException(results.stopReason());
        }
        if (!dryRun) {
            file.moveTo(placement.archiveTarget(job.fileName()));
        }
    }

    /** A file that cannot be imported at all goes to the rejected folder with a reason a person can act on. */
    public void reject(Exchange exchange) throws IOException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FileExecution file = file(exchange);
        ImportJob job = file.job();
        String name = file.fileName();
        String shown = Printable.of(name);
        if (ErrorText.causedBy(cause, LedgerException.class)) {
            // without the ledger nothing may be sent; the file stays in the inbox and resumes once it works
            if (results.fail("the ledger cannot be written (" + ErrorText.describe(cause) + "); fix it (disk space, "
                    + "permissions, database) and run again")) {
                LOG.error("{}: stopping: the ledger cannot be written: {}", shown, ErrorText.describe(cause));
            }
            if (job != null) {
                job.abandon();
            }
            throw new RunStoppedException(results.stopReason());
        }
        String reason;
        if (cause instanceof FileProblem) {
            reason = cause.getMessage();
        } else {
            LOG.debug("{}: import failed", shown, cause);
            reason = "the import failed: " + ErrorText.describe(cause);
        }
        if (job != null && job.hasReport()) {
            job.abandon();
            reason += ". Rows processed before the failure are in " + job.reportDir()
                    + "; check its created.csv before dropping the file again";
        }
        results.add(new FileOutcome(name, job == null ? null : job.reportDir(), 0, 0, 0, Map.of(), true, false, reason));
        if (dryRun) {
            LOG.warn("{}: cannot be imported: {}", shown, reason);
            return;
        }
        Path target = placement.rejectTarget(name, reason);
        file.moveTo(target);
        results.rejectedTo(name, target);
        LOG.warn("{}: rejected: {}; moved to {}", shown, reason, Printable.of(target.toString()));
        OutboxIndex.refresh(settings.outbox(), settings.rejected());
    }

    private FileExecution file(Exchange exchange) {
        FileExecution file = RouteKeys.FILE.get(exchange);
        // only a failure before preflight (none is expected) leaves the file route without one
        return file != null ? file : new FileExecution(
                Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath(), dryRun);
    }
}

package org.verifikimporter.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.ColumnNames;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.RowMapper;
import org.verifikimporter.domain.RowRules;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.metrics.ImporterMetrics;
import org.verifikimporter.report.FileReport;
import org.verifikimporter.report.ReportFolder;

/**
 * The import of one input file: maps its rows, keeps the in-file duplicate check, and sends every row
 * to exactly one of the two reports. Shared by the threads that process the file's rows.
 */
public final class ImportJob {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.file");

    private final String fileName;
    private final String sha256;
    private final boolean dryRun;
    private final Clock clock;
    private final Path outbox;
    private final Map<ApiField, String> defaults;
    private final RunRecord record;
    private final Duration dedupeWindow;
    /** The unfinished run of the same content this import takes up; null for a new import. */
    private ImportRun resumed;
    private Instant startedAt;
    private RowScreen screen;
    private FileReport report;
    private Progress progress;
    private BooleanSupplier importer = () -> true;
    private ImporterMetrics metrics = ImporterMetrics.off();
    private ColumnNames columnNames = ColumnNames.builtIn();

    /**
     * @param ledger       null for a dry run, which sends nothing and so records nothing
     * @param dedupeWindow how far back a person already created by another import blocks a new send;
     *                     zero turns the check off
     */
    public ImportJob(String fileName, String sha256, boolean dryRun, Path outbox, Map<ApiField, String> defaults,
                     Clock clock, Ledger ledger, Duration dedupeWindow) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.dryRun = dryRun;
        this.outbox = outbox;
        this.defaults = defaults;
        this.clock = clock;
        this.record = new RunRecord(dryRun ? null : ledger, sha256);
        this.dedupeWindow = dedupeWindow;
        this.startedAt = now();
        this.progress = Progress.none(fileName);
    }

    /** Where this file's progress goes (a terminal bar or log lines); none by default. */
    public void progress(Progress progress) {
        this.progress = progress;
    }

    /** The file's progress, told by the steps a row waits in (the grace period before a lookup). */
    public Progress progress() {
        return progress;
    }

    /** Where each reported row is counted, by outcome and code; nowhere by default. */
    public void metrics(ImporterMetrics metrics) {
        this.metrics = metrics;
    }

    /** The header names that mean each field, the operator's {@code importer.columns.*} included. */
    public void columnNames(ColumnNames names) {
        this.columnNames = names;
    }

    /**
     * Decides, before the file is read, whether this is a new import, the resume of one that was cut off
     * (crash, kill, a run stopped by Verifik), or a second import of content already imported.
     *
     * @throws org.verifikimporter.domain.FileProblem when the content was imported completely before and {@code force} is off
     */
    public void checkEarlierImports(boolean force) {
        ImportRun earlier = record.findEarlier(force);
        if (earlier != null) {
            resumed = earlier;
            startedAt = earlier.startedAt();
        }
    }

    /**
     * While {@code holds} says so, this instance is the file's importer (its claim in a shared ledger). Once it
     * says no, another instance has the file, or may have it: no row is taken or sent any more, and no line
     * is written to the reports, which the new importer writes again from the ledger.
     */
    public void importerWhile(BooleanSupplier holds) {
        this.importer = holds;
    }

    public boolean stillImporter() {
        return importer.getAsBoolean();
    }

    /** The ledger's run of this import; -1 before the header is read, and for a dry run. */
    public long runId() {
        return record.runId();
    }

    public boolean resumed() {
        return resumed != null;
    }

    private volatile boolean interrupted;

    /** The importer is shutting down: no further row of this file is taken. */
    public void interrupt() {
        interrupted = true;
    }

    public boolean interrupted() {
        return interrupted;
    }

    public long rowsDone() {
        return report == null ? 0 : report.createdCount() + report.failedCount();
    }

    /**
     * Closes the reports of a file cut short by a shutdown. The ledger run stays unfinished, so the next
     * start resumes it and writes the complete reports into the same folder.
     *
     * @return how far it got, and how many of the file's rows are left for the next start
     */
    public FileOutcome finishInterrupted() throws IOException {
        record.flush();
        progress.finish();
        RowsLeft rows = RowsLeft.of(progress.total(), rowsDone());
        FileReport.Summary s = report.finish(now(), rows.summaryExtra());
        return new FileOutcome(fileName, report.dir(), s.total(), s.created(), s.failed(), s.failures(), false, false,
                "shut down before the end", s.retryable(), true, rows.left());
    }

    /**
     * Reads the header; only a file whose header makes sense gets a report folder.
     *
     * @throws org.verifikimporter.domain.FileProblem when the header cannot be used
     */
    public void header(List<String> header) throws IOException {
        ColumnMapping columns = ColumnMapping.of(header, columnNames);
        RowMapper mapper = new RowMapper(columns, defaults, new RowRules(clock));
        Path dir;
        if (resumed != null) {
            // the first attempt's folder; its reports are written again from the start, done rows from the ledger
            dir = Files.createDirectories(resumed.reportDir());
            int unknown = record.resume();
            LOG.warn("{}: resuming the import started {}{}", shownName(), resumed.startedAt(),
                    unknown > 0 ? "; " + unknown + " row(s) were in flight when it stopped: OUTCOME_UNKNOWN" : "");
        } else {
            dir = ReportFolder.create(outbox, fileName, startedAt);
            record.start(fileName, dir, startedAt);
        }
        this.screen = new RowScreen(mapper, record.ledger(), record.runId(), resumed != null, dedupeWindow);
        this.report = new FileReport(dir, fileName, sha256, startedAt, dryRun);
        report.columns(columns);
    }

    /**
     * Called in file order by the reading thread, before rows fan out to the call threads (see RowScreen).
     */
    public RowExecution map(CsvRow row) {
        return screen.screen(this, row, now());
    }

    /** Records, durably, that the row's request is about to leave. Called once per row, before its first attempt. */
    public void sending(RowExecution row) {
        if (!stillImporter()) {
            throw new ClaimLostException();
        }
        record.sending(row);
    }

    /** A row whose outcome was unknown turned out to be created (found in Verifik): record it as such. */
    public void adopt(RowExecution row, CreatedSession session) {
        record.adopted(row, session);
        row.adopted(session);
    }

    /** The row ends in created.csv; its outcome goes to the ledger unless it came from there. */
    public void created(RowExecution row) {
        record.created(row);
        if (!stillImporter()) {
            return;
        }
        report.created(row.row(), row.request(), row.session(), row.attempts(), now());
        progress.rowDone(true);
        metrics.rowCreated();
    }

    /** The row ends in failed.csv; the ledger learns of it if this attempt of the import sent it. */
    public void failed(RowExecution row) {
        if (!stillImporter()) {
            // a row it no longer sends keeps its record as it is: the new importer knows what to make of it
            return;
        }
        record.failed(row);
        report.failed(row.row(), row.failure(), row.attempts());
        progress.rowDone(false);
        metrics.rowFailed(row.failure().code());
    }

    /** A row that could not even be read as a record (broken quoting): reported with what is known. */
    public void unreadable(long rowNumber, String why) {
        report.failed(new CsvRow(rowNumber, List.of()), RowFailure.of(ErrorCode.MALFORMED_ROW, why), 0);
        progress.rowDone(false);
        metrics.rowFailed(ErrorCode.MALFORMED_ROW.name());
    }

    public FileOutcome finish(boolean stopped, String stopReason) throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (stopped) {
            extra.put("stopped", true);
            extra.put("stopReason", stopReason);
        }
        progress.finish();
        record.finish(stopped);
        FileReport.Summary s = report.finish(now(), extra);
        return new FileOutcome(fileName, report.dir(), s.total(), s.created(), s.failed(), s.failures(),
                false, stopped, stopReason, s.retryable());
    }

    /** Millisecond precision is plenty for reports people read. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public boolean hasReport() {
        return report != null;
    }

    public Path reportDir() {
        return report == null ? null : report.dir();
    }

    public void abandon() {
        progress.finish();
        try {
            record.flush();
        } catch (RuntimeException e) {
            LOG.warn("{}: the ledger could not be flushed: {}", shownName(), e.getMessage());
        }
        if (report != null) {
            try {
                report.close();
            } catch (IOException ignored) {
                // the job already failed; the original error is what the operator needs
            }
        }
    }

    public String fileName() {
        return fileName;
    }

    /** The file name as logs and stdout show it: control and bidi characters escaped. */
    public String shownName() {
        return Printable.of(fileName);
    }

    public String sha256() {
        return sha256;
    }

    public boolean dryRun() {
        return dryRun;
    }
}

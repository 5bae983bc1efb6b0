package org.verifikimporter.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.RowMapper;
import org.verifikimporter.domain.RowRules;
import org.verifikimporter.ledger.EarlierCreate;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;
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
    private final Ledger ledger;
    private final Duration dedupeWindow;
    private ImportRun run;
    private boolean resumed;
    private Instant startedAt;
    /** person key -> the row that first named that person; filled by the one reading thread. */
    private final Map<String, Long> persons = new HashMap<>();
    private RowMapper mapper;
    private FileReport report;
    private Progress progress;

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
        this.ledger = dryRun ? null : ledger;
        this.dedupeWindow = dedupeWindow;
        this.startedAt = now();
        this.progress = Progress.none(fileName);
    }

    /** Where this file's progress goes (a terminal bar or log lines); none by default. */
    public void progress(Progress progress) {
        this.progress = progress;
    }

    /**
     * Decides, before the file is read, whether this is a new import, the resume of one that was cut off
     * (crash, kill, a run stopped by Verifik), or a second import of content already imported.
     *
     * @throws FileProblem when the content was imported completely before and {@code force} is off
     */
    public void checkEarlierImports(boolean force) {
        if (ledger == null) {
            return;
        }
        List<ImportRun> earlier = ledger.runs(sha256);
        if (earlier.isEmpty()) {
            return;
        }
        ImportRun latest = earlier.get(0);
        if (!latest.finished()) {
            run = latest;
            resumed = true;
            startedAt = latest.startedAt();
            return;
        }
        if (!force) {
            throw new FileProblem("this file's content (sha256 " + sha256.substring(0, 12) + "...) was already imported "
                    + "completely: as \"" + org.verifikimporter.domain.Printable.of(latest.fileName()) + "\", started " + latest.startedAt() + ", reports in "
                    + latest.reportDir() + ". Nothing was sent again. To import it once more anyway, run with --force "
                    + "(people created within importer.dedupe-window are still skipped)");
        }
    }

    public boolean resumed() {
        return resumed;
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
     */
    public void finishInterrupted() throws IOException {
        if (ledger != null) {
            ledger.flush();
        }
        progress.finish();
        report.finish(now(), Map.of("interrupted", true));
    }

    /**
     * Reads the header; only a file whose header makes sense gets a report folder.
     *
     * @throws org.verifikimporter.domain.FileProblem when the header cannot be used
     */
    public void header(List<String> header) throws IOException {
        ColumnMapping columns = ColumnMapping.of(header);
        this.mapper = new RowMapper(columns, defaults, new RowRules(clock));
        Path dir;
        if (resumed) {
            // the first attempt's folder; its reports are written again from the start, done rows from the ledger
            dir = Files.createDirectories(run.reportDir());
            int unknown = ledger.resumeRun(run.id(), "the importer stopped (crash, kill or power loss) "
                    + "while this request was in flight; check in Verifik whether the validation exists before sending "
                    + "the row again");
            LOG.warn("{}: resuming the import started {}{}", shownName(), run.startedAt(),
                    unknown > 0 ? "; " + unknown + " row(s) were in flight when it stopped: OUTCOME_UNKNOWN" : "");
        } else {
            dir = ReportFolder.create(outbox, fileName, startedAt);
            if (ledger != null) {
                run = ledger.startRun(sha256, fileName, dir, startedAt);
            }
        }
        this.report = new FileReport(dir, fileName, sha256, startedAt, dryRun);
        report.columns(columns);
    }

    /**
     * Called in file order by the reading thread, before rows fan out to the call threads, so "the
     * earlier row" of a duplicate pair is always the one higher up in the file.
     */
    public MappedRow map(CsvRow row) {
        MappedRow mapped = mapper.map(row);
        if (!mapped.isValid()) {
            return mapped;
        }
        Long first = persons.putIfAbsent(mapped.request().personKey(), row.rowNumber());
        if (first != null) {
            return MappedRow.invalid(row, RowFailure.of(ErrorCode.DUPLICATE_ROW, "row " + first
                    + " already has the same project, projectFlow, identifier and type; this row was not sent"));
        }
        if (ledger == null) {
            return mapped;
        }
        if (resumed) {
            Optional<LedgerRow> before = ledger.row(run.id(), row.rowNumber());
            if (before.isPresent()) {
                return fromLedger(mapped, before.get());
            }
        }
        if (!dedupeWindow.isZero()) {
            Optional<EarlierCreate> earlier = ledger.earlier(personHash(mapped.request()), now().minus(dedupeWindow), run.id());
            if (earlier.isPresent()) {
                return MappedRow.invalid(row, RowFailure.of(ErrorCode.ALREADY_CREATED, alreadyCreated(earlier.get())));
            }
        }
        return mapped;
    }

    private static MappedRow fromLedger(MappedRow mapped, LedgerRow before) {
        if (before.state() == LedgerRow.State.CREATED) {
            return MappedRow.createdBefore(mapped.row(), mapped.request(),
                    new CreatedSession(before.validationId(), before.status(), before.url()), before.attempts());
        }
        RowFailure failure = new RowFailure(before.errorCode(), before.errorMessage(), before.httpStatus(),
                Boolean.TRUE.equals(before.retryable()));
        if (before.state() == LedgerRow.State.UNKNOWN) {
            return MappedRow.unknownBefore(mapped.row(), mapped.request(), failure, before.attempts(), before.sendingAt());
        }
        return MappedRow.failedBefore(mapped.row(), failure, before.attempts());
    }

    private String alreadyCreated(EarlierCreate e) {
        String where = "\"" + e.fileName() + "\" row " + e.rowNumber() + " at " + e.at();
        if (e.state() == LedgerRow.State.CREATED) {
            return "validation " + e.validationId() + " was already created for this person (" + where
                    + ", within importer.dedupe-window); not sent again";
        }
        return "an earlier import may have created a validation for this person (" + where
                + ", outcome unknown); not sent: check in Verifik first";
    }

    /** Records, durably, that the row's request is about to leave. Called once per row, before its first attempt. */
    public void sending(CsvRow row, CreateRequest request) {
        if (ledger != null) {
            ledger.sending(run.id(), row.rowNumber(), personHash(request));
        }
    }

    /** A row whose outcome was unknown turned out to be created (found in Verifik): record it as such. */
    public void adopt(CsvRow row, CreatedSession session) {
        if (ledger != null) {
            ledger.adopt(run.id(), row.rowNumber(), session.validationId(), session.status(), session.url());
        }
    }

    static String personHash(CreateRequest request) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(request.personKey().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param recorded false when the row's outcome came from the ledger already (a resumed import)
     */
    public void created(CsvRow row, CreateRequest request, CreatedSession session, int attempts, boolean recorded) {
        if (ledger != null && !recorded) {
            ledger.created(run.id(), row.rowNumber(), attempts, session.validationId(), session.status(), session.url());
        }
        report.created(row, request, session, attempts, now());
        progress.rowDone(true);
    }

    /**
     * @param sent whether a SENDING record was written for the row in this attempt
     */
    public void failed(CsvRow row, RowFailure failure, int attempts, boolean sent) {
        if (ledger != null && sent) {
            if (ErrorCode.NOT_ATTEMPTED.name().equals(failure.code()) || stopsRun(failure)) {
                // not created: the next run may send it
                ledger.release(run.id(), row.rowNumber());
            } else {
                ledger.failed(run.id(), row.rowNumber(), attempts, ErrorCode.OUTCOME_UNKNOWN.name().equals(failure.code()),
                        failure.code(), failure.message(), failure.httpStatus(), failure.retryable());
            }
        }
        report.failed(row, failure, attempts);
        progress.rowDone(false);
    }

    private static boolean stopsRun(RowFailure f) {
        return f.httpStatus() != null && (f.httpStatus() == 401 || f.httpStatus() == 402 || f.httpStatus() == 403);
    }

    /** A row that could not even be read as a record (broken quoting): reported with what is known. */
    public void unreadable(long rowNumber, String why) {
        report.failed(new CsvRow(rowNumber, List.of()), RowFailure.of(ErrorCode.MALFORMED_ROW, why), 0);
        progress.rowDone(false);
    }

    public FileOutcome finish(boolean stopped, String stopReason) throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (stopped) {
            extra.put("stopped", true);
            extra.put("stopReason", stopReason);
        }
        progress.finish();
        if (ledger != null) {
            ledger.finishRun(run.id(), stopped ? ImportRun.State.STOPPED : ImportRun.State.DONE);
        }
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
        if (ledger != null && run != null) {
            try {
                ledger.flush();
            } catch (RuntimeException e) {
                LOG.warn("{}: the ledger could not be flushed: {}", shownName(), e.getMessage());
            }
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
        return org.verifikimporter.domain.Printable.of(fileName);
    }

    public String sha256() {
        return sha256;
    }

    public boolean dryRun() {
        return dryRun;
    }
}

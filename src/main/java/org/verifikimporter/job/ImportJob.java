package org.verifikimporter.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashMap;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.RowMapper;
import org.verifikimporter.domain.RowRules;
import org.verifikimporter.report.FileReport;
import org.verifikimporter.report.ReportFolder;

/**
 * The import of one input file: maps its rows, keeps the in-file duplicate check, and sends every row
 * to exactly one of the two reports. Shared by the threads that process the file's rows.
 */
public final class ImportJob {

    private final String fileName;
    private final String sha256;
    private final Instant startedAt;
    private final boolean dryRun;
    private final Clock clock;
    private final Path outbox;
    private final Map<ApiField, String> defaults;
    /** person key -> the row that first named that person; filled by the one reading thread. */
    private final Map<String, Long> persons = new HashMap<>();
    private RowMapper mapper;
    private FileReport report;

    public ImportJob(String fileName, String sha256, boolean dryRun, Path outbox, Map<ApiField, String> defaults, Clock clock) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.dryRun = dryRun;
        this.outbox = outbox;
        this.defaults = defaults;
        this.clock = clock;
        this.startedAt = now();
    }

    /**
     * Reads the header; only a file whose header makes sense gets a report folder.
     *
     * @throws org.verifikimporter.domain.FileProblem when the header cannot be used
     */
    public void header(java.util.List<String> header) throws IOException {
        ColumnMapping columns = ColumnMapping.of(header);
        this.mapper = new RowMapper(columns, defaults, new RowRules(clock));
        this.report = new FileReport(ReportFolder.create(outbox, fileName, startedAt), fileName, sha256, startedAt, dryRun);
        report.columns(columns);
    }

    /**
     * Called in file order by the reading thread, before rows fan out to the call threads, so "the
     * earlier row" of a duplicate pair is always the one higher up in the file.
     */
    public MappedRow map(CsvRow row) {
        MappedRow mapped = mapper.map(row);
        if (mapped.isValid()) {
            Long first = persons.putIfAbsent(mapped.request().personKey(), row.rowNumber());
            if (first != null) {
                return MappedRow.invalid(row, RowFailure.of(ErrorCode.DUPLICATE_ROW, "row " + first
                        + " already has the same project, projectFlow, identifier and type; this row was not sent"));
            }
        }
        return mapped;
    }

    public void created(CsvRow row, CreateRequest request, CreatedSession session, int attempts) {
        report.created(row, request, session, attempts, now());
    }

    public void failed(CsvRow row, RowFailure failure, int attempts) {
        report.failed(row, failure, attempts);
    }

    /** A row that could not even be read as a record (broken quoting): reported with what is known. */
    public void unreadable(long rowNumber, String why) {
        report.failed(new CsvRow(rowNumber, java.util.List.of()), RowFailure.of(ErrorCode.MALFORMED_ROW, why), 0);
    }

    public FileOutcome finish(boolean stopped, String stopReason) throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (stopped) {
            extra.put("stopped", true);
            extra.put("stopReason", stopReason);
        }
        FileReport.Summary s = report.finish(now(), extra);
        return new FileOutcome(fileName, report.dir(), s.total(), s.created(), s.failed(), s.failures(),
                false, stopped, stopReason);
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

    public String sha256() {
        return sha256;
    }

    public boolean dryRun() {
        return dryRun;
    }
}

package org.verifikimporter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.FormulaGuard;
import org.verifikimporter.domain.RowFailure;

/**
 * The three report files of one input file: created.csv, failed.csv and summary.json. Rows are written
 * as they finish (so a crash leaves what was done on disk) by several threads, hence the locking; every
 * cell passes the formula guard.
 */
public final class FileReport implements Closeable {

    public static final List<String> CREATED_COLUMNS = List.of(
            "row", "identifier", "project", "projectFlow", "type", "validationId", "status", "url", "attempts", "createdAt");

    /** Excel reads a UTF-8 CSV without this mark as the local code page and garbles accents. */
    private static final String BOM = "\uFEFF";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("verifik.importer.file");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final String fileName;
    private final String sha256;
    private final Instant startedAt;
    private final boolean dryRun;
    private final CSVPrinter created;
    private CSVPrinter failed;
    /** status.csv as the import leaves it: each created row with its create answer's status (not in a dry run). */
    private CSVPrinter status;
    private List<String> inputHeader = List.of();
    private List<Integer> inputColumns = List.of();
    private long createdCount;
    private long failedCount;
    private final FailureTally failures = new FailureTally();
    private long calls;

    public FileReport(Path dir, String fileName, String sha256, Instant startedAt, boolean dryRun) throws IOException {
        this.dir = dir;
        this.fileName = fileName;
        this.sha256 = sha256;
        this.startedAt = startedAt;
        this.dryRun = dryRun;
        this.created = open(dir.resolve("created.csv"), CREATED_COLUMNS);
    }

    /** failed.csv repeats the input's own columns, so its header is known only once the file's header is read. */
    public synchronized void columns(ColumnMapping mapping) throws IOException {
        this.inputColumns = mapping.inputColumns();
        List<String> header = new ArrayList<>();
        for (int i : inputColumns) {
            header.add(mapping.header().get(i));
        }
        this.inputHeader = List.copyOf(header);
        openFailed();
        openStatus();
    }

    /**
     * The tracking pass rewrites status.csv from the ledger, which does not hold the input's cells: they are
     * written here, while the row is at hand, and {@link StatusFile} carries them over.
     */
    private void openStatus() throws IOException {
        if (status != null || dryRun) {
            return;
        }
        List<String> header = new ArrayList<>(StatusFile.COLUMNS);
        header.addAll(inputHeader);
        status = open(dir.resolve(StatusFile.FILE_NAME), header);
    }

    private void openFailed() throws IOException {
        if (failed != null) {
            return;
        }
        List<String> header = new ArrayList<>(inputHeader);
        header.addAll(ColumnMapping.REPORT_COLUMNS);
        failed = open(dir.resolve("failed.csv"), header);
    }

    public synchronized void created(CsvRow row, CreateRequest request, CreatedSession session, int attempts, Instant at) {
        write(created, List.of(
                Long.toString(row.rowNumber()), request.identifier(), request.project(), request.projectFlow(),
                request.type(), nz(session.validationId()), nz(session.status()), nz(session.url()),
                Integer.toString(attempts), at.toString()));
        if (!dryRun) {
            try {
                openStatus();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> cells = new ArrayList<>(List.of(Long.toString(row.rowNumber()), request.identifier(),
                    nz(session.validationId()), nz(session.status()), at.toString()));
            cells.addAll(ownCells(row));
            write(status, cells);
        }
        createdCount++;
        calls += attempts;
    }

    public synchronized void failed(CsvRow row, RowFailure failure, int attempts) {
        try {
            openFailed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cells = new ArrayList<>(ownCells(row));
        cells.add(failure.code());
        cells.add(nz(failure.message()));
        cells.add(failure.httpStatus() == null ? "" : failure.httpStatus().toString());
        cells.add(Integer.toString(attempts));
        cells.add(Long.toString(row.rowNumber()));
        cells.add(Boolean.toString(failure.retryable()));
        write(failed, cells);
        failedCount++;
        failures.add(row.rowNumber(), failure);
        calls += attempts;
    }

    private List<String> ownCells(CsvRow row) {
        List<String> cells = new ArrayList<>();
        for (int i : inputColumns) {
            // a short (malformed) row still shows what it had
            cells.add(i < row.cells().size() ? nz(row.cells().get(i)) : "");
        }
        if (inputColumns.isEmpty()) {
            cells.addAll(row.cells());
        }
        return cells;
    }

    /**
     * One failure code of one import, as report.html shows it.
     *
     * @param causes OUTCOME_UNKNOWN: how many of its rows met each cause (timeout, dropped connection, ...)
     */
    public record CodeDetail(String code, long count, long retryable, Integer httpStatus, List<Long> firstRows,
                             Map<org.verifikimporter.domain.UnknownCause, Long> causes) {
        public String advice() {
            return causes.isEmpty() ? FailureAdvice.of(code, httpStatus) : FailureAdvice.unknownOutcome(causes, count);
        }
    }

    private static void write(CSVPrinter printer, List<String> cells) {
        try {
            List<String> guarded = new ArrayList<>(cells.size());
            for (String c : cells) {
                guarded.add(FormulaGuard.guard(c));
            }
            printer.printRecord(guarded);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }

    public synchronized long createdCount() {
        return createdCount;
    }

    public synchronized long failedCount() {
        return failedCount;
    }

    public synchronized Map<String, Long> failures() {
        return failures.counts();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Closes the CSV files and writes summary.json (through a temp file, so a reader never sees half), then
     * report.html beside it.
     */
    public synchronized Summary finish(Instant finishedAt, Map<String, Object> extra) throws IOException {
        close();
        Summary summary = new Summary(fileName, sha256, startedAt, finishedAt, dryRun,
                createdCount + failedCount, createdCount, failedCount, failures.counts(), failures.retryable(), calls,
                failures.details(), Map.copyOf(extra));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", fileName);
        json.put("sha256", sha256);
        json.put("startedAt", startedAt.toString());
        json.put("finishedAt", finishedAt.toString());
        json.put("dryRun", dryRun);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("total", summary.total());
        rows.put("created", summary.created());
        rows.put("failed", summary.failed());
        rows.put("retryable", summary.retryable());
        json.put("rows", rows);
        json.put("calls", summary.calls());
        json.put("failures", summary.failures());
        json.putAll(extra);
        Path tmp = dir.resolve("summary.json.tmp");
        JSON.writeValue(tmp.toFile(), json);
        Files.move(tmp, dir.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // the page is for reading; the CSV files and summary.json above are the record, so a page that
        // cannot be written costs a warning, not the import. The outbox's index.html is the caller's: it
        // also lists the rejected folder, which a file's report does not know.
        try {
            RunPage.write(dir, summary);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: report.html could not be written: {}", fileName, e.toString());
        }
        return summary;
    }

    /**
     * @param failures  error code to count
     * @param retryable failed rows a re-drop as they are can create
     * @param calls     requests sent, retries included
     * @param extra     stopped, stopReason, interrupted: as in summary.json
     */
    public record Summary(String file, String sha256, Instant startedAt, Instant finishedAt, boolean dryRun,
                          long total, long created, long failed, Map<String, Long> failures, long retryable,
                          long calls, Map<String, CodeDetail> details, Map<String, Object> extra) {
    }

    @Override
    public synchronized void close() throws IOException {
        created.close();
        if (failed == null) {
            openFailed();
        }
        failed.close();
        if (status == null) {
            openStatus();
        }
        if (status != null) {
            status.close();
        }
    }

    private static CSVPrinter open(Path file, List<String> header) throws IOException {
        Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        w.write(BOM);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT);
        p.printRecord(header.stream().map(FormulaGuard::guard).toList());
        p.flush();
        return p;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

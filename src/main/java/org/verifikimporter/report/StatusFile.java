package org.verifikimporter.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.verifikimporter.domain.FormulaGuard;
import org.verifikimporter.ledger.Funnel;
import org.verifikimporter.ledger.RunStatus;

/**
 * A run folder's status.csv: {@code row,identifier,validationId,status,changedAt}, then the input's own columns,
 * one line per created validation. The import writes it first (each row with its create answer's status); a
 * tracking pass or a webhook rewrites it with what Verifik said since. The ledger holds statuses but not the
 * input's cells, so those are carried over from the file being replaced (or, for a folder from before status.csv
 * existed, the identifier alone from created.csv).
 */
public final class StatusFile {

    public static final String FILE_NAME = "status.csv";
    public static final List<String> COLUMNS = List.of("row", "identifier", "validationId", "status", "changedAt");

    private static final String BOM = "\uFEFF";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("verifik.importer.file");

    private StatusFile() {
    }

    /** One line of the file, cells unguarded. */
    private record Line(String identifier, String validationId, String status, String changedAt, List<String> own) {
    }

    /**
     * Rewrites status.csv with {@code statuses} (the run's, from the ledger) over what the folder has, then the
     * funnel of report.html. A row the list does not name keeps its line as it was. Atomic: a reader sees the old
     * file or the new one, never half.
     */
    public static synchronized void rewrite(Path runFolder, List<RunStatus> statuses) {
        if (!Files.isRegularFile(runFolder.resolve("summary.json"))) {
            // the import is still writing status.csv, row by row: a file moved in under it would lose the rows
            // it writes after; the ledger has the statuses, and the next change rewrites the file
            LOG.info("{}: status.csv not rewritten while its import is not finished", runFolder.getFileName());
            return;
        }
        try {
            List<String> ownHeader = new ArrayList<>();
            Map<Long, Line> lines = read(runFolder, ownHeader);
            for (RunStatus s : statuses) {
                Line old = lines.get(s.rowNumber());
                lines.put(s.rowNumber(), new Line(old == null ? "" : old.identifier(), s.validationId(), s.status(),
                        s.changedAt() == null ? "" : s.changedAt().toString(), old == null ? List.of() : old.own()));
            }
            write(runFolder, ownHeader, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + FILE_NAME + ": " + e.getMessage(), e);
        }
        // the page is for reading: a page that cannot be refreshed costs a warning
        try {
            RunPage.refreshFunnel(runFolder, Funnel.of(statuses));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: report.html's funnel not refreshed: {}", runFolder.getFileName(), e.toString());
        }
    }

    private static Map<Long, Line> read(Path dir, List<String> ownHeader) throws IOException {
        Map<Long, Line> lines = new TreeMap<>();
        Path status = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(status)) {
            List<CSVRecord> records = records(status);
            if (!records.isEmpty()) {
                for (int i = COLUMNS.size(); i < records.get(0).size(); i++) {
                    ownHeader.add(cell(records.get(0), i));
                }
            }
            for (CSVRecord r : records.subList(Math.min(1, records.size()), records.size())) {
                List<String> own = new ArrayList<>();
                for (int i = COLUMNS.size(); i < COLUMNS.size() + ownHeader.size(); i++) {
                    own.add(cell(r, i));
                }
                lines.put(Long.parseLong(cell(r, 0)), new Line(cell(r, 1), cell(r, 2), cell(r, 3), cell(r, 4), own));
            }
            return lines;
        }
        Path created = dir.resolve("created.csv");
        if (Files.isRegularFile(created)) {
            List<CSVRecord> records = records(created);
            int row = FileReport.CREATED_COLUMNS.indexOf("row");
            int identifier = FileReport.CREATED_COLUMNS.indexOf("identifier");
            int id = FileReport.CREATED_COLUMNS.indexOf("validationId");
            int st = FileReport.CREATED_COLUMNS.indexOf("status");
            int at = FileReport.CREATED_COLUMNS.indexOf("createdAt");
            for (CSVRecord r : records.subList(Math.min(1, records.size()), records.size())) {
                lines.put(Long.parseLong(cell(r, row)),
                        new Line(cell(r, identifier), cell(r, id), cell(r, st), cell(r, at), List.of()));
            }
        }
        return lines;
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.parse(in).getRecords();
            return records;
        }
    }

    private static String cell(CSVRecord r, int i) {
        String c = i < r.size() ? r.get(i) : "";
        if (r.getRecordNumber() == 1 && i == 0 && c.startsWith(BOM)) {
            c = c.substring(1);
        }
        return FormulaGuard.unguard(c);
    }

    private static void write(Path dir, List<String> ownHeader, Map<Long, Line> lines) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
            // Excel reads a UTF-8 CSV without this mark as the local code page and garbles accents
            w.write(BOM);
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT);
            List<String> header = new ArrayList<>(COLUMNS);
            header.addAll(ownHeader);
            print(p, header);
            for (Map.Entry<Long, Line> e : lines.entrySet()) {
                Line l = e.getValue();
                List<String> cells = new ArrayList<>(List.of(Long.toString(e.getKey()), l.identifier(),
                        nz(l.validationId()), nz(l.status()), l.changedAt()));
                cells.addAll(l.own());
                while (cells.size() < header.size()) {
                    cells.add("");
                }
                print(p, cells);
            }
            p.flush();
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void print(CSVPrinter p, List<String> cells) throws IOException {
        p.printRecord(cells.stream().map(FormulaGuard::guard).toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

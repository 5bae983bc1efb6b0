package org.verifikimporter.report;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A report folder's created rows read back for a new invitation, each with its row number, validation id and
 * cells as the report holds them (formula guard included, which the importer undoes on the way in): from
 * status.csv, which repeats the input's own columns, else (a folder from before status.csv) from created.csv,
 * the person's columns only.
 *
 * @param header the columns of {@code cells}
 */
public record CreatedRows(List<String> header, List<Row> rows) {

    /** The columns a row is invited again with: the person, as the import sent for it. */
    public static final List<String> PERSON_COLUMNS = List.of("identifier", "project", "projectFlow", "type");

    public record Row(long rowNumber, String validationId, List<String> cells) {
    }

    /** From the folder's status.csv when it has the input's columns, else from its created.csv. */
    public static CreatedRows of(Path runDir) throws IOException, RetryFile.NotRetryable {
        Path status = runDir.resolve(StatusFile.FILE_NAME);
        if (Files.isRegularFile(status)) {
            CreatedRows own = fromStatusFile(status);
            if (own != null) {
                return own;
            }
        }
        return read(runDir.resolve("created.csv"));
    }

    /** Null when the file does not start with status.csv's columns or has no input column after them. */
    static CreatedRows fromStatusFile(Path statusCsv) throws IOException {
        String text = Files.readString(statusCsv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // by position, not by name: an input column may be named like one of the report's
        try (Reader r = new StringReader(text); CSVParser p = CSVFormat.DEFAULT.builder().get().parse(r)) {
            List<CSVRecord> records = p.getRecords();
            int fixed = StatusFile.COLUMNS.size();
            if (records.isEmpty() || records.get(0).size() <= fixed
                    || !records.get(0).toList().subList(0, fixed).equals(StatusFile.COLUMNS)) {
                return null;
            }
            List<String> all = records.get(0).toList();
            List<Row> rows = new ArrayList<>();
            for (CSVRecord rec : records.subList(1, records.size())) {
                List<String> cells = rec.toList();
                if (cells.size() != all.size()) {
                    continue;
                }
                try {
                    rows.add(new Row(Long.parseLong(cells.get(0).strip()), cells.get(2).strip(),
                            List.copyOf(cells.subList(fixed, cells.size()))));
                } catch (NumberFormatException e) {
                    // not a row line
                }
            }
            return new CreatedRows(List.copyOf(all.subList(fixed, all.size())), List.copyOf(rows));
        }
    }

    public static CreatedRows read(Path createdCsv) throws IOException, RetryFile.NotRetryable {
        String text = Files.readString(createdCsv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader r = new StringReader(text);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            if (!p.getHeaderNames().containsAll(PERSON_COLUMNS) || !p.getHeaderNames().contains("row")
                    || !p.getHeaderNames().contains("validationId")) {
                throw new RetryFile.NotRetryable(createdCsv + " does not have the report's columns "
                        + FileReport.CREATED_COLUMNS + ": was it edited?");
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord rec : p) {
                if (!rec.isConsistent()) {
                    continue;
                }
                long number;
                try {
                    number = Long.parseLong(rec.get("row").strip());
                } catch (NumberFormatException e) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (String c : PERSON_COLUMNS) {
                    cells.add(rec.get(c));
                }
                rows.add(new Row(number, rec.get("validationId").strip(), List.copyOf(cells)));
            }
            return new CreatedRows(PERSON_COLUMNS, List.copyOf(rows));
        }
    }
}

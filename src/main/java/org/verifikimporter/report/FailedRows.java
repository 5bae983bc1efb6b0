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
import org.verifikimporter.domain.ColumnMapping;

/**
 * A report folder's failed.csv read back: the input's own columns, and each failed row's cells (as the report
 * holds them, formula guard included: the importer undoes it on the way in) with its row number and code.
 */
public record FailedRows(List<String> header, List<Row> rows) {

    /** One failed row; {@code rowNumber} is -1 when the report's row cell is not a number. */
    public record Row(long rowNumber, List<String> cells, String errorCode, boolean retryable) {
    }

    public static FailedRows read(Path failedCsv) throws IOException, RetryFile.NotRetryable {
        String text = Files.readString(failedCsv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader r = new StringReader(text);
             CSVParser p = CSVFormat.DEFAULT.builder().get().parse(r)) {
            List<CSVRecord> records = p.getRecords();
            if (records.isEmpty()) {
                throw new RetryFile.NotRetryable(failedCsv + " is empty");
            }
            List<String> all = records.get(0).toList();
            int added = ColumnMapping.REPORT_COLUMNS.size();
            if (all.size() < added || !all.subList(all.size() - added, all.size()).equals(ColumnMapping.REPORT_COLUMNS)) {
                throw new RetryFile.NotRetryable(failedCsv + " does not end with the report's columns "
                        + ColumnMapping.REPORT_COLUMNS + ": was it edited? Drop the fixed rows into the inbox by hand");
            }
            int inputColumns = all.size() - added;
            List<Row> rows = new ArrayList<>();
            for (CSVRecord rec : records.subList(1, records.size())) {
                List<String> cells = rec.toList();
                if (cells.size() != all.size()) {
                    continue;
                }
                rows.add(new Row(number(cells.get(all.size() - 2)), List.copyOf(cells.subList(0, inputColumns)),
                        cells.get(inputColumns), "true".equalsIgnoreCase(cells.get(all.size() - 1).strip())));
            }
            return new FailedRows(List.copyOf(all.subList(0, inputColumns)), List.copyOf(rows));
        }
    }

    private static long number(String cell) {
        try {
            return Long.parseLong(cell.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

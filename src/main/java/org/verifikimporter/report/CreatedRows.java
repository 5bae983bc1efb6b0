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
 * A report folder's created.csv read back: each created row's person columns (identifier, project, projectFlow,
 * type: as the report holds them, formula guard included, which the importer undoes on the way in), its row
 * number and validation id.
 */
public record CreatedRows(List<Row> rows) {

    /** The columns a row is invited again with: the person, as the import sent for it. */
    public static final List<String> PERSON_COLUMNS = List.of("identifier", "project", "projectFlow", "type");

    public record Row(long rowNumber, String validationId, List<String> cells) {
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
            return new CreatedRows(List.copyOf(rows));
        }
    }
}

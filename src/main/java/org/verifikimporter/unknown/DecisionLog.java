package org.verifikimporter.unknown;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code unknown-rows.csv} in the import's report folder: each retry --unknown adds what it decided for each row
 * whose outcome was unknown, so the folder keeps the story of rows its failed.csv still shows as OUTCOME_UNKNOWN.
 * Rows are named by number, as in failed.csv; no cell of the row is repeated here.
 */
public final class DecisionLog {

    public static final String FILE_NAME = "unknown-rows.csv";
    static final List<String> HEADER = List.of("decidedAt", "row", "decision", "validationId", "detail", "putBackAs");

    private DecisionLog() {
    }

    /** @param putBackAs the file the rows not listed went back in as; null when none did */
    public static void append(Path runDir, List<Decision> decisions, Path putBackAs, Instant now) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        boolean fresh = !Files.exists(file);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            if (fresh) {
                w.write("\uFEFF");
                p.printRecord(HEADER);
            }
            for (Decision d : decisions) {
                boolean back = putBackAs != null && d.verdict() == Decision.Verdict.NOT_LISTED;
                p.printRecord(now, d.rowNumber(), back ? "PUT_BACK" : d.verdict().name(),
                        d.found() == null ? "" : d.found().validationId(), d.detail(),
                        back ? putBackAs.getFileName() : "");
            }
        }
    }
}

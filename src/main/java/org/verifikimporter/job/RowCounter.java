package org.verifikimporter.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The fast pre-count behind the progress bar's total: data records after the header, counted as the
 * import counts them (a quoted cell spanning lines is one record, lines with no content are not rows),
 * without mapping or checking anything.
 */
public final class RowCounter {

    public static final long UNKNOWN = -1;

    private RowCounter() {
    }

    /** @return the number of data rows, or {@link #UNKNOWN} when the file cannot be parsed to its end */
    public static long count(Path file) {
        try (Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
                64 * 1024);
             CSVParser p = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(r)) {
            long rows = 0;
            boolean header = true;
            for (CSVRecord rec : p) {
                if (header) {
                    header = false;
                    continue;
                }
                if (!blank(rec)) {
                    rows++;
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            // a broken quote: the import reports it; the bar just has no total
            return UNKNOWN;
        }
    }

    private static boolean blank(CSVRecord rec) {
        for (String c : rec) {
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }
}

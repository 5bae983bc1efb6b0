package org.verifikimporter.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import org.verifikimporter.domain.CsvRecordReader;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.InputPreflight;

/**
 * The fast pre-count behind the progress bar's total: data records after the header, read by the same
 * reader as the import (a quoted cell spanning lines is one record, a broken record is one row, lines
 * with no content are not rows), without mapping or checking anything.
 */
public final class RowCounter {

    public static final long UNKNOWN = -1;
    /** Only for counting a file no import has looked at yet (status): generous, never the import's limits. */
    private static final InputPreflight.Limits ANY_SIZE = new InputPreflight.Limits(Long.MAX_VALUE, 1 << 20, null);

    private RowCounter() {
    }

    /** @return the number of data rows, or {@link #UNKNOWN} when the file cannot be read as CSV at all */
    public static long count(Path file) {
        try {
            InputPreflight.Text text = InputPreflight.check(file, ANY_SIZE);
            return scan(text.open(file), text.delimiter(), ANY_SIZE.maxLineLength()).rows();
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * @param rows   data rows, or {@link #UNKNOWN}
     * @param broken records that cannot be parsed as they stand (the header included), or {@link #UNKNOWN}
     */
    public record Count(long rows, long broken) {
        /** Every record parses as it stands: a plain CSV parser reads this file exactly as the recovering reader. */
        public boolean clean() {
            return rows != UNKNOWN && broken == 0;
        }
    }

    /** Counts the data rows of text that passed the preflight, and the broken records among them; closes it. */
    public static Count scan(Reader text, char delimiter, int maxRecordChars) {
        try (CsvRecordReader records = new CsvRecordReader(text, delimiter, maxRecordChars)) {
            if (!records.hasNext()) {
                return new Count(0, 0);
            }
            long broken = records.next().problem() == null ? 0 : 1; // the header
            long rows = 0;
            while (records.hasNext()) {
                CsvRow row = records.next();
                if (row.problem() != null) {
                    broken++;
                }
                if (!row.isBlank()) {
                    rows++;
                }
            }
            return new Count(rows, broken);
        } catch (IOException | RuntimeException e) {
            return new Count(UNKNOWN, UNKNOWN);
        }
    }
}

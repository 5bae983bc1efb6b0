package org.verifikimporter.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much of a file a shutdown left for the next start, as its summary says it.
 *
 * @param inFile the file's rows, -1 when they were not counted
 * @param left   the rows not done, -1 when the file's rows were not counted
 */
record RowsLeft(long inFile, long left) {

    static RowsLeft of(long inFile, long done) {
        return new RowsLeft(inFile, inFile < 0 ? -1 : Math.max(0, inFile - done));
    }

    /** summary.json's extra fields: rows.total counts the rows done, as created + failed; these say how much of the file that is. */
    Map<String, Object> summaryExtra() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("interrupted", true);
        if (inFile >= 0) {
            extra.put("rowsInFile", inFile);
            extra.put("rowsLeft", left);
        }
        return extra;
    }
}

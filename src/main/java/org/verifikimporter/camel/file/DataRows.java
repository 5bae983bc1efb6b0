package org.verifikimporter.camel.file;

import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorText;
import org.verifikimporter.domain.Lookahead;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.RowExecution;

/**
 * The splitter's rows: the data records after the header, mapped and checked in file order. Lines with no
 * content are skipped (not counted as rows); a record that is not valid CSV comes as a row with a problem
 * (MALFORMED_ROW) and reading goes on (see CsvRecordReader). Only a failure to read the file itself (an I/O
 * error) ends it early, with one MALFORMED_ROW entry rather than an exception that would lose the rows
 * already done. On shutdown no new row is taken: the ones in flight finish, the rest wait for a resume.
 */
final class DataRows extends Lookahead<RowExecution> {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.file");

    private final Iterator<CsvRow> records;
    private final ImportJob job;
    private final BooleanSupplier stopping;
    private long lastRow = 1;
    private boolean ended;

    DataRows(Iterator<CsvRow> records, ImportJob job, BooleanSupplier stopping) {
        this.records = records;
        this.job = job;
        this.stopping = stopping;
    }

    @Override
    protected RowExecution fetch() {
        while (!ended) {
            // on shutdown, or once another instance has the file (a claim lost)
            if ((stopping.getAsBoolean() || !job.stillImporter()) && !job.dryRun()) {
                ended = true;
                job.interrupt();
                break;
            }
            try {
                if (!records.hasNext()) {
                    ended = true;
                    break;
                }
                CsvRow row = records.next();
                lastRow = row.rowNumber();
                if (!row.isBlank()) {
                    return job.map(row);
                }
            } catch (RuntimeException unreadable) {
                ended = true;
                long at = lastRow + 1;
                LOG.warn("{}: row {} and the rest of the file could not be read", job.shownName(), at);
                job.unreadable(at, "from this row on the file could not be read ("
                        + ErrorText.describe(unreadable.getCause() != null ? unreadable.getCause() : unreadable)
                        + "); the rows after it were not imported: drop them again");
            }
        }
        return null;
    }
}

package org.verifikimporter.unknown;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.report.InboxFile;
import org.verifikimporter.report.RetryFile;

/**
 * Puts the rows Verifik does not list back into the inbox, as one new file with the input's own columns. The
 * ledger records the decision before the file can be seen, so the import that reads it finds its persons
 * already let through; if the ledger refuses, the file never appears.
 */
public final class PutBackRows {

    private PutBackRows() {
    }

    /**
     * @return the file in the inbox
     * @throws RetryFile.NotRetryable when one of the rows was decided meanwhile (another retry --unknown, or an
     *                                adoption): nothing was put back
     */
    public static Path putBack(UnknownRows unknown, List<Decision> notListed, Ledger ledger, Path inbox, Instant now)
            throws IOException, RetryFile.NotRetryable {
        List<List<String>> cells = notListed.stream().map(d -> d.row().cells()).toList();
        List<Long> rows = notListed.stream().map(Decision::rowNumber).toList();
        try (InboxFile file = InboxFile.write(inbox, RetryFile.stem(unknown.summary().file(), "unknown", now),
                unknown.header(), cells)) {
            if (!ledger.putBacks().record(unknown.run().id(), rows, file.intendedName(), file.sha256())) {
                throw new RetryFile.NotRetryable("a row of " + unknown.summary().dir() + " was decided meanwhile "
                        + "(by another retry --unknown, or adopted); nothing was put back: run the command again");
            }
            return file.publish();
        }
    }
}

package org.verifikimporter.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rows of unknown outcome an operator put back into the inbox ({@code retry --unknown}), and the lookups
 * of those decisions. Each method runs in a transaction of its own, after every row write queued before it.
 */
public final class LedgerPutBacks {

    private static final String CANNOT_READ = "cannot read the ledger";

    private final GroupCommitWriter writer;
    private final Clock clock;
    private final PutBackRepository putBacks;

    LedgerPutBacks(GroupCommitWriter writer, Clock clock, TimeColumns times) {
        this.writer = writer;
        this.clock = clock;
        this.putBacks = new PutBackRepository(times);
    }

    /**
     * Records, in one transaction, that these rows of a run go back into the inbox as {@code fileName}: each
     * moves from UNKNOWN to PUT_BACK, so the dedupe lookup lets its person through again. All or none: when
     * one row is not UNKNOWN any more (adopted or put back meanwhile), nothing is recorded.
     *
     * @return whether they were recorded
     */
    public boolean record(long runId, List<Long> rowNumbers, String fileName, String sha256) {
        Instant now = clock.instant();
        try {
            return writer.afterQueued("cannot write the ledger", c -> {
                for (long row : rowNumbers) {
                    if (!putBacks.putBack(c, new PutBack(runId, row, fileName, sha256, now))) {
                        // rolls the rows before it back too
                        throw new DecidedMeanwhile();
                    }
                }
                return true;
            });
        } catch (DecidedMeanwhile e) {
            return false;
        }
    }

    private static final class DecidedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DecidedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** The decision recorded for a row put back, if it was. */
    public Optional<PutBack> of(long runId, long rowNumber) {
        return writer.afterQueued(CANNOT_READ, c -> putBacks.of(c, runId, rowNumber));
    }

    /** Whether some row was put back into a file of this content at or after {@code since}. */
    public boolean anySince(String sha256, Instant since) {
        return writer.afterQueued(CANNOT_READ, c -> putBacks.anySince(c, sha256, since));
    }
}

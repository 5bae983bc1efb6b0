package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of what was sent: one {@link ImportRun} per import of a file's content, and one
 * {@link LedgerRow} per row that was sent. This is what makes a crash, a restart or a re-drop safe.
 *
 * <p>What a caller may rely on:
 * <ul>
 * <li>{@link #sending} returns only once the row's SENDING record is committed, so a request leaves only
 * after its record. Many rows share one commit ({@link GroupCommitWriter}).</li>
 * <li>Outcomes ({@link #created}, {@link #failed}, {@link #adopt}, {@link #release}) are queued and return at
 * once: the next row's commit takes them along, or the flusher commits them within
 * {@link GroupCommitWriter#FLUSH_INTERVAL_MS} when no row comes. {@link #flush} and {@link #finishRun} wait
 * for them. A crash before an outcome's commit leaves the row SENDING: a resume looks it up in Verifik (it is
 * then adopted as created) or reports OUTCOME_UNKNOWN, and never resends it.</li>
 * <li>The queries and changes of runs ({@link #runs}, {@link #unfinishedRuns}, {@link #rowStates},
 * {@link #startRun}, {@link #resumeRun}, {@link #finishRun}) run after every write queued before them, and see
 * them. The lookups made per row ({@link #row}, {@link #earlier}) do not wait for the queue.</li>
 * </ul>
 *
 * <p>The dedupe lookup ({@link #earlier}) only looks at other runs. On the embedded file, which one
 * importer writes one file at a time, the persons of a run are therefore indexed in bulk when it ends,
 * and those of a run cut short when the next run starts: kept per row, that index's random keys dirtied
 * one more page in every commit of a SENDING record.
 */
public final class Ledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");
    private static final String CANNOT_READ = "cannot read the ledger";
    private static final String CANNOT_WRITE = "cannot write the ledger";

    private final AutoCloseable closeable;
    private final Clock clock;
    private final GroupCommitWriter writer;
    private final RunRepository runs;
    private final RowRepository rows;
    private final LedgerClaims claims;
    private final LedgerPutBacks putBacks;
    private final boolean shared;
    /** Null unless several instances may share this database (PostgreSQL). */
    private final RateBudgetStore rateBudgets;
    private final TimeColumns times;
    private final ValidationStatusRepository statuses;

    /**
     * @param personsIndexedPerRun the persons of a run are indexed in bulk when it ends (the embedded SQLite
     *                             file, which only one importer writes, one file at a time); otherwise a
     *                             database index keeps them per row (PostgreSQL, which several importers may share)
     * @param rateBudgets          the shared rate budgets, on a database several instances may share; else null
     */
    Ledger(DataSource dataSource, AutoCloseable closeable, Clock clock, TimeColumns times, boolean personsIndexedPerRun,
           SqlDialect dialect, RateBudgetStore rateBudgets) {
        this.rateBudgets = rateBudgets;
        this.closeable = closeable;
        // an SQLite or H2 file is opened by one process at a time; a PostgreSQL database by any number
        this.shared = dialect == SqlDialect.POSTGRESQL;
        this.clock = clock;
        this.runs = new RunRepository(times, personsIndexedPerRun);
        this.rows = new RowRepository(times, personsIndexedPerRun);
        this.writer = new GroupCommitWriter(dataSource);
        this.claims = new LedgerClaims(writer, dialect);
        this.putBacks = new LedgerPutBacks(writer, clock, times);
        this.times = times;
        this.statuses = new ValidationStatusRepository(this);
    }

    /** The writer, for the repositories outside this class that need their own transactions. */
    GroupCommitWriter writer() {
        return writer;
    }

    TimeColumns times() {
        return times;
    }

    /** What Verifik said of the created validations since their create answers (issue 15). */
    public ValidationStatusRepository validationStatuses() {
        return statuses;
    }

    // ---- runs ------------------------------------------------------------------------------------

    /** Earlier imports of this content, newest first. */
    public List<ImportRun> runs(String sha256) {
        return writer.afterQueued(CANNOT_READ, c -> runs.byContent(c, sha256));
    }

    /** Imports not finished (running now, cut short by a crash or SIGTERM, or stopped by Verifik), newest first. */
    public List<ImportRun> unfinishedRuns() {
        return writer.afterQueued(CANNOT_READ, runs::unfinished);
    }

    /** How many of a run's rows the ledger holds, by state (SENDING, CREATED, FAILED, UNKNOWN). */
    public Map<String, Long> rowStates(long runId) {
        return writer.afterQueued(CANNOT_READ, c -> rows.states(c, runId));
    }

    /** A new import. Persons of imports cut short before are indexed first, for the dedupe lookups of this one. */
    public ImportRun startRun(String sha256, String fileName, Path reportDir, Instant startedAt) {
        return writer.afterQueued("cannot record the start of " + fileName + " in the ledger",
                c -> runs.start(c, sha256, fileName, reportDir, startedAt));
    }

    /** Waits for every queued row write, then marks the run (and indexes its persons, in the same commit). */
    public void finishRun(long runId, ImportRun.State state) {
        writer.afterQueued(CANNOT_WRITE,
                c -> runs.finish(c, runId, state, state == ImportRun.State.DONE ? clock.instant() : null));
    }

    /**
     * Takes up a run that was cut short (crash, kill, SIGTERM) or stopped by Verifik. Its rows still
     * SENDING were in flight when the importer died: their outcome is unknown and they must not be resent.
     *
     * @return how many rows that was
     */
    public int resumeRun(long runId, String message) {
        return writer.afterQueued(CANNOT_WRITE, c -> {
            runs.resume(c, runId);
            return rows.inFlightUnknown(c, runId, message, clock.instant());
        });
    }

    // ---- rows --------------------------------------------------------------------------------------

    public Optional<LedgerRow> row(long runId, long rowNumber) {
        return writer.read(c -> rows.row(c, runId, rowNumber));
    }

    /**
     * The most recent row of another run for the same person that was created, or whose outcome is
     * unknown, since {@code since}.
     */
    public Optional<EarlierCreate> earlier(String personKey, Instant since, long excludingRunId) {
        return writer.read(c -> rows.earlier(c, personKey, since, excludingRunId));
    }

    /** Records that the row is about to be sent, and returns only once that is committed. */
    public void sending(long runId, long rowNumber, String personKey) {
        Instant now = clock.instant();
        writer.write(c -> rows.sending(c, runId, rowNumber, personKey, now));
    }

    public void created(long runId, long rowNumber, int attempts, String validationId, String status, String url) {
        Instant now = clock.instant();
        writer.enqueue(c -> rows.created(c, runId, rowNumber, attempts, validationId, status, url, now));
    }

    public void failed(long runId, long rowNumber, int attempts, boolean unknown, String code, String message,
                       Integer httpStatus, boolean retryable) {
        Instant now = clock.instant();
        writer.enqueue(c -> rows.failed(c, runId, rowNumber, attempts, unknown, code, message, httpStatus, retryable, now));
    }

    /** Verifik lists exactly one validation for a row whose outcome was unknown: it is this row's. */
    public void adopt(long runId, long rowNumber, int attempts, String validationId, String status, String url) {
        Instant now = clock.instant();
        writer.enqueue(c -> rows.created(c, runId, rowNumber, attempts, validationId, status, url, now));
    }

    /** The row was not created after all (401/402/403, or the run stopped before its retry): pending again. */
    public void release(long runId, long rowNumber) {
        writer.enqueue(c -> rows.release(c, runId, rowNumber));
    }

    /**
     * For the readiness check of {@code watch}: whether the database answers, on the ledger's own connection,
     * held for one round trip (waiting at most 2 s for the rows' writes to let it go, then 2 s for the answer).
     * When the connection must be opened again, that can take the pool's connection timeout (10 s).
     *
     * @return empty when it answers, else what is wrong in plain words (no password, no stack trace)
     */
    public Optional<String> unreachable() {
        return Optional.ofNullable(writer.probe(2000, 2));
    }

    // ---- rows of unknown outcome an operator put back (retry --unknown) ------------------------------

    /** The rows of unknown outcome put back into the inbox, and the lookups of those decisions. */
    public LedgerPutBacks putBacks() {
        return putBacks;
    }

    // ---- claims (several instances on one database) --------------------------------------------------

    /** Whether other processes may use this database at the same time (PostgreSQL), so claims are contended. */
    public boolean shared() {
        return shared;
    }

    /** The claims by which instances on this database divide the files among them. */
    public LedgerClaims claims() {
        return claims;
    }

    // ---- the rate shared by every instance -------------------------------------------------------

    /**
     * {@code importer.rate} as one budget for this token across every instance on this database; empty on a
     * ledger only one importer uses (SQLite, H2), and for no rate limit, where the instance's own pace is all.
     */
    public Optional<SharedRateBudget> sharedRateBudget(String token, int rate) {
        if (rateBudgets == null || token == null || rate < 1) {
            return Optional.empty();
        }
        return Optional.of(rateBudgets.budget(token, rate));
    }

    /** Waits until everything queued so far is committed. */
    public void flush() {
        writer.flush();
    }

    /** Commits what is queued, then closes the database (and lets the state folder's lock go). */
    @Override
    public void close() {
        if (writer.closed()) {
            return;
        }
        try {
            writer.close();
        } finally {
            if (rateBudgets != null) {
                rateBudgets.close(); // its pool's connections: it holds nothing the ledger needs to commit
            }
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the ledger: {}", e.getMessage());
            }
        }
    }
}

package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of what was sent: one {@link ImportRun} per import of a file's content, and one
 * {@link LedgerRow} per row that was sent. This is what makes a crash, a restart or a re-drop safe.
 *
 * <p>Everything goes through one connection ({@link GroupCommitWriter}), held by one thread at a time: the embedded SQLite file is
 * opened in exclusive locking mode, which spares the system calls of taking and dropping its locks around
 * every transaction but admits no second connection. Writes are queued and committed in groups:
 * {@link #sending} commits whatever has queued up, its own record among it, and returns only once that
 * is on disk, so a request leaves only after its SENDING record. The row's own thread commits the group
 * (no writer thread to wake and wait for). Outcomes are queued without waiting; they share the next
 * row's commit, or the flusher commits them within {@link GroupCommitWriter#FLUSH_INTERVAL_MS} when no row comes.
 * {@link #flush} and {@link #finishRun} wait for them. A crash before an outcome's commit leaves the row
 * SENDING: a resume looks it up in Verifik (it is then adopted as created) or reports OUTCOME_UNKNOWN, and
 * never resends it.
 *
 * <p>The dedupe lookup ({@link #earlier}) only looks at other runs. On the embedded file, which one
 * importer writes one file at a time, the persons of a run are therefore indexed in bulk when it ends,
 * and those of a run cut short when the next run starts: kept per row, that index's random keys dirtied
 * one more page in every commit of a SENDING record.
 */
public final class Ledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");
    private final AutoCloseable closeable;
    private final Clock clock;
    private final TimeColumns times;
    private final boolean personsIndexedPerRun;
    private final GroupCommitWriter writer;

    /**
     * @param personsIndexedPerRun the persons of a run are indexed in bulk when it ends (the embedded SQLite
     *                             file, which only one importer writes, one file at a time); otherwise a
     *                             database index keeps them per row (PostgreSQL, which several importers may share)
     */
    Ledger(DataSource dataSource, AutoCloseable closeable, Clock clock, TimeColumns times, boolean personsIndexedPerRun) {
        this.closeable = closeable;
        this.clock = clock;
        this.times = times;
        this.personsIndexedPerRun = personsIndexedPerRun;
        this.writer = new GroupCommitWriter(dataSource);
    }

    // ---- runs ------------------------------------------------------------------------------------

    /** Earlier imports of this content, newest first. */
    public List<ImportRun> runs(String sha256) {
        return query("SELECT id, sha256, file_name, report_dir, state, started_at, finished_at FROM import_run "
                + "WHERE sha256 = ? ORDER BY id DESC", ps -> ps.setString(1, sha256), this::importRuns);
    }

    private List<ImportRun> importRuns(ResultSet rs) throws SQLException {
        List<ImportRun> runs = new ArrayList<>();
        while (rs.next()) {
            runs.add(new ImportRun(rs.getLong(1), rs.getString(2), rs.getString(3), Path.of(rs.getString(4)),
                    ImportRun.State.valueOf(rs.getString(5)), times.get(rs, 6), times.get(rs, 7)));
        }
        return runs;
    }

    /** Imports not finished (running now, cut short by a crash or SIGTERM, or stopped by Verifik), newest first. */
    public List<ImportRun> unfinishedRuns() {
        return query("SELECT id, sha256, file_name, report_dir, state, started_at, finished_at FROM import_run "
                + "WHERE state <> 'DONE' ORDER BY id DESC", ps -> { }, this::importRuns);
    }

    /** How many of a run's rows the ledger holds, by state (SENDING, CREATED, FAILED, UNKNOWN). */
    public Map<String, Long> rowStates(long runId) {
        return query("SELECT state, COUNT(*) FROM ledger_row WHERE run_id = ? GROUP BY state",
                ps -> ps.setLong(1, runId), rs -> {
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                    return counts;
                });
    }

    /** A new import. Persons of imports cut short before are indexed first, for the dedupe lookups of this one. */
    public ImportRun startRun(String sha256, String fileName, Path reportDir, Instant startedAt) {
        return inTransaction("cannot record the start of " + fileName + " in the ledger", c -> {
            indexPersonsOfOtherRuns(c, -1);
            PreparedStatement ps = c.prepare("INSERT INTO import_run (sha256, file_name, report_dir, state, "
                    + "started_at) VALUES (?, ?, ?, 'RUNNING', ?)", true);
            ps.setString(1, sha256);
            ps.setString(2, fileName);
            ps.setString(3, reportDir.toString());
            times.set(ps, 4, startedAt);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new ImportRun(keys.getLong(1), sha256, fileName, reportDir, ImportRun.State.RUNNING, startedAt, null);
            }
        });
    }

    /** Waits for every queued row write, then marks the run (and indexes its persons, in the same commit). */
    public void finishRun(long runId, ImportRun.State state) {
        inTransaction("cannot write the ledger", c -> {
            if (personsIndexedPerRun) {
                PreparedStatement index = c.prepare("INSERT OR IGNORE INTO ledger_person (person_key, run_id, row_number) "
                        + "SELECT person_key, run_id, row_number FROM ledger_row WHERE run_id = ?");
                index.setLong(1, runId);
                index.executeUpdate();
            }
            PreparedStatement ps = c.prepare("UPDATE import_run SET state = ?, finished_at = ?"
                    + (personsIndexedPerRun ? ", persons_indexed = 1" : "") + " WHERE id = ?");
            ps.setString(1, state.name());
            times.set(ps, 2, state == ImportRun.State.DONE ? clock.instant() : null);
            ps.setLong(3, runId);
            return ps.executeUpdate();
        });
    }

    /**
     * Takes up a run that was cut short (crash, kill, SIGTERM) or stopped by Verifik. Its rows still
     * SENDING were in flight when the importer died: their outcome is unknown and they must not be resent.
     *
     * @return how many rows that was
     */
    public int resumeRun(long runId, String message) {
        return inTransaction("cannot write the ledger", c -> {
            indexPersonsOfOtherRuns(c, runId);
            if (personsIndexedPerRun) {
                // it gains rows again: indexed anew when it ends, or by the next run if it is cut short again
                PreparedStatement reopen = c.prepare("UPDATE import_run SET persons_indexed = 0 WHERE id = ?");
                reopen.setLong(1, runId);
                reopen.executeUpdate();
            }
            PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'UNKNOWN', error_code = 'OUTCOME_UNKNOWN', "
                    + "error_message = ?, retryable = FALSE, finished_at = ? WHERE run_id = ? AND state = 'SENDING'");
            ps.setString(1, message);
            times.set(ps, 2, clock.instant());
            ps.setLong(3, runId);
            return ps.executeUpdate();
        });
    }

    /** Runs that did not end (crash, kill) have not had their persons indexed: now they are, but for {@code exceptRunId}. */
    private void indexPersonsOfOtherRuns(CachedConnection c, long exceptRunId) throws SQLException {
        if (!personsIndexedPerRun) {
            return;
        }
        PreparedStatement index = c.prepare("INSERT OR IGNORE INTO ledger_person (person_key, run_id, row_number) "
                + "SELECT l.person_key, l.run_id, l.row_number FROM ledger_row l JOIN import_run r ON r.id = l.run_id "
                + "WHERE r.persons_indexed = 0 AND r.id <> ?");
        index.setLong(1, exceptRunId);
        int rows = index.executeUpdate();
        PreparedStatement mark = c.prepare("UPDATE import_run SET persons_indexed = 1 WHERE persons_indexed = 0 AND id <> ?");
        mark.setLong(1, exceptRunId);
        int runs = mark.executeUpdate();
        if (runs > 0) {
            LOG.debug("Indexed the persons of {} run(s) cut short before ({} rows)", runs, rows);
        }
    }

    // ---- rows --------------------------------------------------------------------------------------

    public Optional<LedgerRow> row(long runId, long rowNumber) {
        return lookup("SELECT run_id, row_number, state, attempts, validation_id, status, url, error_code, error_message, "
                + "http_status, retryable, sending_at, finished_at FROM ledger_row WHERE run_id = ? AND row_number = ?",
                ps -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, rowNumber);
                }, rs -> rs.next() ? Optional.of(ledgerRow(rs)) : Optional.<LedgerRow>empty());
    }

    /**
     * The most recent row of another run for the same person that was created, or whose outcome is
     * unknown, since {@code since}.
     */
    public Optional<EarlierCreate> earlier(String personKey, Instant since, long excludingRunId) {
        String rows = personsIndexedPerRun
                ? "ledger_person p JOIN ledger_row l ON l.run_id = p.run_id AND l.row_number = p.row_number "
                        + "JOIN import_run r ON r.id = l.run_id WHERE p.person_key = ? AND p.run_id <> ? AND "
                : "ledger_row l JOIN import_run r ON r.id = l.run_id WHERE l.person_key = ? AND l.run_id <> ? AND ";
        return lookup("SELECT r.file_name, l.row_number, l.state, l.validation_id, l.sending_at FROM " + rows
                + "l.state IN ('CREATED', 'SENDING', 'UNKNOWN') AND l.sending_at >= ? ORDER BY l.sending_at DESC", ps -> {
                    ps.setString(1, personKey);
                    ps.setLong(2, excludingRunId);
                    times.set(ps, 3, since);
                }, rs -> rs.next()
                        ? Optional.of(new EarlierCreate(rs.getString(1), rs.getLong(2),
                                LedgerRow.State.valueOf(rs.getString(3)), rs.getString(4), times.get(rs, 5)))
                        : Optional.<EarlierCreate>empty());
    }

    /** Records that the row is about to be sent, and returns only once that is committed. */
    public void sending(long runId, long rowNumber, String personKey) {
        Instant now = clock.instant();
        writer.write(c -> {
            PreparedStatement ps = c.prepare("INSERT INTO ledger_row (run_id, row_number, person_key, "
                    + "state, attempts, sending_at) VALUES (?, ?, ?, 'SENDING', 0, ?)");
            ps.setLong(1, runId);
            ps.setLong(2, rowNumber);
            ps.setString(3, personKey);
            times.set(ps, 4, now);
            return ps.executeUpdate();
        });
    }

    public void created(long runId, long rowNumber, int attempts, String validationId, String status, String url) {
        Instant now = clock.instant();
        writer.enqueue(c -> {
            PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'CREATED', attempts = ?, "
                    + "validation_id = ?, status = ?, url = ?, finished_at = ? WHERE run_id = ? AND row_number = ?");
            ps.setInt(1, attempts);
            ps.setString(2, validationId);
            ps.setString(3, status);
            ps.setString(4, url);
            times.set(ps, 5, now);
            ps.setLong(6, runId);
            ps.setLong(7, rowNumber);
            return ps.executeUpdate();
        });
    }

    public void failed(long runId, long rowNumber, int attempts, boolean unknown, String code, String message,
                       Integer httpStatus, boolean retryable) {
        Instant now = clock.instant();
        writer.enqueue(c -> {
            PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = ?, attempts = ?, error_code = ?, "
                    + "error_message = ?, http_status = ?, retryable = ?, finished_at = ? WHERE run_id = ? AND row_number = ?");
            ps.setString(1, unknown ? "UNKNOWN" : "FAILED");
            ps.setInt(2, attempts);
            ps.setString(3, code);
            ps.setString(4, message == null ? null : message.substring(0, Math.min(message.length(), 2048)));
            if (httpStatus == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, httpStatus);
            }
            ps.setBoolean(6, retryable);
            times.set(ps, 7, now);
            ps.setLong(8, runId);
            ps.setLong(9, rowNumber);
            return ps.executeUpdate();
        });
    }

    /** Verifik lists exactly one validation for a row whose outcome was unknown: it is this row's. */
    public void adopt(long runId, long rowNumber, String validationId, String status, String url) {
        Instant now = clock.instant();
        writer.enqueue(c -> {
            PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'CREATED', validation_id = ?, "
                    + "status = ?, url = ?, error_code = NULL, error_message = NULL, retryable = NULL, finished_at = ? "
                    + "WHERE run_id = ? AND row_number = ?");
            ps.setString(1, validationId);
            ps.setString(2, status);
            ps.setString(3, url);
            times.set(ps, 4, now);
            ps.setLong(5, runId);
            ps.setLong(6, rowNumber);
            return ps.executeUpdate();
        });
    }

    /** The row was not created after all (401/402/403, or the run stopped before its retry): pending again. */
    public void release(long runId, long rowNumber) {
        writer.enqueue(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM ledger_row WHERE run_id = ? AND row_number = ?");
            ps.setLong(1, runId);
            ps.setLong(2, rowNumber);
            return ps.executeUpdate();
        });
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
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the ledger: {}", e.getMessage());
            }
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs in one transaction on the one connection, after the queued writes. */
    private <T> T inTransaction(String failure, SqlWork<T> work) {
        return writer.afterQueued(failure, work);
    }

    /** A query made per row: on the one connection, without waiting for the queued writes. */
    private <T> T lookup(String sql, Binder binder, Reader<T> reader) {
        return writer.read(c -> select(c, sql, binder, reader));
    }

    /** A query that sees every write queued before it. */
    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        return inTransaction("cannot read the ledger", c -> select(c, sql, binder, reader));
    }

    private static <T> T select(CachedConnection c, String sql, Binder binder, Reader<T> reader) throws SQLException {
        PreparedStatement ps = c.prepare(sql);
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
            return reader.read(rs);
        }
    }

    private LedgerRow ledgerRow(ResultSet rs) throws SQLException {
        int status = rs.getInt(10);
        Integer httpStatus = rs.wasNull() ? null : status;
        boolean retry = rs.getBoolean(11);
        Boolean retryable = rs.wasNull() ? null : retry;
        return new LedgerRow(rs.getLong(1), rs.getLong(2), LedgerRow.State.valueOf(rs.getString(3)), rs.getInt(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), httpStatus,
                retryable, times.get(rs, 12), times.get(rs, 13));
    }

}

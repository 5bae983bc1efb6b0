package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of what was sent: one {@link ImportRun} per import of a file's content, and one
 * {@link LedgerRow} per row that was sent. This is what makes a crash, a restart or a re-drop safe.
 *
 * <p>Writes go through one writer thread that commits whatever has queued up in one transaction
 * (group commit), so many rows share a commit. {@link #sending} waits for its commit: a request leaves
 * only once its SENDING record is on disk. Outcomes are queued without waiting (they share the next
 * commit); {@link #flush} and {@link #finishRun} wait for them. A crash before an outcome's commit
 * leaves the row SENDING: a resume looks it up in Verifik (it is then adopted as created) or reports
 * OUTCOME_UNKNOWN, and never resends it.
 */
public final class Ledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");
    private static final int MAX_BATCH = 512;

    private final DataSource dataSource;
    private final AutoCloseable closeable;
    private final Clock clock;
    private final TimeColumns times;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    Ledger(DataSource dataSource, AutoCloseable closeable, Clock clock, TimeColumns times) {
        this.dataSource = dataSource;
        this.closeable = closeable;
        this.clock = clock;
        this.times = times;
        this.writer = new Thread(this::writeLoop, "ledger-writer");
        writer.setDaemon(true);
        writer.start();
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
    public java.util.Map<String, Long> rowStates(long runId) {
        return query("SELECT state, COUNT(*) FROM ledger_row WHERE run_id = ? GROUP BY state",
                ps -> ps.setLong(1, runId), rs -> {
                    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                    return counts;
                });
    }

    public ImportRun startRun(String sha256, String fileName, Path reportDir, Instant startedAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO import_run (sha256, file_name, report_dir, state, "
                     + "started_at) VALUES (?, ?, ?, 'RUNNING', ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, sha256);
            ps.setString(2, fileName);
            ps.setString(3, reportDir.toString());
            times.set(ps, 4, startedAt);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new ImportRun(keys.getLong(1), sha256, fileName, reportDir, ImportRun.State.RUNNING, startedAt, null);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot record the start of " + fileName + " in the ledger", e);
        }
    }

    /** Waits for every queued row write, then marks the run. */
    public void finishRun(long runId, ImportRun.State state) {
        flush();
        update("UPDATE import_run SET state = ?, finished_at = ? WHERE id = ?", ps -> {
            ps.setString(1, state.name());
            times.set(ps, 2, state == ImportRun.State.DONE ? clock.instant() : null);
            ps.setLong(3, runId);
        });
    }

    /**
     * A resumed run: rows still SENDING were in flight when the importer died. Their outcome is unknown
     * and they must not be resent.
     *
     * @return how many rows that was
     */
    public int sendingBecomesUnknown(long runId, String message) {
        flush();
        return update("UPDATE ledger_row SET state = 'UNKNOWN', error_code = 'OUTCOME_UNKNOWN', error_message = ?, "
                + "retryable = FALSE, finished_at = ? WHERE run_id = ? AND state = 'SENDING'", ps -> {
                    ps.setString(1, message);
                    times.set(ps, 2, clock.instant());
                    ps.setLong(3, runId);
                });
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
        return lookup("SELECT r.file_name, l.row_number, l.state, l.validation_id, l.sending_at FROM ledger_row l "
                + "JOIN import_run r ON r.id = l.run_id WHERE l.person_key = ? AND l.state IN ('CREATED', 'SENDING', "
                + "'UNKNOWN') AND l.sending_at >= ? AND l.run_id <> ? ORDER BY l.sending_at DESC", ps -> {
                    ps.setString(1, personKey);
                    times.set(ps, 2, since);
                    ps.setLong(3, excludingRunId);
                }, rs -> rs.next()
                        ? Optional.of(new EarlierCreate(rs.getString(1), rs.getLong(2),
                                LedgerRow.State.valueOf(rs.getString(3)), rs.getString(4), times.get(rs, 5)))
                        : Optional.<EarlierCreate>empty());
    }

    /** Records that the row is about to be sent, and returns only once that is committed. */
    public void sending(long runId, long rowNumber, String personKey) {
        Instant now = clock.instant();
        await(enqueue(c -> {
            PreparedStatement ps = c.prepare("INSERT INTO ledger_row (run_id, row_number, person_key, "
                    + "state, attempts, sending_at) VALUES (?, ?, ?, 'SENDING', 0, ?)");
            ps.setLong(1, runId);
            ps.setLong(2, rowNumber);
            ps.setString(3, personKey);
            times.set(ps, 4, now);
            ps.executeUpdate();
        }));
    }

    public void created(long runId, long rowNumber, int attempts, String validationId, String status, String url) {
        Instant now = clock.instant();
        enqueue(c -> {
            PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'CREATED', attempts = ?, "
                    + "validation_id = ?, status = ?, url = ?, finished_at = ? WHERE run_id = ? AND row_number = ?");
            ps.setInt(1, attempts);
            ps.setString(2, validationId);
            ps.setString(3, status);
            ps.setString(4, url);
            times.set(ps, 5, now);
            ps.setLong(6, runId);
            ps.setLong(7, rowNumber);
            ps.executeUpdate();
        });
    }

    public void failed(long runId, long rowNumber, int attempts, boolean unknown, String code, String message,
                       Integer httpStatus, boolean retryable) {
        Instant now = clock.instant();
        enqueue(c -> {
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
            ps.executeUpdate();
        });
    }

    /** Verifik lists exactly one validation for a row whose outcome was unknown: it is this row's. */
    public void adopt(long runId, long rowNumber, String validationId, String status, String url) {
        Instant now = clock.instant();
        enqueue(c -> {
            PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'CREATED', validation_id = ?, "
                    + "status = ?, url = ?, error_code = NULL, error_message = NULL, retryable = NULL, finished_at = ? "
                    + "WHERE run_id = ? AND row_number = ?");
            ps.setString(1, validationId);
            ps.setString(2, status);
            ps.setString(3, url);
            times.set(ps, 4, now);
            ps.setLong(5, runId);
            ps.setLong(6, rowNumber);
            ps.executeUpdate();
        });
    }

    /** The row was not created after all (401/402/403, or the run stopped before its retry): pending again. */
    public void release(long runId, long rowNumber) {
        enqueue(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM ledger_row WHERE run_id = ? AND row_number = ?");
            ps.setLong(1, runId);
            ps.setLong(2, rowNumber);
            ps.executeUpdate();
        });
    }

    /** Waits until everything queued so far is committed. */
    public void flush() {
        await(enqueue(c -> {
        }));
    }

    // ---- the writer ----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Sql {
        void run(Statements c) throws SQLException;
    }

    /**
     * A connection kept open with its prepared statements: the writer's (a pooled connection handed back
     * after each batch costs an extra commit when its auto-commit is reset), and the one for the lookups
     * made for every row (preparing a statement anew each time cost more than running it).
     */
    private final class Statements implements AutoCloseable {
        private final Connection connection;
        private final boolean autoCommit;
        private final java.util.Map<String, PreparedStatement> cache = new java.util.HashMap<>();

        Statements(boolean autoCommit) throws SQLException {
            this.autoCommit = autoCommit;
            connection = dataSource.getConnection();
            connection.setAutoCommit(autoCommit);
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement ps = cache.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                cache.put(sql, ps);
            }
            ps.clearParameters();
            return ps;
        }

        void commit() throws SQLException {
            connection.commit();
        }

        void rollback() throws SQLException {
            connection.rollback();
        }

        @Override
        public void close() {
            try {
                if (!autoCommit) {
                    connection.rollback();
                }
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    private record Write(Sql sql, CompletableFuture<Void> done) {
    }

    private CompletableFuture<Void> enqueue(Sql sql) {
        if (closing) {
            throw new LedgerException("the ledger is closed", null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Write(sql, done));
        return done;
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        Statements statements = null;
        try {
            while (true) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    if (statements == null) {
                        statements = new Statements(false);
                    }
                    commit(statements, batch);
                } catch (SQLException e) {
                    LOG.error("The ledger cannot be written: {}", e.getMessage());
                    batch.forEach(w -> w.done().completeExceptionally(e));
                    if (statements != null) {
                        statements.close();
                    }
                    statements = null; // reconnect for the next batch
                }
                batch.clear();
            }
        } finally {
            if (statements != null) {
                statements.close();
            }
        }
    }

    private void commit(Statements c, List<Write> batch) throws SQLException {
        try {
            for (Write w : batch) {
                w.sql().run(c);
            }
            c.commit();
            batch.forEach(w -> w.done().complete(null));
            return;
        } catch (SQLException e) {
            c.rollback();
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
        }
        // one bad write must not fail the others: redo them one transaction each
        for (Write w : batch) {
            try {
                w.sql().run(c);
                c.commit();
                w.done().complete(null);
            } catch (SQLException e) {
                c.rollback();
                w.done().completeExceptionally(e);
            }
        }
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while writing the ledger", e);
        } catch (ExecutionException e) {
            throw new LedgerException("cannot write the ledger: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            if (writer.isAlive()) {
                flush();
            }
        } finally {
            closing = true;
            writer.interrupt();
            synchronized (lookupLock) {
                if (lookups != null) {
                    lookups.close();
                    lookups = null;
                }
            }
            try {
                writer.join(5000);
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

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the ledger: " + e.getMessage(), e);
        }
    }

    private final Object lookupLock = new Object();
    private Statements lookups;

    /** A query on the lookup connection, whose prepared statements are kept: for the queries made per row. */
    private <T> T lookup(String sql, Binder binder, Reader<T> reader) {
        synchronized (lookupLock) {
            try {
                if (lookups == null) {
                    lookups = new Statements(true);
                }
                PreparedStatement ps = lookups.prepare(sql);
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException e) {
                if (lookups != null) {
                    lookups.close(); // a fresh connection for the next lookup
                    lookups = null;
                }
                throw new LedgerException("cannot read the ledger: " + e.getMessage(), e);
            }
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot write the ledger: " + e.getMessage(), e);
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

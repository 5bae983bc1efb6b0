package org.verifikimporter.ledger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits writes in groups, on one connection held by one thread at a time; it knows no table.
 *
 * <p>One connection, because the embedded SQLite file is opened in exclusive locking mode, which spares the
 * system calls of taking and dropping its locks around every transaction but admits no second connection.
 * Groups, because a commit costs far more than the statements in it. The thread that needs its write on disk
 * ({@link #write}) commits whatever has queued up, its own write among it: no writer thread to wake and wait
 * for. Writes nobody waits for ({@link #enqueue}) share the next such commit, or the flusher commits them
 * within {@link #FLUSH_INTERVAL_MS}.
 */
final class GroupCommitWriter {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");
    static final int MAX_BATCH = 512;
    /** How long a queued write may wait for a waiting write's commit before the flusher commits it. */
    static final long FLUSH_INTERVAL_MS = 10;
    private static final SqlWork<Void> NOTHING = c -> null;

    private final DataSource dataSource;
    private final long flushIntervalNanos;
    private final Queue<Write> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** The one connection; guarded by {@link #lock}, opened again after a failure. */
    private CachedConnection db;
    /** The group being committed; guarded by {@link #lock}, and kept so that no commit allocates a new one. */
    private final List<Write> batch = new ArrayList<>();
    private final SqlWork<Void> runBatch = c -> {
        for (Write w : batch) {
            w.work().run(c);
        }
        return null;
    };
    private final Thread flusher;
    private volatile boolean closing;

    GroupCommitWriter(DataSource dataSource) {
        this(dataSource, FLUSH_INTERVAL_MS);
    }

    /** @param flushIntervalMs a test may set it so long that only the waiting writes commit */
    GroupCommitWriter(DataSource dataSource, long flushIntervalMs) {
        this.dataSource = dataSource;
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMs);
        this.flusher = new Thread(this::flushLoop, "ledger-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    private record Write(SqlWork<?> work, CompletableFuture<Void> done) {
    }

    /** Queues a write for the next commit, without waiting; the future completes once it is committed, or failed. */
    CompletableFuture<Void> enqueue(SqlWork<?> work) {
        if (closing) {
            throw new LedgerException("the ledger is closed", null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Write(work, done));
        return done;
    }

    /** Returns only once {@code work} is committed, with whatever was queued before it. */
    void write(SqlWork<?> work) {
        CompletableFuture<Void> done = enqueue(work);
        lock.lock();
        try {
            commitUntilDone(done);
        } finally {
            lock.unlock();
        }
        await(done);
    }

    /** Waits until everything queued so far is committed. */
    void flush() {
        write(NOTHING);
    }

    /** Runs {@code work} in one transaction of its own, after the queued writes, so that it sees them. */
    <T> T afterQueued(String failure, SqlWork<T> work) {
        lock.lock();
        try {
            commitUntilDone(enqueue(NOTHING));
            return connection().transaction(work);
        } catch (CachedConnection.RolledBack e) {
            throw broken(failure, e.getCause());
        } catch (SQLException e) {
            throw broken(failure, e);
        } finally {
            lock.unlock();
        }
    }

    /** A query made per row: on the one connection, without waiting for the queued writes. */
    <T> T read(SqlWork<T> query) {
        lock.lock();
        try {
            return query.run(connection());
        } catch (SQLException e) {
            throw broken("cannot read the ledger", e);
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        return closing;
    }

    /**
     * For a readiness check: whether the one connection answers (opened again if a failure dropped it). It
     * waits at most {@code waitMs} for the rows' writes to let the connection go, and holds it for one round
     * trip, never across a commit.
     *
     * @return null when it answers, else what is wrong, in a few words
     */
    String probe(long waitMs, int answerSeconds) {
        if (closing) {
            return "the ledger is closed";
        }
        try {
            if (!lock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
                return "the ledger has been busy for more than " + waitMs + " ms (a write is waiting for the database)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the check was interrupted";
        }
        try {
            if (connection().answers(answerSeconds)) {
                return null;
            }
            dropConnection();
            return "the ledger database did not answer within " + answerSeconds + " s";
        } catch (SQLException e) {
            dropConnection();
            return "the ledger database cannot be reached (" + LedgerFactory.describe(e) + ")";
        } finally {
            lock.unlock();
        }
    }

    /** Commits what is queued, stops the flusher and lets the connection go; the data source stays open. */
    void close() {
        if (closing) {
            return;
        }
        try {
            flush();
        } finally {
            closing = true;
            flusher.interrupt();
            lock.lock();
            try {
                dropConnection();
            } finally {
                lock.unlock();
            }
            try {
                flusher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Closing the ledger: {}", e.getMessage());
            }
        }
    }

    /** Holding the lock, where nobody else can be committing: a write not done is still in the queue. */
    private void commitUntilDone(CompletableFuture<Void> write) {
        while (!write.isDone()) {
            commitQueued();
        }
    }

    private void flushLoop() {
        while (!closing) {
            LockSupport.parkNanos(flushIntervalNanos);
            if (!queue.isEmpty() && lock.tryLock()) {
                try {
                    commitQueued();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Holding the lock: commits what has queued up, in one transaction. */
    private void commitQueued() {
        Write w;
        while (batch.size() < MAX_BATCH && (w = queue.poll()) != null) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            commitBatch(connection());
        } catch (SQLException | RuntimeException e) {
            // every write taken from the queue must end here, or its thread would wait for it forever
            LOG.error("The ledger cannot be written: {}", e.getMessage());
            for (Write x : batch) {
                x.done().completeExceptionally(e);
            }
            dropConnection();
        } finally {
            batch.clear();
        }
    }

    private void commitBatch(CachedConnection c) throws SQLException {
        try {
            c.transaction(runBatch);
            for (Write w : batch) {
                w.done().complete(null);
            }
            return;
        } catch (CachedConnection.RolledBack e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e.getCause());
                return;
            }
        }
        // one bad write must not fail the others: redo them one transaction each
        for (Write w : batch) {
            try {
                c.transaction(w.work());
                w.done().complete(null);
            } catch (CachedConnection.RolledBack e) {
                w.done().completeExceptionally(e.getCause());
            }
        }
    }

    private CachedConnection connection() throws SQLException {
        if (db == null) {
            db = new CachedConnection(dataSource);
        }
        return db;
    }

    /** Holding the lock: a fresh connection next time. */
    private LedgerException broken(String failure, SQLException e) {
        dropConnection();
        return new LedgerException(failure + ": " + e.getMessage(), e);
    }

    private void dropConnection() {
        if (db != null) {
            db.close();
            db = null;
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
}

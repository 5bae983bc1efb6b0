package org.verifikimporter.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the ledger: an embedded SQLite file under the state folder by default (nothing to install), or the
 * database {@code importer.ledger.url} names (PostgreSQL, or an H2 file). The schema is created or migrated
 * by Flyway, unless it is already at the newest version ({@link SchemaCheck}).
 */
public final class LedgerFactory {

    /** The embedded ledger's file, under {@code importer.state}. */
    public static final String EMBEDDED_FILE = "ledger.db";
    /** The embedded ledger of builds before SQLite (H2), which this build does not open on its own. */
    static final String OLD_H2_FILE = "ledger.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");

    private LedgerFactory() {
    }

    /** Whether the state folder holds an embedded ledger yet (nothing was ever sent from it when not). */
    public static boolean embeddedLedgerExists(Path stateDir) {
        return Files.exists(stateDir.resolve(EMBEDDED_FILE)) || Files.exists(stateDir.resolve(OLD_H2_FILE));
    }

    public static Ledger open(String url, String user, String password, Path stateDir, Clock clock) {
        if (url != null && !url.isBlank()) {
            return openDatabase(url, user, password, stateDir, clock, null);
        }
        FileLock lock = lockStateFolder(stateDir);
        try {
            if (Files.exists(stateDir.resolve(OLD_H2_FILE)) && !Files.exists(stateDir.resolve(EMBEDDED_FILE))) {
                // starting an empty ledger here would forget unfinished imports and resend their rows
                throw new LedgerException("the state folder " + stateDir + " holds a ledger of an earlier version ("
                        + OLD_H2_FILE + ", H2). To keep using it, set importer.ledger.url=jdbc:h2:file:"
                        + stateDir.toAbsolutePath().resolve("ledger") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE; "
                        + "or, once `status` shows no import in flight, move it away to start a new ledger", null);
            }
            // WAL with synchronous=NORMAL: a commit is in the file (the operating system's cache) before it
            // returns, so it survives kill -9; only a power cut can lose the last commits, as with H2 before.
            // locking_mode=EXCLUSIVE: this process is the file's only user (ledger.lock), so SQLite keeps its
            // locks instead of taking and dropping them with fcntl calls around every transaction.
            // busy_timeout: after a failed write the ledger takes a fresh connection, which waits for the
            // pool to finish closing the old one (and its locks) instead of failing at once.
            return openDatabase("jdbc:sqlite:" + stateDir.toAbsolutePath().resolve(EMBEDDED_FILE)
                    + "?journal_mode=WAL&synchronous=NORMAL&locking_mode=EXCLUSIVE&busy_timeout=30000", null, null,
                    stateDir, clock, lock);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /** @param lock the state folder's lock, released when the ledger closes; null for a database of its own */
    private static Ledger openDatabase(String url, String user, String password, Path stateDir, Clock clock,
                                       FileLock lock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2WithoutCompactionOnClose(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("ledger");
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        // the one kind of ledger several instances share, and so share importer.rate through (DESIGN section 7)
        boolean postgresql = SqlDialect.of(url) == SqlDialect.POSTGRESQL;
        // the ledger works on one connection (see Ledger); Flyway has it before, and on PostgreSQL and H2 takes a
        // second one for its lock. SQLite's file is opened in exclusive locking mode: a second connection
        // could not even read it.
        config.setMaximumPoolSize(sqlite ? 1 : 2);
        if (sqlite && !url.contains("wal_autocheckpoint")) {
            // a checkpoint copies the WAL into the file and syncs both, while every row waits for the ledger:
            // every 10,000 pages (~40 MB of WAL) instead of SQLite's 1,000, so a tenth as many of those pauses
            config.setConnectionInitSql("PRAGMA wal_autocheckpoint=10000");
        }
        config.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (describe(e).contains("locked")) {
                throw inUse(stateDir, e);
            }
            throw new LedgerException("cannot open the ledger database (" + describe(e) + ")", e);
        }
        try {
            if (!SchemaCheck.current(ds, sqlite)) {
                Flyway.configure().dataSource(ds)
                        .locations(sqlite ? "classpath:db/ledger/sqlite" : "classpath:db/ledger/standard")
                        .load().migrate();
            }
            if (postgresql) {
                RateBudgetStore.migrate(ds);
            }
        } catch (RuntimeException e) {
            ds.close();
            throw new LedgerException("cannot create or migrate the ledger schema (" + describe(e) + ")", e);
        }
        AutoCloseable close = () -> {
            ds.close();
            release(lock);
        };
        return new Ledger(ds, close, clock, sqlite ? TimeColumns.EPOCH_MILLIS : TimeColumns.TIMESTAMP_WITH_TIME_ZONE, sqlite,
                SqlDialect.of(url), postgresql ? new RateBudgetStore(url, user, password) : null);
    }

    /**
     * SQLite lets several processes open one file; two importers on one state folder would import the same
     * inbox twice, so the embedded ledger is held with an exclusive lock until it is closed.
     */
    private static FileLock lockStateFolder(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            FileChannel channel = FileChannel.open(stateDir.resolve("ledger.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another ledger still open on the same folder)
            }
            if (lock == null) {
                channel.close();
                throw inUse(stateDir, null);
            }
            return lock;
        } catch (IOException e) {
            throw new LedgerException("cannot create or lock the state folder " + stateDir + " (" + describe(e) + ")", e);
        }
    }

    private static LedgerException inUse(Path stateDir, Throwable cause) {
        return new LedgerException("the ledger in " + stateDir + " is in use by another verifik-importer process; "
                + "only one may run on the same importer.state at a time", cause);
    }

    private static void release(FileLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.warn("Releasing the state folder's lock: {}", describe(e));
        }
    }

    /**
     * H2 (2.3.232, and 2.4.240 alike) moves chunks inside its file for up to MAX_COMPACT_TIME (200 ms by default)
     * whenever a database closes, and that move breaks its own invariant on some files: an AssertionError under
     * -ea (the close is cut short, "IO Exception: Closing" in a trace file), unnoticed without it, while H2's
     * issue #4247 (data lost by the compaction on close) is only fixed in 2.4.240. The ledger is not worth that
     * risk to save disk: its H2 file is closed without moving anything, and compacted offline if at all (README).
     * A MAX_COMPACT_TIME the URL names itself is left as it is.
     */
    static String h2WithoutCompactionOnClose(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
                || url.toUpperCase(Locale.ROOT).contains(";MAX_COMPACT_TIME=")) {
            return url;
        }
        return url + (url.endsWith(";") ? "" : ";") + "MAX_COMPACT_TIME=0";
    }

    /** The innermost cause's message on one line: for the log and the exception, never a stack trace. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }
}

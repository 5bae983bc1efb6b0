package org.verifikimporter.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the ledger: an embedded H2 file under the state folder by default (nothing to install), or the
 * database {@code importer.ledger.url} names (PostgreSQL). The schema is created or migrated by Flyway.
 */
public final class LedgerFactory {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");

    private LedgerFactory() {
    }

    public static Ledger open(String url, String user, String password, Path stateDir, Clock clock) {
        HikariConfig config = new HikariConfig();
        if (url == null || url.isBlank()) {
            try {
                Files.createDirectories(stateDir);
            } catch (java.io.IOException e) {
                throw new LedgerException("cannot create the state folder " + stateDir, e);
            }
            // WRITE_DELAY=0: a commit is written to the file before it returns, so it survives kill -9.
            // DB_CLOSE_ON_EXIT=FALSE: on SIGTERM the rows in flight still record their outcome; the importer
            // closes the ledger itself once Camel has stopped.
            // Only one process may open the file: a second importer on the same state folder fails to start.
            config.setJdbcUrl("jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("ledger")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sa");
            config.setPassword("");
        } else {
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setPoolName("ledger");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (describe(e).contains("locked")) {
                throw new LedgerException("the ledger in " + stateDir + " is in use by another verifik-importer process; "
                        + "only one may run on the same importer.state at a time", e);
            }
            throw new LedgerException("cannot open the ledger database (" + describe(e) + ")", e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/ledger").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new LedgerException("cannot create or migrate the ledger schema (" + describe(e) + ")", e);
        }
        boolean embedded = url == null || url.isBlank();
        return new Ledger(ds, embedded ? () -> compactAndClose(ds) : ds, clock);
    }

    /**
     * Every group commit of the embedded H2 file writes the B-tree pages it touched anew (the person index
     * makes that a page per row), so a big import leaves a file of ~10 KB per row sent, most of it dead
     * space (measured: 298 MB after 30,000 rows). Compacting on close takes it back to the live rows
     * (5.5 MB, about a second), so the file grows with what the ledger holds, not with what it wrote.
     */
    private static void compactAndClose(HikariDataSource ds) {
        String url = ds.getJdbcUrl();
        ds.close();
        // a connection of its own: the pool's would be closed by the shutdown under the pool's feet
        Connection c = null;
        try {
            c = DriverManager.getConnection(url, "sa", "");
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            LOG.warn("Compacting the ledger file failed ({}); it stays as it is, nothing is lost", describe(e));
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already closed by the shutdown
                }
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }
}

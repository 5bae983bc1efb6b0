package org.verifikimporter.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Where the shared rate budgets of a PostgreSQL ledger live: the {@code rate_budget} table, and a pool of
 * its own, so that waiting for the bucket's row lock never holds up the ledger's connection. The pool is
 * opened by the first {@link #budget} (commands that send nothing, such as {@code status}, never open it).
 *
 * <p>Bucket4j's {@code SELECT ... FOR UPDATE} proxy manager, not its advisory-lock one: the lock is the
 * bucket's own row, so it can meet no other lock (advisory lock numbers are one space for the whole
 * database, which Flyway and any other application use too), and what holds it shows in {@code pg_locks}
 * as a row lock on {@code rate_budget}. Both end with the transaction or the connection.
 */
final class RateBudgetStore implements AutoCloseable {

    static final String TABLE = "rate_budget";
    /**
     * A lock holder that is gone without its connection closing (a lost host) would hold every instance's
     * calls: its transaction ends after this long idle, and a waiter gives up after this long and tries again.
     */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    /** Short: the budget tries again itself every second, and says so, instead of waiting mutely. */
    static final long CONNECTION_TIMEOUT_MS = 2_000;

    private final String url;
    private final String user;
    private final String password;
    private HikariDataSource pool;
    private ProxyManager<String> buckets;
    private DatabaseClock clock;

    RateBudgetStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Creates or migrates the table: its own migrations and history table, so that the ledger's migrations
     * (shared with H2, which needs no shared budget) keep their numbers.
     */
    static void migrate(DataSource ledger) {
        Flyway.configure().dataSource(ledger)
                .locations("classpath:db/rate-budget")
                .table("flyway_rate_budget_history")
                // the schema already holds the ledger's tables: start this history at 0, then apply V1
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }

    /** The budget of calls per second for this token, shared with every instance that has the same token. */
    synchronized SharedRateBudget budget(String token, int rate) {
        if (pool == null) {
            open();
        }
        // the instance started last (on the database's clock) decides the bucket's rate
        long version = TimeUnit.NANOSECONDS.toMillis(clock.currentTimeNanos());
        return new SharedRateBudget(buckets, pool, clock, token, rate, version);
    }

    private void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("rate-budget");
        // one connection holds the row lock, one waits for it; more would only queue at the database
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        long lockMs = LOCK_TIMEOUT.toMillis();
        config.setConnectionInitSql("SET lock_timeout = " + lockMs + "; SET idle_in_transaction_session_timeout = "
                + lockMs);
        HikariDataSource ds = null;
        try {
            ds = new HikariDataSource(config);
            DatabaseClock c = new DatabaseClock();
            c.anchor(ds);
            buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(ds)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE)
                    .clientClock(c)
                    .requestTimeout(LOCK_TIMEOUT)
                    .build();
            clock = c;
            pool = ds;
        } catch (Exception e) {
            if (ds != null) {
                ds.close();
            }
            throw new LedgerException("cannot reach the shared rate budget in the ledger database ("
                    + LedgerFactory.describe(e) + ")", e);
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }
}

package org.verifikimporter.ledger;

/**
 * Where the ledger's databases differ in SQL the ledger needs: the database's own clock, and taking a claim
 * atomically. The claims are timed by the database's clock, the one clock every instance sharing it reads.
 */
enum SqlDialect {
    SQLITE("CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)", true),
    // clock_timestamp, not now(): now() is the start of the transaction, which may have waited for a lock
    POSTGRESQL("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)", true),
    H2("CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)", false);

    /** An SQL expression for the database's time, in milliseconds since 1970. */
    final String nowMillis;
    /** INSERT ... ON CONFLICT ... DO UPDATE ... WHERE: one statement, atomic however many instances race. */
    final boolean upsert;

    SqlDialect(String nowMillis, boolean upsert) {
        this.nowMillis = nowMillis;
        this.upsert = upsert;
    }

    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        return POSTGRESQL;
    }
}

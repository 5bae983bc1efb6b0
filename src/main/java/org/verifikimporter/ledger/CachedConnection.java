package org.verifikimporter.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The ledger's one connection, with its prepared statements kept: preparing a statement anew each time cost more
 * than running it. Used by one thread at a time (the writer's lock), so nothing here is synchronised.
 */
final class CachedConnection implements AutoCloseable {

    private final Connection connection;
    /** Keyed by the SQL text: the repositories' SQL are constants, so a hit costs an identity check. */
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    CachedConnection(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return prepare(sql, false);
    }

    PreparedStatement prepare(String sql, boolean generatedKeys) throws SQLException {
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = generatedKeys ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                    : connection.prepareStatement(sql);
            cache.put(sql, ps);
        }
        ps.clearParameters();
        return ps;
    }

    /**
     * Runs {@code work} in one transaction.
     *
     * @throws RolledBack the work or its commit failed and was rolled back: the connection is still good
     * @throws SQLException the connection failed (beginning or rolling back)
     */
    <T> T transaction(SqlWork<T> work) throws SQLException, RolledBack {
        connection.setAutoCommit(false);
        try {
            T result = work.run(this);
            connection.commit();
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            rollback();
            throw new RolledBack(e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    private void rollback() throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    /** A failed statement, not a failed connection: the writer keeps the connection and fails only that work. */
    static final class RolledBack extends Exception {
        RolledBack(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Whether the database answers on this connection within {@code seconds}: one round trip, no transaction. */
    boolean answers(int seconds) throws SQLException {
        return connection.isValid(seconds);
    }

    @Override
    public void close() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException ignored) {
            // the connection is being dropped anyway
        }
    }
}

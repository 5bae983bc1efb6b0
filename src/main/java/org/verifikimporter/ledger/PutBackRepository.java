package org.verifikimporter.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL of {@code row_put_back}: the rows of unknown outcome an operator put back into the inbox. The row's
 * state changes in the same transaction, and only from UNKNOWN, so one decision is taken once.
 */
final class PutBackRepository {

    private final TimeColumns times;

    PutBackRepository(TimeColumns times) {
        this.times = times;
    }

    /** @return false when the row is not UNKNOWN (any more): adopted, or put back by someone else meanwhile */
    boolean putBack(CachedConnection c, PutBack decision) throws SQLException {
        PreparedStatement state = c.prepare("UPDATE ledger_row SET state = 'PUT_BACK' "
                + "WHERE run_id = ? AND row_number = ? AND state = 'UNKNOWN'");
        state.setLong(1, decision.runId());
        state.setLong(2, decision.rowNumber());
        if (state.executeUpdate() != 1) {
            return false;
        }
        PreparedStatement ps = c.prepare("INSERT INTO row_put_back (run_id, row_number, file_name, sha256, decided_at) "
                + "VALUES (?, ?, ?, ?, ?)");
        ps.setLong(1, decision.runId());
        ps.setLong(2, decision.rowNumber());
        ps.setString(3, decision.fileName());
        ps.setString(4, decision.sha256());
        times.set(ps, 5, decision.decidedAt());
        ps.executeUpdate();
        return true;
    }

    Optional<PutBack> of(CachedConnection c, long runId, long rowNumber) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT run_id, row_number, file_name, sha256, decided_at FROM row_put_back "
                + "WHERE run_id = ? AND row_number = ?");
        ps.setLong(1, runId);
        ps.setLong(2, rowNumber);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new PutBack(rs.getLong("run_id"), rs.getLong("row_number"), rs.getString("file_name"),
                            rs.getString("sha256"), times.get(rs, "decided_at")))
                    : Optional.empty();
        }
    }

    /** Whether a row was put back into a file of this content at or after {@code since}. */
    boolean anySince(CachedConnection c, String sha256, Instant since) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT 1 FROM row_put_back WHERE sha256 = ? AND decided_at >= ?");
        ps.setString(1, sha256);
        times.set(ps, 2, since);
        ps.setMaxRows(1);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}

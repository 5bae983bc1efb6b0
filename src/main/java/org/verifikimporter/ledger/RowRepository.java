package org.verifikimporter.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.verifikimporter.domain.StatusCategory;

/**
 * The SQL of {@code ledger_row}, and of the dedupe lookup through {@code ledger_person} where persons are indexed
 * per run. Each method runs on the connection it is given, in whatever transaction the caller chose.
 */
final class RowRepository {

    private static final int MAX_MESSAGE = 2048;
    private static final String EARLIER = "SELECT r.file_name AS file_name, l.row_number AS row_number, "
            + "l.state AS state, l.validation_id AS validation_id, l.sending_at AS sending_at FROM ";
    /** The persons of the embedded file's runs are in ledger_person (see {@link Ledger}). */
    private static final String EARLIER_BY_RUN_INDEX = EARLIER
            + "ledger_person p JOIN ledger_row l ON l.run_id = p.run_id AND l.row_number = p.row_number "
            + "JOIN import_run r ON r.id = l.run_id WHERE p.person_key = ? AND p.run_id <> ? AND ";
    private static final String EARLIER_BY_ROW_INDEX = EARLIER
            + "ledger_row l JOIN import_run r ON r.id = l.run_id WHERE l.person_key = ? AND l.run_id <> ? AND ";
    /**
     * The statuses of a validation that ended without the person getting through (StatusCategory FAILED and
     * EXPIRED), lower case: such a person may be invited again within the window.
     */
    private static final String ENDED_UNMET = StatusCategory.FINAL_STATUSES.stream()
            .filter(s -> StatusCategory.of(s) == StatusCategory.FAILED || StatusCategory.of(s) == StatusCategory.EXPIRED)
            .map(s -> "'" + s + "'").collect(Collectors.joining(", ", "(", ")"));
    /**
     * Rows that may have created a validation (SENDING, UNKNOWN) always count; a created one counts unless its
     * current status (the latest read or webhook, else the create answer's) ended it failed or expired. So a
     * person goes through only when every earlier validation in the window ended so.
     */
    private static final String EARLIER_STATES = "(l.state IN ('SENDING', 'UNKNOWN') OR (l.state = 'CREATED' AND "
            + "LOWER(TRIM(COALESCE((SELECT s.status FROM validation_status s WHERE s.validation_id = l.validation_id), "
            + "l.status, ''))) NOT IN " + ENDED_UNMET + ")) AND l.sending_at >= ? ORDER BY l.sending_at DESC";

    private final TimeColumns times;
    private final String earlier;

    /** @param personsIndexedPerRun see {@link Ledger}: the embedded file indexes a run's persons when it ends */
    RowRepository(TimeColumns times, boolean personsIndexedPerRun) {
        this.times = times;
        this.earlier = (personsIndexedPerRun ? EARLIER_BY_RUN_INDEX : EARLIER_BY_ROW_INDEX) + EARLIER_STATES;
    }

    Optional<LedgerRow> row(CachedConnection c, long runId, long rowNumber) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT run_id, row_number, state, attempts, validation_id, status, url, "
                + "error_code, error_message, http_status, retryable, sending_at, finished_at FROM ledger_row "
                + "WHERE run_id = ? AND row_number = ?");
        ps.setLong(1, runId);
        ps.setLong(2, rowNumber);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(ledgerRow(rs)) : Optional.empty();
        }
    }

    private LedgerRow ledgerRow(ResultSet rs) throws SQLException {
        int status = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : status;
        boolean retry = rs.getBoolean("retryable");
        Boolean retryable = rs.wasNull() ? null : retry;
        return new LedgerRow(rs.getLong("run_id"), rs.getLong("row_number"), LedgerRow.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getString("validation_id"), rs.getString("status"), rs.getString("url"),
                rs.getString("error_code"), rs.getString("error_message"), httpStatus, retryable,
                times.get(rs, "sending_at"), times.get(rs, "finished_at"));
    }

    /** The newest row of another run for the same person that was created, or may have been, since {@code since}. */
    Optional<EarlierCreate> earlier(CachedConnection c, String personKey, Instant since, long excludingRunId)
            throws SQLException {
        PreparedStatement ps = c.prepare(earlier);
        ps.setString(1, personKey);
        ps.setLong(2, excludingRunId);
        times.set(ps, 3, since);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new EarlierCreate(rs.getString("file_name"), rs.getLong("row_number"),
                            LedgerRow.State.valueOf(rs.getString("state")), rs.getString("validation_id"),
                            times.get(rs, "sending_at")))
                    : Optional.empty();
        }
    }

    Map<String, Long> states(CachedConnection c, long runId) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT state, COUNT(*) AS n FROM ledger_row WHERE run_id = ? GROUP BY state");
        ps.setLong(1, runId);
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString("state"), rs.getLong("n"));
            }
        }
        return counts;
    }

    int sending(CachedConnection c, long runId, long rowNumber, String personKey, Instant at) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO ledger_row (run_id, row_number, person_key, state, attempts, "
                + "sending_at) VALUES (?, ?, ?, 'SENDING', 0, ?)");
        ps.setLong(1, runId);
        ps.setLong(2, rowNumber);
        ps.setString(3, personKey);
        times.set(ps, 4, at);
        return ps.executeUpdate();
    }

    /**
     * Created, by its call's answer or adopted from the lookup of an unknown outcome: the failure that
     * the row held until then (OUTCOME_UNKNOWN after a resume) is cleared.
     */
    int created(CachedConnection c, long runId, long rowNumber, int attempts, String validationId, String status,
                String url, Instant at) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'CREATED', attempts = ?, validation_id = ?, "
                + "status = ?, url = ?, error_code = NULL, error_message = NULL, retryable = NULL, finished_at = ? "
                + "WHERE run_id = ? AND row_number = ?");
        ps.setInt(1, attempts);
        ps.setString(2, validationId);
        ps.setString(3, status);
        ps.setString(4, url);
        times.set(ps, 5, at);
        return updateRow(ps, 6, runId, rowNumber);
    }

    int failed(CachedConnection c, long runId, long rowNumber, int attempts, boolean unknown, String code,
               String message, Integer httpStatus, boolean retryable, Instant at) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = ?, attempts = ?, error_code = ?, "
                + "error_message = ?, http_status = ?, retryable = ?, finished_at = ? WHERE run_id = ? AND row_number = ?");
        ps.setString(1, unknown ? "UNKNOWN" : "FAILED");
        ps.setInt(2, attempts);
        ps.setString(3, code);
        ps.setString(4, message == null ? null : message.substring(0, Math.min(message.length(), MAX_MESSAGE)));
        if (httpStatus == null) {
            ps.setNull(5, Types.INTEGER);
        } else {
            ps.setInt(5, httpStatus);
        }
        ps.setBoolean(6, retryable);
        times.set(ps, 7, at);
        return updateRow(ps, 8, runId, rowNumber);
    }

    /** The row was not created after all: no record, so it is pending again. */
    int release(CachedConnection c, long runId, long rowNumber) throws SQLException {
        return updateRow(c.prepare("DELETE FROM ledger_row WHERE run_id = ? AND row_number = ?"), 1, runId, rowNumber);
    }

    /** The run's rows still SENDING were in flight when the importer died: their outcome is unknown. */
    int inFlightUnknown(CachedConnection c, long runId, String message, Instant at) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE ledger_row SET state = 'UNKNOWN', "
                + "error_code = 'OUTCOME_UNKNOWN', error_message = ?, retryable = FALSE, finished_at = ? "
                + "WHERE run_id = ? AND state = 'SENDING'");
        ps.setString(1, message);
        times.set(ps, 2, at);
        ps.setLong(3, runId);
        return ps.executeUpdate();
    }

    /** Binds the row's key, which every statement on one row ends with, and runs the statement. */
    private static int updateRow(PreparedStatement ps, int index, long runId, long rowNumber) throws SQLException {
        ps.setLong(index, runId);
        ps.setLong(index + 1, rowNumber);
        return ps.executeUpdate();
    }
}

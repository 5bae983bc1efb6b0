package org.verifikimporter.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.verifikimporter.domain.StatusCategory;

/**
 * The SQL of {@code validation_status} and {@code validation_status_change}: what Verifik said of each created
 * validation after its create answer, from a tracking read or a webhook. A validation's current status is its
 * {@code validation_status} row's, else the create answer's ({@code ledger_row.status}). Every method runs in a
 * transaction of its own, after the ledger's queued row writes, so it sees the rows created just before.
 */
public final class ValidationStatusRepository {

    /** What {@link #apply} did. */
    public enum Applied {
        /** a new status: recorded, with its change */
        CHANGED,
        /** the status it has already (or an open one after a final one, which events out of order can bring) */
        UNCHANGED,
        /** no row of the ledger has that validation id */
        UNKNOWN_ID
    }

    /** One status Verifik told for one validation. */
    public record Observed(String validationId, String status) {
    }

    private static final String CURRENT = "SELECT l.run_id AS run_id, l.row_number AS row_number, "
            + "l.finished_at AS finished_at, l.status AS created_status, s.status AS status FROM ledger_row l "
            + "LEFT JOIN validation_status s ON s.validation_id = l.validation_id WHERE l.validation_id = ? "
            + "ORDER BY l.run_id DESC";
    private static final String NOT_FINAL = StatusCategory.FINAL_STATUSES.stream().map(s -> "'" + s + "'")
            .collect(Collectors.joining(", ", "(", ")"));
    private static final String CANDIDATES = "SELECT l.run_id AS run_id, l.row_number AS row_number, "
            + "l.validation_id AS validation_id, COALESCE(s.status, l.status) AS status, l.sending_at AS sending_at, "
            + "r.file_name AS file_name, r.report_dir AS report_dir FROM ledger_row l "
            + "JOIN import_run r ON r.id = l.run_id "
            + "LEFT JOIN validation_status s ON s.validation_id = l.validation_id "
            + "WHERE l.state = 'CREATED' AND l.validation_id IS NOT NULL AND l.sending_at >= ? "
            + "AND LOWER(COALESCE(s.status, l.status, '')) NOT IN " + NOT_FINAL + " ORDER BY l.sending_at, l.run_id, l.row_number";
    private static final String OF_RUN = "SELECT l.row_number AS row_number, l.validation_id AS validation_id, "
            + "COALESCE(s.status, l.status) AS status, COALESCE(s.changed_at, l.finished_at) AS changed_at, "
            + "s.checked_at AS checked_at FROM ledger_row l "
            + "LEFT JOIN validation_status s ON s.validation_id = l.validation_id "
            + "WHERE l.run_id = ? AND l.state = 'CREATED' AND l.validation_id IS NOT NULL ORDER BY l.row_number";

    private final GroupCommitWriter writer;
    private final TimeColumns times;
    /** PostgreSQL, which several instances share: two may record a validation's first status at once. */
    private final String insert;

    public ValidationStatusRepository(Ledger ledger) {
        this.writer = ledger.writer();
        this.times = ledger.times();
        this.insert = "INSERT INTO validation_status (validation_id, run_id, row_number, status, changed_at, checked_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)" + (ledger.shared() ? " ON CONFLICT (validation_id) DO NOTHING" : "");
    }

    /**
     * Records that Verifik said {@code status} of the validation at {@code at}: a change (and its change row)
     * when it differs from the current one, else only the time it was last confirmed. Idempotent: a replay
     * changes nothing.
     *
     * @param source {@code read} or {@code webhook}
     */
    public Applied apply(String validationId, String status, Instant at, String source) {
        return writer.afterQueued("cannot record a validation's status in the ledger",
                c -> applyOne(c, validationId, status, at, source));
    }

    /** {@link #apply} for many, in one transaction: a tracking pass's statuses. Results in the same order. */
    public List<Applied> applyAll(List<Observed> observed, Instant at, String source) {
        if (observed.isEmpty()) {
            return List.of();
        }
        return writer.afterQueued("cannot record the validations' statuses in the ledger", c -> {
            List<Applied> applied = new ArrayList<>(observed.size());
            for (Observed o : observed) {
                applied.add(applyOne(c, o.validationId(), o.status(), at, source));
            }
            return applied;
        });
    }

    /**
     * The created validations whose current status is not final, of rows sent at or after {@code since}
     * ({@code importer.track-window} ago), the earliest sent first.
     */
    public List<TrackCandidate> trackCandidates(Instant since) {
        return writer.afterQueued("cannot read the ledger", c -> {
            PreparedStatement ps = c.prepare(CANDIDATES);
            times.set(ps, 1, since);
            List<TrackCandidate> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TrackCandidate t = new TrackCandidate(rs.getLong("run_id"), rs.getLong("row_number"),
                            rs.getString("validation_id"), rs.getString("status"), times.get(rs, "sending_at"),
                            rs.getString("file_name"), java.nio.file.Path.of(rs.getString("report_dir")));
                    // SQL compares lower case only; the category also ignores surrounding blanks
                    if (!StatusCategory.of(t.status()).isFinal()) {
                        found.add(t);
                    }
                }
            }
            return found;
        });
    }

    /** Every created validation of the run with its current status, by row number. */
    public List<RunStatus> statusesOfRun(long runId) {
        return writer.afterQueued("cannot read the ledger", c -> {
            PreparedStatement ps = c.prepare(OF_RUN);
            ps.setLong(1, runId);
            List<RunStatus> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new RunStatus(rs.getLong("row_number"), rs.getString("validation_id"),
                            rs.getString("status"), times.get(rs, "changed_at"), times.get(rs, "checked_at")));
                }
            }
            return found;
        });
    }

    /** The run's funnel: created, still open, completed, failed, expired, and when it was last checked. */
    public Funnel funnelOfRun(long runId) {
        return Funnel.of(statusesOfRun(runId));
    }

    /** Every change recorded for the validation, oldest first: {@code [old, new, source]} (old null: first seen). */
    public List<String[]> changesOf(String validationId) {
        return writer.afterQueued("cannot read the ledger", c -> {
            PreparedStatement ps = c.prepare("SELECT old_status, new_status, source FROM validation_status_change "
                    + "WHERE validation_id = ? ORDER BY changed_at");
            ps.setString(1, validationId);
            List<String[]> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            return found;
        });
    }

    private Applied applyOne(CachedConnection c, String validationId, String status, Instant at, String source)
            throws SQLException {
        try {
            return applyOnce(c, validationId, status, at, source);
        } catch (RecordedMeanwhile e) {
            // another instance recorded its first status between our read and our insert: now there is a row
            return applyOnce(c, validationId, status, at, source);
        }
    }

    private static final class RecordedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private Applied applyOnce(CachedConnection c, String validationId, String status, Instant at, String source)
            throws SQLException {
        Objects.requireNonNull(status, "status");
        PreparedStatement current = c.prepare(CURRENT);
        current.setString(1, validationId);
        long runId;
        long rowNumber;
        String recorded;
        String effective;
        Instant createdAt;
        try (ResultSet rs = current.executeQuery()) {
            if (!rs.next()) {
                return Applied.UNKNOWN_ID;
            }
            runId = rs.getLong("run_id");
            rowNumber = rs.getLong("row_number");
            createdAt = times.get(rs, "finished_at");
            recorded = rs.getString("status");
            effective = recorded != null ? recorded : rs.getString("created_status");
        }
        boolean stale = StatusCategory.of(effective).isFinal() && !StatusCategory.of(status).isFinal();
        if (status.equals(effective) || stale) {
            if (stale) {
                // Verifik does not reopen a validation: an open status after a final one is an event out of order
                return Applied.UNCHANGED;
            }
            if (recorded == null) {
                // the create answer's status, confirmed: kept with the time it was checked, no change
                insert(c, validationId, runId, rowNumber, status, createdAt != null ? createdAt : at, at);
            } else {
                PreparedStatement ps = c.prepare("UPDATE validation_status SET checked_at = ? "
                        + "WHERE validation_id = ? AND checked_at < ?");
                times.set(ps, 1, at);
                ps.setString(2, validationId);
                times.set(ps, 3, at);
                ps.executeUpdate();
            }
            return Applied.UNCHANGED;
        }
        if (recorded == null) {
            insert(c, validationId, runId, rowNumber, status, at, at);
        } else {
            PreparedStatement ps = c.prepare("UPDATE validation_status SET status = ?, changed_at = ?, checked_at = ? "
                    + "WHERE validation_id = ?");
            ps.setString(1, status);
            times.set(ps, 2, at);
            times.set(ps, 3, at);
            ps.setString(4, validationId);
            ps.executeUpdate();
        }
        PreparedStatement change = c.prepare("INSERT INTO validation_status_change (validation_id, old_status, "
                + "new_status, changed_at, source) VALUES (?, ?, ?, ?, ?)");
        change.setString(1, validationId);
        change.setString(2, recorded);
        change.setString(3, status);
        times.set(change, 4, at);
        change.setString(5, source);
        change.executeUpdate();
        return Applied.CHANGED;
    }

    private void insert(CachedConnection c, String validationId, long runId, long rowNumber, String status,
                        Instant changedAt, Instant checkedAt) throws SQLException {
        PreparedStatement ps = c.prepare(insert);
        ps.setString(1, validationId);
        ps.setLong(2, runId);
        ps.setLong(3, rowNumber);
        ps.setString(4, status);
        times.set(ps, 5, changedAt);
        times.set(ps, 6, checkedAt);
        if (ps.executeUpdate() == 0) {
            throw new RecordedMeanwhile();
        }
    }
}

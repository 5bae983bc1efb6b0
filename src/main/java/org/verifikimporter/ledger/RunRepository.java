package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of {@code import_run}, and the bulk indexing of a run's persons into {@code ledger_person}, which is
 * kept per run. Every method runs inside a transaction the caller opened.
 */
final class RunRepository {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.ledger");
    private static final String COLUMNS = "SELECT id, sha256, file_name, report_dir, state, started_at, finished_at "
            + "FROM import_run ";
    private static final String BY_CONTENT = COLUMNS + "WHERE sha256 = ? ORDER BY id DESC";
    private static final String UNFINISHED = COLUMNS + "WHERE state <> 'DONE' ORDER BY id DESC";

    private final TimeColumns times;
    private final boolean personsIndexedPerRun;
    private final String finish;

    /** @param personsIndexedPerRun see {@link Ledger}: the embedded file indexes a run's persons when it ends */
    RunRepository(TimeColumns times, boolean personsIndexedPerRun) {
        this.times = times;
        this.personsIndexedPerRun = personsIndexedPerRun;
        this.finish = "UPDATE import_run SET state = ?, finished_at = ?"
                + (personsIndexedPerRun ? ", persons_indexed = 1" : "") + " WHERE id = ?";
    }

    List<ImportRun> byContent(CachedConnection c, String sha256) throws SQLException {
        PreparedStatement ps = c.prepare(BY_CONTENT);
        ps.setString(1, sha256);
        return importRuns(ps);
    }

    List<ImportRun> unfinished(CachedConnection c) throws SQLException {
        return importRuns(c.prepare(UNFINISHED));
    }

    private List<ImportRun> importRuns(PreparedStatement ps) throws SQLException {
        List<ImportRun> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new ImportRun(rs.getLong("id"), rs.getString("sha256"), rs.getString("file_name"),
                        Path.of(rs.getString("report_dir")), ImportRun.State.valueOf(rs.getString("state")),
                        times.get(rs, "started_at"), times.get(rs, "finished_at")));
            }
        }
        return runs;
    }

    /** Persons of runs cut short before are indexed first, for the dedupe lookups of this one. */
    ImportRun start(CachedConnection c, String sha256, String fileName, Path reportDir, Instant startedAt)
            throws SQLException {
        indexPersonsOfOtherRuns(c, -1);
        PreparedStatement ps = c.prepare("INSERT INTO import_run (sha256, file_name, report_dir, state, started_at) "
                + "VALUES (?, ?, ?, 'RUNNING', ?)", true);
        ps.setString(1, sha256);
        ps.setString(2, fileName);
        ps.setString(3, reportDir.toString());
        times.set(ps, 4, startedAt);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            // by position: each driver names the generated key column its own way
            return new ImportRun(keys.getLong(1), sha256, fileName, reportDir, ImportRun.State.RUNNING, startedAt, null);
        }
    }

    /** Marks the run, and indexes its persons in the same transaction. */
    int finish(CachedConnection c, long runId, ImportRun.State state, Instant finishedAt) throws SQLException {
        if (personsIndexedPerRun) {
            PreparedStatement index = c.prepare("INSERT OR IGNORE INTO ledger_person (person_key, run_id, row_number) "
                    + "SELECT person_key, run_id, row_number FROM ledger_row WHERE run_id = ?");
            index.setLong(1, runId);
            index.executeUpdate();
        }
        PreparedStatement ps = c.prepare(finish);
        ps.setString(1, state.name());
        times.set(ps, 2, finishedAt);
        ps.setLong(3, runId);
        return ps.executeUpdate();
    }

    /** A run cut short is taken up again: the persons of the others are indexed, and it gains rows again. */
    void resume(CachedConnection c, long runId) throws SQLException {
        indexPersonsOfOtherRuns(c, runId);
        if (personsIndexedPerRun) {
            // indexed anew when it ends, or by the next run if it is cut short again
            PreparedStatement reopen = c.prepare("UPDATE import_run SET persons_indexed = 0 WHERE id = ?");
            reopen.setLong(1, runId);
            reopen.executeUpdate();
        }
    }

    /** Runs that did not end (crash, kill) have not had their persons indexed: now they are, but for {@code exceptRunId}. */
    private void indexPersonsOfOtherRuns(CachedConnection c, long exceptRunId) throws SQLException {
        if (!personsIndexedPerRun) {
            return;
        }
        PreparedStatement index = c.prepare("INSERT OR IGNORE INTO ledger_person (person_key, run_id, row_number) "
                + "SELECT l.person_key, l.run_id, l.row_number FROM ledger_row l JOIN import_run r ON r.id = l.run_id "
                + "WHERE r.persons_indexed = 0 AND r.id <> ?");
        index.setLong(1, exceptRunId);
        int rows = index.executeUpdate();
        PreparedStatement mark = c.prepare("UPDATE import_run SET persons_indexed = 1 "
                + "WHERE persons_indexed = 0 AND id <> ?");
        mark.setLong(1, exceptRunId);
        int runs = mark.executeUpdate();
        if (runs > 0) {
            LOG.debug("Indexed the persons of {} run(s) cut short before ({} rows)", runs, rows);
        }
    }
}

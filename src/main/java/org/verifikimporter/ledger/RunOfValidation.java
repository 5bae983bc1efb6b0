package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Which run (and so which report folder) created a validation: a webhook names only the validation, and the
 * folder's status.csv is to show what it said. The newest run, should one id ever be in two (adopted twice).
 */
public final class RunOfValidation {

    /** The run and where its reports are. */
    public record Located(long runId, Path reportDir) {
    }

    private final GroupCommitWriter writer;

    public RunOfValidation(Ledger ledger) {
        this.writer = ledger.writer();
    }

    public Optional<Located> of(String validationId) {
        return writer.afterQueued("cannot read the ledger", c -> {
            PreparedStatement ps = c.prepare("SELECT l.run_id AS run_id, r.report_dir AS report_dir FROM ledger_row l "
                    + "JOIN import_run r ON r.id = l.run_id WHERE l.validation_id = ? ORDER BY l.run_id DESC");
            ps.setString(1, validationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Located(rs.getLong("run_id"), Path.of(rs.getString("report_dir"))))
                        : Optional.<Located>empty();
            }
        });
    }
}

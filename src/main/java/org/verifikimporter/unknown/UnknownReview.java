package org.verifikimporter.unknown;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;
import org.verifikimporter.reconcile.Reconciler;

/**
 * Looks each row whose outcome is unknown up in Verifik once more, one after the other, through the pages the
 * caller's {@link Reconciler} reads (the import's call slots and pace). A row Verifik lists once is adopted in the
 * ledger as created. Nothing is sent and nothing is put back from here: that is the operator's decision.
 */
public final class UnknownReview {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.retry");

    private final Ledger ledger;
    private final Reconciler lookups;
    private final RunResults results;

    /** @param results once Verifik answers 401/402/403 it says so here, and no further row is looked up */
    public UnknownReview(Ledger ledger, Reconciler lookups, RunResults results) {
        this.ledger = ledger;
        this.lookups = lookups;
        this.results = results;
    }

    public List<Decision> review(UnknownRows unknown) {
        List<Decision> decisions = new ArrayList<>();
        String file = unknown.summary().file();
        for (UnknownRow row : unknown.rows()) {
            Decision d = row.undecided() ? lookUp(unknown.run().id(), row) : left(row);
            LOG.debug("{} row {}: {}", file, row.rowNumber(), d.verdict());
            decisions.add(d);
        }
        return decisions;
    }

    private Decision lookUp(long runId, UnknownRow row) {
        if (results.stopped()) {
            return new Decision(row, Decision.Verdict.NOT_LOOKED_UP, "not looked up: " + results.stopReason(), null);
        }
        LedgerRow record = row.ledger().orElseThrow();
        Reconciler.Result found = lookups.lookup(row.request(), record.sendingAt());
        return switch (found.listed()) {
            case ONE -> {
                ledger.adopt(runId, row.rowNumber(), record.attempts(), found.found().validationId(),
                        found.found().status(), found.found().url());
                yield new Decision(row, Decision.Verdict.ADOPTED, "validation " + found.found().validationId(),
                        found.found());
            }
            case NONE -> new Decision(row, Decision.Verdict.NOT_LISTED, "Verifik lists no validation for this person "
                    + "created since the row was sent (" + record.sendingAt() + ")", null);
            case SEVERAL -> new Decision(row, Decision.Verdict.SEVERAL, found.why() + "; check in Verifik", null);
            case UNKNOWN -> new Decision(row, Decision.Verdict.NOT_LOOKED_UP, results.stopped()
                    ? found.why() + " (" + results.stopReason() + ")" : found.why() + "; try again later", null);
        };
    }

    private static Decision left(UnknownRow row) {
        String why;
        if (row.request() == null) {
            why = "its cells no longer name a person (project, projectFlow, identifier, type): check it in Verifik";
        } else if (row.putBack().isPresent()) {
            why = "put back into the inbox before, as " + row.putBack().get().fileName() + " at "
                    + row.putBack().get().decidedAt();
        } else if (row.ledger().isEmpty()) {
            why = "the ledger has no record of it";
        } else if (row.ledger().get().state() == LedgerRow.State.CREATED) {
            why = "adopted before: validation " + row.ledger().get().validationId();
        } else {
            why = "the ledger has it as " + row.ledger().get().state();
        }
        return new Decision(row, Decision.Verdict.LEFT, why, null);
    }
}

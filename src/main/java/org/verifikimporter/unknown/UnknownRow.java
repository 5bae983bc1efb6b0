package org.verifikimporter.unknown;

import java.util.List;
import java.util.Optional;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.ledger.LedgerRow;
import org.verifikimporter.ledger.PutBack;

/**
 * A row of a report folder's failed.csv that failed OUTCOME_UNKNOWN, with what the ledger knows of it.
 *
 * @param cells   the input's own columns as failed.csv holds them: what goes back into the inbox
 * @param request the person it was sent for (project, projectFlow, identifier, type), for the lookup; null when
 *                the cells no longer name one
 * @param ledger  its record; empty when the ledger has none (another state folder, or an edited report)
 * @param putBack the decision taken on it before, if it was put back already
 */
public record UnknownRow(long rowNumber, List<String> cells, CreateRequest request, Optional<LedgerRow> ledger,
                         Optional<PutBack> putBack) {

    /** Still unknown in the ledger: the one state a lookup can decide. */
    public boolean undecided() {
        return request != null && ledger.isPresent() && ledger.get().state() == LedgerRow.State.UNKNOWN;
    }
}

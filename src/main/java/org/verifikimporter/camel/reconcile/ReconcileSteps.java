package org.verifikimporter.camel.reconcile;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.reconcile.Reconciler;

/**
 * The reconcile route's steps, for a row sent without a usable answer (timeout, reset, a crash): wait out
 * the grace period Verifik needs to list it, then ask. Exactly one match: the row was created after all.
 *
 * @param reconciler null when unknown outcomes are not looked up (turned off, or a dry run); the row route
 *                   then never sends a row here
 * @param results    a run stopped by Verifik (401/402/403) makes no further call, lookups included
 */
public record ReconcileSteps(Reconciler reconciler, Duration grace, Clock clock, RunResults results) {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.row");

    /** How long until Verifik has had the grace period to show a validation sent by the row's last attempt. */
    public long delay(Exchange exchange) {
        RowExecution row = row(exchange);
        java.time.Instant until = row.lastSentAt().plus(grace);
        long left = Duration.between(clock.instant(), until).toMillis();
        if (left > 0) {
            // no row may finish for a while: the progress says what it waits for
            row.job().progress().waitingForLookup(row.rowNumber(), until);
        }
        return Math.max(0, left);
    }

    /** Asks Verifik; on exactly one match the row is created after all, otherwise it stays unknown. */
    public void lookUp(Exchange exchange) {
        RowExecution row = row(exchange);
        row.job().progress().lookingUp(row.rowNumber());
        if (results.stopped()) {
            row.notFound("it was not looked up in Verifik, since the run was stopped (" + results.stopReason() + ")");
            return;
        }
        Reconciler.Result result = reconciler.lookup(row.request(), row.sentAt());
        if (result.adopted()) {
            row.job().adopt(row, result.found());
            LOG.debug("{} row {}: outcome was unknown; found in Verifik", row.shownFile(), row.rowNumber());
        } else {
            row.notFound(result.why());
        }
    }

    private static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }
}

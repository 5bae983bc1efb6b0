package org.verifikimporter.camel.row;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;

/**
 * The row route's steps: take the row from the splitter and plan its next step, and record how it ended
 * (its report line, and its ledger record). Per-row detail is logged at DEBUG only, by file name and row
 * number.
 */
public final class RowSteps {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.row");

    private final RunResults results;
    private final boolean lookups;

    /**
     * @param lookups whether unknown outcomes are looked up in Verifik (off when turned off, or in a dry run)
     */
    public RowSteps(RunResults results, boolean lookups) {
        this.results = results;
        this.lookups = lookups;
    }

    /**
     * The splitter's row becomes the row property; its next step is decided (see {@link RowExecution.Step}).
     * A row to send leaves its request body, a map for the JSON marshaller.
     */
    public void prepare(Exchange exchange) {
        RowExecution row = exchange.getIn().getBody(RowExecution.class);
        RouteKeys.ROW.set(exchange, row);
        // in flight from here: on SIGTERM Camel finishes it, and the first line after the signal counts it
        row.job().progress().rowStarted();
        if (row.plan(lookups, results.stopped() ? results.stopReason() : null) == RowExecution.Step.SEND) {
            exchange.getIn().setBody(row.request().body());
        }
    }

    public void created(Exchange exchange) {
        RowExecution row = row(exchange);
        row.job().created(row);
        LOG.debug("{} row {}: created{} after {} attempt(s)", row.shownFile(), row.rowNumber(),
                row.outcomeRecorded() ? " (by an earlier attempt of this import)" : "", row.attempts());
    }

    /** A dry run reports a valid row in created.csv, with no validation id. */
    public void valid(Exchange exchange) {
        RowExecution row = row(exchange);
        row.checked();
        row.job().created(row);
    }

    public void failed(Exchange exchange) {
        RowExecution row = row(exchange);
        row.job().failed(row);
        LOG.debug("{} row {}: failed {}", row.shownFile(), row.rowNumber(), row.failure().code());
    }

    private static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }
}

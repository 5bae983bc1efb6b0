package org.verifikimporter.camel;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.RunResults;

/**
 * The row route's steps: map a record to a request (or a failure), and record how it ended. Per-row
 * detail is logged at DEBUG only, by file name and row number.
 */
public final class RowSteps {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.row");
    static final String ROW = "row";
    static final String REQUEST = "request";
    static final String FAILURE = "rowFailure";
    static final String SESSION = "session";
    static final String ATTEMPTS = "attempts";
    static final String ACTION = "rowAction";
    /** Set once the ledger holds this row's SENDING record. */
    static final String SENDING_RECORDED = "sendingRecorded";

    private final RunResults results;

    public RowSteps(RunResults results) {
        this.results = results;
    }

    /**
     * Leaves the row's next step in {@code rowAction}: {@code fail} (a failure to report), {@code done}
     * (created by an earlier attempt of this import: report it, send nothing), {@code check} (a valid
     * row in a dry run) or {@code send} (the request body, a map for the JSON marshaller).
     */
    public void prepare(Exchange exchange) {
        MappedRow mapped = exchange.getIn().getBody(MappedRow.class);
        exchange.setProperty(ROW, mapped.row());
        exchange.setProperty(ATTEMPTS, mapped.attempts());
        ImportJob job = job(exchange);
        if (!mapped.isValid()) {
            exchange.setProperty(FAILURE, mapped.failure());
            exchange.setProperty(ACTION, "fail");
            return;
        }
        exchange.setProperty(REQUEST, mapped.request());
        if (mapped.alreadyCreated() != null) {
            exchange.setProperty(SESSION, mapped.alreadyCreated());
            exchange.setProperty(ACTION, "done");
        } else if (job.dryRun()) {
            exchange.setProperty(ACTION, "check");
        } else if (results.stopped()) {
            exchange.setProperty(FAILURE, notAttempted(results.stopReason()));
            exchange.setProperty(ACTION, "fail");
        } else {
            exchange.getIn().setBody(mapped.request().body());
            exchange.setProperty(ACTION, "send");
        }
    }

    public void created(Exchange exchange) {
        CsvRow row = exchange.getProperty(ROW, CsvRow.class);
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        boolean earlier = "done".equals(exchange.getProperty(ACTION));
        job(exchange).created(row, exchange.getProperty(REQUEST, CreateRequest.class),
                exchange.getProperty(SESSION, CreatedSession.class), attempts, earlier);
        LOG.debug("{} row {}: created{} after {} attempt(s)", job(exchange).fileName(), row.rowNumber(),
                earlier ? " (by an earlier attempt of this import)" : "", attempts);
    }

    /** A dry run reports a valid row in created.csv, with no validation id. */
    public void valid(Exchange exchange) {
        CsvRow row = exchange.getProperty(ROW, CsvRow.class);
        job(exchange).created(row, exchange.getProperty(REQUEST, CreateRequest.class),
                new CreatedSession("", "valid (dry run)", ""), 0, true);
    }

    public void failed(Exchange exchange) {
        CsvRow row = exchange.getProperty(ROW, CsvRow.class);
        RowFailure failure = exchange.getProperty(FAILURE, RowFailure.class);
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        boolean sent = exchange.getProperty(SENDING_RECORDED, false, Boolean.class);
        job(exchange).failed(row, failure, attempts, sent);
        LOG.debug("{} row {}: failed {}", job(exchange).fileName(), row.rowNumber(), failure.code());
    }

    static RowFailure notAttempted(String why) {
        return RowFailure.of(ErrorCode.NOT_ATTEMPTED, "the run was stopped before this row was sent: " + why);
    }

    private static ImportJob job(Exchange exchange) {
        return exchange.getProperty(FileSteps.JOB, ImportJob.class);
    }
}

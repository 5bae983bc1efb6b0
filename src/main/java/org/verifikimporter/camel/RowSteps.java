package org.verifikimporter.camel;

import java.time.Clock;
import java.time.Duration;
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
import org.verifikimporter.reconcile.Reconciler;

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

    static final String SENT_AT = "sentAt";
    /** Set when a row's outcome is unknown and Verifik may be asked whether it was created. */
    static final String RECONCILE = "reconcile";
    static final String ADOPTED = "adopted";

    private final RunResults results;
    private final Reconciler reconciler;
    private final Duration grace;
    private final Clock clock;

    /**
     * @param reconciler null when unknown outcomes are not looked up (turned off, or a dry run)
     */
    public RowSteps(RunResults results, Reconciler reconciler, Duration grace, Clock clock) {
        this.results = results;
        this.reconciler = reconciler;
        this.grace = grace;
        this.clock = clock;
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
        if (mapped.unknownSince() != null && reconciler != null) {
            exchange.setProperty(REQUEST, mapped.request());
            exchange.setProperty(FAILURE, mapped.failure());
            exchange.setProperty(SENT_AT, mapped.unknownSince());
            exchange.setProperty(ACTION, "reconcile");
            return;
        }
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
        boolean earlier = "done".equals(exchange.getProperty(ACTION)) || exchange.getProperty(ADOPTED, false, Boolean.class);
        job(exchange).created(row, exchange.getProperty(REQUEST, CreateRequest.class),
                exchange.getProperty(SESSION, CreatedSession.class), attempts, earlier);
        LOG.debug("{} row {}: created{} after {} attempt(s)", job(exchange).shownName(), row.rowNumber(),
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
        LOG.debug("{} row {}: failed {}", job(exchange).shownName(), row.rowNumber(), failure.code());
    }

    /** How long until Verifik has had the grace period to show a validation sent at {@code sentAt}. */
    public long reconcileDelay(Exchange exchange) {
        java.time.Instant sentAt = exchange.getProperty(SENT_AT, java.time.Instant.class);
        long left = Duration.between(clock.instant(), sentAt.plus(grace)).toMillis();
        return Math.max(0, left);
    }

    /** Asks Verifik; on exactly one match the row is created after all, otherwise it stays unknown. */
    public void reconcile(Exchange exchange) {
        CsvRow row = exchange.getProperty(ROW, CsvRow.class);
        ImportJob job = job(exchange);
        Reconciler.Result result = reconciler.lookup(exchange.getProperty(REQUEST, CreateRequest.class),
                exchange.getProperty(SENT_AT, java.time.Instant.class));
        if (result.adopted()) {
            job.adopt(row, result.found());
            exchange.setProperty(SESSION, result.found());
            exchange.setProperty(ADOPTED, true);
            LOG.debug("{} row {}: outcome was unknown; found in Verifik", job.shownName(), row.rowNumber());
        } else {
            RowFailure f = exchange.getProperty(FAILURE, RowFailure.class);
            exchange.setProperty(FAILURE, new RowFailure(f.code(), f.message() + "; " + result.why(), f.httpStatus(),
                    f.retryable()));
        }
    }

    static RowFailure notAttempted(String why) {
        return RowFailure.of(ErrorCode.NOT_ATTEMPTED, "the run was stopped before this row was sent: " + why);
    }

    private static ImportJob job(Exchange exchange) {
        return exchange.getProperty(FileSteps.JOB, ImportJob.class);
    }
}

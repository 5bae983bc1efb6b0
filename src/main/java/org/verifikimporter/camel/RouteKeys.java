package org.verifikimporter.camel;

import java.util.List;
import java.util.concurrent.ExecutorService;
import org.verifikimporter.camel.call.ApiCall;
import org.verifikimporter.camel.call.CallFailures;
import org.verifikimporter.camel.call.CallSlots;
import org.verifikimporter.camel.call.RateLimit;
import org.verifikimporter.camel.file.CsvRowConverter;
import org.verifikimporter.camel.file.FileSteps;
import org.verifikimporter.camel.inbox.InboxFilter;
import org.verifikimporter.camel.inbox.InboxPollStrategy;
import org.verifikimporter.camel.inbox.InboxScheduler;
import org.verifikimporter.camel.reconcile.ReconcileSteps;
import org.verifikimporter.camel.reconcile.VerifikLists;
import org.verifikimporter.camel.row.NextStep;
import org.verifikimporter.camel.row.RowSteps;
import org.apache.camel.spi.IdempotentRepository;
import org.verifikimporter.job.FileExecution;
import org.verifikimporter.job.RowExecution;

/**
 * Every name the YAML routes share with Java: the two exchange properties (one typed object per file, one
 * per row) and the beans the routes call. RouteKeysTest fails on any name in a route file that is not
 * declared here, and on any bean method or property accessor a route names that the type lacks.
 */
public final class RouteKeys {

    /** Set by the file route's preflight, for the whole file. */
    public static final RouteKey<FileExecution> FILE = new RouteKey<>("file", FileExecution.class);
    /** Set by the row route's first step, for one row (a split exchange). */
    public static final RouteKey<RowExecution> ROW = new RouteKey<>("row", RowExecution.class);

    public static final RouteKey<InboxFilter> INBOX_FILTER = new RouteKey<>("inboxFilter", InboxFilter.class);
    public static final RouteKey<InboxPollStrategy> INBOX_POLL_STRATEGY =
            new RouteKey<>("inboxPollStrategy", InboxPollStrategy.class);
    /** The inbox's read lock: the ledger's claims, one instance per file (an in-memory one for validate). */
    public static final RouteKey<IdempotentRepository> INBOX_CLAIMS =
            new RouteKey<>("inboxClaims", IdempotentRepository.class);
    public static final RouteKey<InboxScheduler> INBOX_SCHEDULER = new RouteKey<>("inboxScheduler", InboxScheduler.class);
    public static final RouteKey<FileSteps> FILES = new RouteKey<>("files", FileSteps.class);
    public static final RouteKey<CsvRowConverter> CSV_ROW_CONVERTER =
            new RouteKey<>("csvRowConverter", CsvRowConverter.class);
    public static final RouteKey<ExecutorService> ROW_POOL = new RouteKey<>("rowPool", ExecutorService.class);
    public static final RouteKey<RowSteps> ROWS = new RouteKey<>("rows", RowSteps.class);
    public static final RouteKey<ReconcileSteps> RECONCILE = new RouteKey<>("reconcile", ReconcileSteps.class);
    public static final RouteKey<VerifikLists> VERIFIK_LISTS = new RouteKey<>("verifikLists", VerifikLists.class);
    public static final RouteKey<CallSlots> CALL_SLOTS = new RouteKey<>("callSlots", CallSlots.class);
    public static final RouteKey<ApiCall> API_CALL = new RouteKey<>("apiCall", ApiCall.class);
    public static final RouteKey<RateLimit> RATE_LIMIT = new RouteKey<>("rateLimit", RateLimit.class);
    public static final RouteKey<CallFailures> CALL_FAILURES = new RouteKey<>("callFailures", CallFailures.class);
    /** The row routes' choices: one test per step other than SEND (which is each choice's otherwise). */
    public static final RouteKey<NextStep> NEXT_IS_FAIL = new RouteKey<>("nextIsFail", NextStep.class);
    public static final RouteKey<NextStep> NEXT_IS_DONE = new RouteKey<>("nextIsDone", NextStep.class);
    public static final RouteKey<NextStep> NEXT_IS_RECONCILE = new RouteKey<>("nextIsReconcile", NextStep.class);
    public static final RouteKey<NextStep> NEXT_IS_CHECK = new RouteKey<>("nextIsCheck", NextStep.class);

    /** The exchange properties the routes read. */
    public static final List<RouteKey<?>> PROPERTIES = List.of(FILE, ROW);
    /** The beans the routes call or name, each bound under its name by {@link RouteBeans}. */
    public static final List<RouteKey<?>> BEANS = List.of(INBOX_FILTER, INBOX_POLL_STRATEGY, INBOX_CLAIMS, INBOX_SCHEDULER,
            FILES,
            CSV_ROW_CONVERTER, ROW_POOL, ROWS, RECONCILE, VERIFIK_LISTS, CALL_SLOTS, API_CALL, RATE_LIMIT, CALL_FAILURES,
            NEXT_IS_FAIL, NEXT_IS_DONE, NEXT_IS_RECONCILE, NEXT_IS_CHECK);

    private RouteKeys() {
    }
}

package org.verifikimporter.camel;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.verifikimporter.camel.call.ApiCall;
import org.verifikimporter.camel.call.CallFailures;
import org.verifikimporter.camel.call.CallSlots;
import org.verifikimporter.camel.call.CallsByStatus;
import org.verifikimporter.camel.call.RateLimit;
import org.verifikimporter.camel.file.CsvRowConverter;
import org.verifikimporter.camel.file.FileSteps;
import org.verifikimporter.camel.file.RowPool;
import org.verifikimporter.camel.inbox.InboxClaims;
import org.verifikimporter.camel.inbox.InboxFilter;
import org.verifikimporter.camel.inbox.InboxPollStrategy;
import org.verifikimporter.camel.inbox.InboxScheduler;
import org.verifikimporter.camel.reconcile.ReconcileSteps;
import org.verifikimporter.camel.reconcile.VerifikLists;
import org.verifikimporter.camel.row.NextStep;
import org.verifikimporter.camel.row.RowSteps;
import org.verifikimporter.camel.track.Tracking;
import org.verifikimporter.cluster.ClaimKeeper;
import org.verifikimporter.cluster.Instance;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.CallPolicy;
import org.verifikimporter.job.FilePlacement;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.metrics.ImporterMetrics;
import org.verifikimporter.reconcile.Reconciler;

/**
 * The beans the routes call, made once from the settings for one run, under the names {@link RouteKeys}
 * declares. The application and the route tests bind this same set.
 */
public final class RouteBeans {

    private final Map<RouteKey<?>, Object> beans = new LinkedHashMap<>();
    private final ExecutorService rowPool;
    private final InboxScheduler inboxScheduler;
    private final VerifikLists lists;
    private final ClaimKeeper claims;
    private final ImporterMetrics metrics;
    /** Null when nothing tracks (validate, the lookups of retry --unknown). */
    private final Tracking tracking;

    /**
     * @param ledger  null when nothing will be sent (validate)
     * @param endRun  ends the process's Camel: the end of the one poll of {@code run}, or a poll that died;
     *                it must not block
     */
    public RouteBeans(ImporterEngine.Mode mode, ImporterSettings settings, RunResults results, Clock clock,
                      Ledger ledger, Progress.Factory progress, Runnable endRun) {
        boolean dryRun = mode == ImporterEngine.Mode.VALIDATE;
        // counted only when the management server will serve them (watch, when the operator turns it on)
        metrics = ManagementServer.servesMetrics(settings) ? ImporterMetrics.prometheus() : ImporterMetrics.off();
        rowPool = RowPool.create(RowPool.threadsFor(settings.concurrency()));
        inboxScheduler = new InboxScheduler(results, endRun);
        FilePlacement placement = new FilePlacement(settings.archive(), settings.rejected(), clock);
        // watch polls on and on; run ends after its one poll
        Runnable pollEnd = mode == ImporterEngine.Mode.RUN ? endRun : () -> { };
        put(RouteKeys.INBOX_FILTER, new InboxFilter());
        put(RouteKeys.INBOX_POLL_STRATEGY, new InboxPollStrategy(settings.inbox(), placement, results, pollEnd));
        // validate reads no inbox and sends nothing, track and the lookups read no inbox: they claim nothing
        boolean inbox = mode == ImporterEngine.Mode.RUN || mode == ImporterEngine.Mode.WATCH;
        claims = ledger != null && inbox
                ? new ClaimKeeper(ledger, Instance.of(settings.clusterInstance()), settings.clusterLease())
                : null;
        InboxClaims inboxClaims = claims != null ? new InboxClaims(claims, results) : null;
        put(RouteKeys.INBOX_CLAIMS, inboxClaims != null ? inboxClaims : MemoryIdempotentRepository.memoryIdempotentRepository());
        put(RouteKeys.INBOX_SCHEDULER, inboxScheduler);
        put(RouteKeys.FILES, new FileSteps(settings, results, clock, ledger, progress, dryRun, inboxClaims)
                .measuredBy(metrics));
        put(RouteKeys.CSV_ROW_CONVERTER, new CsvRowConverter());
        put(RouteKeys.ROW_POOL, rowPool);

        // validate never calls; a placeholder keeps the wiring identical without a real token
        String token = settings.token() != null ? settings.token() : "no-token-validate-makes-no-calls";
        lists = new VerifikLists(token);
        Reconciler reconciler = settings.reconcileUnknown() && settings.token() != null && !dryRun
                ? new Reconciler(lists)
                : null;
        put(RouteKeys.ROWS, new RowSteps(results, reconciler != null));
        put(RouteKeys.NEXT_IS_FAIL, new NextStep(RowExecution.Step.FAIL));
        put(RouteKeys.NEXT_IS_DONE, new NextStep(RowExecution.Step.DONE));
        put(RouteKeys.NEXT_IS_RECONCILE, new NextStep(RowExecution.Step.RECONCILE));
        put(RouteKeys.NEXT_IS_CHECK, new NextStep(RowExecution.Step.CHECK));
        put(RouteKeys.RECONCILE, new ReconcileSteps(reconciler, settings.reconcileGrace(), clock, results));
        put(RouteKeys.VERIFIK_LISTS, lists);
        boolean tracks = ledger != null && settings.token() != null
                && (mode == ImporterEngine.Mode.TRACK || mode == ImporterEngine.Mode.WATCH);
        tracking = tracks ? new Tracking(ledger, lists, results, clock, settings.trackWindow(),
                mode == ImporterEngine.Mode.WATCH ? settings.trackInterval() : java.time.Duration.ZERO)
                .pagesIn(settings.outbox(), settings.rejected()) : null;

        CallPolicy policy = new CallPolicy(settings.maxAttempts(), settings.maxRateLimitedAttempts(),
                settings.retryInitialDelay(), settings.retryMaxDelay(), settings.maxRetryAfter(), clock,
                new SecureRandom()::nextDouble);
        if (settings.rate() > 0) {
            policy = policy.paced();
        }
        // several instances on one PostgreSQL ledger: importer.rate is one budget for the token among them all
        RateLimit pace = new RateLimit(settings.rate(), settings.rateBurst(), ledger == null || dryRun ? null
                : ledger.sharedRateBudget(settings.token(), settings.rate()).orElse(null)).timedBy(metrics::rateWaited);
        CallFailures callFailures = new CallFailures(policy, results, pace, reconciler != null);
        CallsByStatus calls = new CallsByStatus(metrics);
        CallSlots slots = new CallSlots(settings.concurrency(), calls.andThen(callFailures::seeAnswer));
        metrics.callsInFlight(slots::inUse);
        put(RouteKeys.CALL_SLOTS, slots);
        put(RouteKeys.API_CALL, new ApiCall(token, results));
        put(RouteKeys.RATE_LIMIT, pace);
        put(RouteKeys.CALL_FAILURES, callFailures);
    }

    private <T> void put(RouteKey<T> name, T bean) {
        beans.put(name, bean);
    }

    /** Verifik's list, a page at a time through direct:verifik-get: the call slots and pace of every call. */
    public VerifikLists lists() {
        return lists;
    }

    /** The tracking passes (track, and watch when importer.track-interval is set); null otherwise. */
    public Tracking tracking() {
        return tracking;
    }

    /** The meters the beans record into; off unless the management server serves metrics. */
    public ImporterMetrics metrics() {
        return metrics;
    }

    /** Registers every bean under its route name. */
    public void bindTo(BiConsumer<String, Object> registry) {
        beans.forEach((name, bean) -> registry.accept(name.name(), bean));
    }

    /**
     * Once the CamelContext exists, before it starts: the beans that send through it get it (Camel Main's
     * registry does not hand it to beans bound before the context was made).
     */
    public void attach(CamelContext camel) {
        beans.values().forEach(bean -> CamelContextAware.trySetCamelContext(bean, camel));
    }

    /**
     * After Camel has stopped, before the ledger closes: the claims still held are handed back at once, and the
     * threads that are the importer's own, not Camel's (so Camel does not stop them), end.
     */
    public void shutdown() {
        if (tracking != null) {
            tracking.stop();
        }
        if (claims != null) {
            claims.close();
        }
        lists.close();
        rowPool.shutdownNow();
        inboxScheduler.shutdownNow();
    }
}

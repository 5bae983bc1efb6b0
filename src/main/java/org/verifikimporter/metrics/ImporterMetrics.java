package org.verifikimporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The importer's own meters, scraped from Camel's management server ({@code /observe/metrics}) when it serves
 * metrics: rows by outcome and error code, calls to Verifik by HTTP status, calls in flight, the time calls
 * wait for the rate limit, and the files this instance is importing.
 *
 * <p>Off ({@link #off()}), every method returns at once: the routes run as they did before metrics existed.
 * On, a row or a call looks its counter up in a cache and increments it; nothing is built per row. Labels
 * hold codes and statuses only, never a person, a file name or a cell.
 */
public final class ImporterMetrics {

    static final String ROWS = "verifik.importer.rows";
    static final String CALLS = "verifik.importer.calls";
    static final String IN_FLIGHT = "verifik.importer.calls.in.flight";
    static final String RATE_WAIT = "verifik.importer.rate.wait";
    static final String FILES_HELD = "verifik.importer.files.held";
    /** A code the API made up is a label too: only short code-like ones, and not without end. */
    static final int MAX_CODES = 100;
    static final String OTHER_CODE = "OTHER";
    private static final Pattern CODE_LIKE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** The label of a call that got no HTTP answer (connection refused or reset, timeout). */
    static final String NO_STATUS = "none";

    private static final ImporterMetrics OFF = new ImporterMetrics(null);

    private final MeterRegistry registry;
    private final Counter created;
    private final Map<String, Counter> failedByCode = new ConcurrentHashMap<>();
    /** Per kind of call, by status; index 0 is "none". Filled as statuses are first seen. */
    private final AtomicReferenceArray<Counter> creates = new AtomicReferenceArray<>(600);
    private final AtomicReferenceArray<Counter> lookups = new AtomicReferenceArray<>(600);
    private final Timer rateWait;
    private final AtomicInteger filesTaken = new AtomicInteger();
    private volatile IntSupplier filesHeld = filesTaken::get;

    private ImporterMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            created = null;
            rateWait = null;
            return;
        }
        created = Counter.builder(ROWS).description("Rows written to a report, by outcome and error code")
                .tags("outcome", "created", "code", "").register(registry);
        rateWait = Timer.builder(RATE_WAIT).description("Time each call waited for importer.rate (the pace)")
                .register(registry);
        Gauge.builder(FILES_HELD, () -> filesHeld.getAsInt())
                .description("Files this instance is importing now").strongReference(true).register(registry);
    }

    /** Counts nothing; what every run has unless the management server serves metrics. */
    public static ImporterMetrics off() {
        return OFF;
    }

    /** Meters in a registry of their own that Prometheus can scrape (Camel's scraper serves it). */
    public static ImporterMetrics prometheus() {
        return new ImporterMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Meters in the given registry (tests read it directly). */
    public static ImporterMetrics in(MeterRegistry registry) {
        return new ImporterMetrics(registry);
    }

    public boolean on() {
        return registry != null;
    }

    /** Null when off. */
    public MeterRegistry registry() {
        return registry;
    }

    // ---- rows

    public void rowCreated() {
        if (registry != null) {
            created.increment();
        }
    }

    /** @param code the row's error code as failed.csv has it: one of ours, the API's own, or HTTP_status */
    public void rowFailed(String code) {
        if (registry == null) {
            return;
        }
        String key = code == null ? OTHER_CODE : code;
        Counter c = failedByCode.get(key);
        if (c == null) {
            c = failedCounter(key);
        }
        c.increment();
    }

    private Counter failedCounter(String code) {
        boolean room = failedByCode.size() < MAX_CODES && CODE_LIKE.matcher(code).matches();
        String label = room ? code : OTHER_CODE;
        Counter c = Counter.builder(ROWS).description("Rows written to a report, by outcome and error code")
                .tags("outcome", "failed", "code", label).register(registry);
        if (room) {
            failedByCode.putIfAbsent(code, c);
        }
        return c;
    }

    // ---- calls

    /**
     * One call to Verifik answered (or not: {@code status} 0 for no HTTP answer).
     *
     * @param lookup a GET of the lookup of a row whose outcome is unknown, rather than a create
     */
    public void callAnswered(boolean lookup, int status) {
        if (registry == null) {
            return;
        }
        int i = status >= 100 && status < 600 ? status : 0;
        AtomicReferenceArray<Counter> byStatus = lookup ? lookups : creates;
        Counter c = byStatus.get(i);
        if (c == null) {
            c = Counter.builder(CALLS).description("Calls to Verifik by HTTP status ('none': no answer came)")
                    .tags("call", lookup ? "lookup" : "create", "status", i == 0 ? NO_STATUS : Integer.toString(i))
                    .register(registry);
            byStatus.compareAndSet(i, null, c);
        }
        c.increment();
    }

    /** @param slotsInUse calls holding one of importer.concurrency call slots now */
    public void callsInFlight(IntSupplier slotsInUse) {
        if (registry != null) {
            Gauge.builder(IN_FLIGHT, () -> slotsInUse.getAsInt())
                    .description("Calls holding a call slot (importer.concurrency): waiting for the pace or on the wire")
                    .strongReference(true).register(registry);
        }
    }

    public void rateWaited(long nanos) {
        if (registry != null) {
            rateWait.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    // ---- files

    /** A file's import began here; {@link #fileReleased} when it is done with, whichever way. */
    public void fileTaken() {
        if (registry != null) {
            filesTaken.incrementAndGet();
        }
    }

    public void fileReleased() {
        if (registry != null) {
            filesTaken.decrementAndGet();
        }
    }

    /**
     * Where the files-held gauge reads from; by default the files taken and not yet released here. A
     * cluster-wide claim of files can hand its own count of this instance's claims instead.
     */
    public void filesHeldFrom(IntSupplier source) {
        if (registry != null) {
            filesHeld = source;
        }
    }
}

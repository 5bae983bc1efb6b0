package org.verifikimporter.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.CallPolicy;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.reconcile.Reconciler;

/**
 * Starts Camel Main with the YAML routes and the beans they call, for one of the three ways the
 * importer runs: once over the inbox ({@code run}), polling until stopped ({@code watch}), or a dry run
 * over given files ({@code validate}).
 */
public final class ImporterEngine {

    public enum Mode { RUN, WATCH, VALIDATE }

    private final ImporterSettings settings;
    private final Clock clock;
    private Progress.Factory progress;

    public ImporterEngine(ImporterSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.progress = Progress.logLines(clock, settings.progressInterval());
    }

    /** How each file's progress is shown; log lines every importer.progress-interval by default. */
    public ImporterEngine progress(Progress.Factory progress) {
        this.progress = progress;
        return this;
    }

    public ImporterSettings settings() {
        return settings;
    }

    /** {@code run} or {@code watch}: imports what is in the inbox; returns when done (run) or stopped (watch). */
    public RunResults run(Mode mode) throws Exception {
        if (mode == Mode.VALIDATE) {
            throw new IllegalArgumentException("use validate(files)");
        }
        createFolders();
        RunResults results = new RunResults();
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), clock)) {
            return run(mode, results, ledger);
        }
    }

    private RunResults run(Mode mode, RunResults results, Ledger ledger) throws Exception {
        Main main = newMain(mode, results, ledger);
        if (mode == Mode.RUN) {
            // run polls once: the end of that poll ends the run
            main.bind("inboxPollStrategy", new PollEnd(main::completed));
        }
        main.run();
        return results;
    }

    /** {@code validate}: the same rules and reports, no call, nothing moved. */
    public RunResults validate(List<Path> files) throws Exception {
        Files.createDirectories(settings.outbox());
        RunResults results = new RunResults();
        Main main = newMain(Mode.VALIDATE, results, null);
        Exception[] failure = new Exception[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                try (ProducerTemplate template = m.getCamelContext().createProducerTemplate()) {
                    for (Path file : files) {
                        template.send("direct:import-file", exchange -> {
                            exchange.setProperty(FileSteps.DRY_RUN, true);
                            exchange.getIn().setHeader(Exchange.FILE_PATH, file.toAbsolutePath().toString());
                        });
                    }
                } catch (Exception e) {
                    failure[0] = e;
                } finally {
                    main.completed();
                }
            }
        });
        main.run();
        if (failure[0] != null) {
            throw failure[0];
        }
        return results;
    }

    private Main newMain(Mode mode, RunResults results, Ledger ledger) {
        Main main = new Main();
        Properties props = new Properties();
        props.putAll(settings.asMap());
        props.putAll(internalProperties(mode));
        main.setOverrideProperties(props);

        ExecutorService rowPool = bindBeans(settings, results, clock, ledger, progress, main::bind);
        InboxScheduler inboxScheduler = new InboxScheduler(results, main::completed);
        main.bind("inboxScheduler", inboxScheduler);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport m) {
                rowPool.shutdownNow();
                inboxScheduler.shutdownNow();
            }
        });
        return main;
    }

    /**
     * Registers the beans the YAML routes call, under the names the routes use.
     *
     * @return the row thread pool, which the caller shuts down after Camel stops
     */
    public static ExecutorService bindBeans(ImporterSettings settings, RunResults results, Clock clock, Ledger ledger,
                                            java.util.function.BiConsumer<String, Object> registry) {
        return bindBeans(settings, results, clock, ledger, Progress.logLines(clock, settings.progressInterval()),
                registry);
    }

    public static ExecutorService bindBeans(ImporterSettings settings, RunResults results, Clock clock, Ledger ledger,
                                            Progress.Factory progress,
                                            java.util.function.BiConsumer<String, Object> registry) {
        ExecutorService rowPool = RowPool.create(RowPool.threadsFor(settings.concurrency()));
        String token = settings.token() != null ? settings.token() : unusableToken();
        CallPolicy policy = new CallPolicy(settings.maxAttempts(), settings.retryInitialDelay(),
                settings.retryMaxDelay(), settings.maxRetryAfter(), clock, new SecureRandom()::nextDouble);
        FileSteps files = new FileSteps(settings, results, clock, ledger, progress);
        registry.accept("files", files);
        registry.accept("inboxFilter", new InboxFilter(files));
        // watch polls on and on; run replaces this with one that ends the run after its poll
        registry.accept("inboxPollStrategy", new PollEnd(() -> { }));
        Reconciler reconciler = settings.reconcileUnknown() && settings.token() != null
                ? new Reconciler(settings.baseUrl(), settings.token(), settings.requestTimeout())
                : null;
        registry.accept("rows", new RowSteps(results, reconciler, settings.reconcileGrace(), clock));
        registry.accept("apiCall", new ApiCall(token, results));
        CallFailures callFailures = new CallFailures(policy, results, reconciler != null);
        registry.accept("callFailures", callFailures);
        registry.accept("csvRowConverter", new CsvRowConverter());
        registry.accept("rowPool", rowPool);
        registry.accept("callSlots", new CallSlots(settings.concurrency(), callFailures::stopIfRunEnds));
        registry.accept("rateLimit", new RateLimit(settings.rate()));
        return rowPool;
    }

    /** Derived settings the routes read; not meant to be set by operators. */
    public Map<String, String> internalProperties(Mode mode) {
        Map<String, String> p = new LinkedHashMap<>();
        long minAgeMs = settings.fileMinAge().toMillis();
        p.put("importer.internal.file-min-age-ms", Long.toString(minAgeMs));
        // long enough for a just-dropped file to come of age within the same poll
        p.put("importer.internal.read-lock-timeout-ms", Long.toString(minAgeMs + 10_000));
        p.put("importer.internal.poll-delay-ms", Long.toString(settings.pollInterval().toMillis()));
        p.put("importer.internal.repeat-count", mode == Mode.RUN ? "1" : "0");
        p.put("importer.internal.inbox-auto-startup", Boolean.toString(mode != Mode.VALIDATE));
        // the rate limit learns from the HTTP client when each request goes on the wire
        p.put("camel.component.http.http-client-configurer", "#rateLimit");
        p.put("camel.component.http.connect-timeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("camel.component.http.so-timeout", Long.toString(settings.requestTimeout().toMillis()));
        p.put("camel.component.http.response-timeout", Long.toString(settings.requestTimeout().toMillis()));
        // a free connection must always be there for each row thread: waiting for one is not a network error
        p.put("camel.component.http.connections-per-route", Integer.toString(Math.max(20, settings.concurrency() * 2)));
        p.put("camel.component.http.max-total-connections", Integer.toString(Math.max(200, settings.concurrency() * 2)));
        p.put("camel.component.http.connection-request-timeout", Long.toString(settings.connectTimeout().toMillis()));
        return p;
    }

    /** validate never calls; a placeholder keeps the wiring identical without a real token. */
    private static String unusableToken() {
        return "no-token-validate-makes-no-calls";
    }

    private void createFolders() throws java.io.IOException {
        for (Path dir : List.of(settings.inbox(), settings.outbox(), settings.archive(), settings.rejected(),
                settings.state())) {
            Files.createDirectories(dir);
        }
    }

}

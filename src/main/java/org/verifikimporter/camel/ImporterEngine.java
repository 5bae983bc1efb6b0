package org.verifikimporter.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.webhook.WebhookReceiver;
import org.verifikimporter.report.OutboxIndex;
import org.verifikimporter.reconcile.Reconciler;
import org.verifikimporter.track.TrackPass;

/**
 * Starts Camel Main with the YAML routes and the beans they call, for one of the three ways the
 * importer runs: once over the inbox ({@code run}), polling until stopped ({@code watch}), or a dry run
 * over given files ({@code validate}).
 */
public final class ImporterEngine {

    /**
     * LOOKUP: no inbox, no file; a one-off command's calls to Verifik ({@link #lookUps}). TRACK: the same, for one
     * tracking pass ({@link #track}).
     */
    public enum Mode { RUN, WATCH, VALIDATE, LOOKUP, TRACK }

    /** What {@link #track} did: the pass, and whether Verifik stopped its reads (401/402/403). */
    public record Tracked(TrackPass.Result pass, RunResults calls) {
    }

    /** A one-off command's work with Verifik's list, through the import's own call slots and pace. */
    @FunctionalInterface
    public interface LookUps<T> {
        /** @param results tells whether Verifik stopped the calls (401/402/403): then no call is made any more */
        T run(Reconciler lookups, RunResults results) throws Exception;
    }

    private final ImporterSettings settings;
    private final Clock clock;
    private Progress.Factory progress;
    /** The Camel Main of the run in progress, for {@link #stop}. */
    private volatile Main running;

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
        for (Path dir : List.of(settings.inbox(), settings.outbox(), settings.archive(), settings.rejected(),
                settings.state())) {
            Files.createDirectories(dir);
        }
        RunResults results = new RunResults();
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), clock)) {
            Main main = newMain(mode, results, ledger);
            running = main;
            main.run();
            if (results.outcomes().stream().anyMatch(FileOutcome::rejected)) {
                // a name the file consumer cannot open is rejected before any route sees it, so no route wrote the
                // index for it
                OutboxIndex.refresh(settings.outbox(), settings.rejected());
            }
            return results;
        }
    }

    /**
     * Ends a {@code watch} (or {@code run}) as SIGTERM does: no new row is taken, rows in flight finish, then
     * {@link #run} returns. For a caller that runs the importer in its own process, such as a test.
     */
    public void stop() {
        Main main = running;
        if (main != null) {
            main.completed();
        }
    }

    /** {@code validate}: the same rules and reports, no call, nothing moved. */
    public RunResults validate(List<Path> files) throws Exception {
        Files.createDirectories(settings.outbox());
        RunResults results = new RunResults();
        Main main = newMain(Mode.VALIDATE, results, null);
        onceStarted(main, camel -> {
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                for (Path file : files) {
                    template.send("direct:import-file", exchange ->
                            exchange.getIn().setHeader(Exchange.FILE_PATH, file.toAbsolutePath().toString()));
                }
            }
            return null;
        });
        return results;
    }

    /**
     * Runs {@code work} with lookups in Verifik ({@code retry --unknown}) while Camel runs the import's routes
     * without the inbox: each page goes through direct:verifik-get, the same call slots, pace and HTTP client as
     * an import's, so a 429 slows them and a 401/402/403 stops them.
     */
    public <T> T lookUps(LookUps<T> work) throws Exception {
        RunResults results = new RunResults();
        Main main = new Main();
        RouteBeans beans = newBeans(main, Mode.LOOKUP, results, null);
        return onceStarted(main, camel -> work.run(new Reconciler(beans.lists()), results));
    }

    /**
     * {@code track}: one tracking pass while Camel runs the import's routes without the inbox, so that each read
     * goes through direct:verifik-get, the same call slots, pace and HTTP client as an import's (and, on a shared
     * PostgreSQL ledger, the same rate budget as the other instances).
     */
    public Tracked track() throws Exception {
        RunResults results = new RunResults();
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), clock)) {
            Main main = new Main();
            RouteBeans beans = newBeans(main, Mode.TRACK, results, ledger);
            return new Tracked(onceStarted(main, camel -> beans.tracking().pass()), results);
        }
    }

    /** Work done once Camel has started, with its routes: Camel stops when it is done. */
    private interface StartedWork<T> {
        T run(CamelContext camel) throws Exception;
    }

    /** Runs Camel until {@code work} is done, and gives its result; what it threw is thrown here. */
    private static <T> T onceStarted(Main main, StartedWork<T> work) throws Exception {
        Object[] outcome = new Object[1];
        Exception[] failure = new Exception[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                try {
                    outcome[0] = work.run(m.getCamelContext());
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
        @SuppressWarnings("unchecked")
        T done = (T) outcome[0];
        return done;
    }

    private Main newMain(Mode mode, RunResults results, Ledger ledger) {
        ManagementServer.requireWebhookServer(settings, mode);
        ManagementServer.requirePortFree(settings);
        Main main = new Main();
        newBeans(main, mode, results, ledger);
        return main;
    }

    private RouteBeans newBeans(Main main, Mode mode, RunResults results, Ledger ledger) {
        main.setOverrideProperties(CamelProperties.of(settings, mode));
        RouteBeans beans = new RouteBeans(mode, settings, results, clock, ledger, progress, main::completed);
        beans.bindTo(main::bind);
        ManagementServer management = ManagementServer.bind(settings, mode, ledger, beans.metrics(), main::bind);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStart(BaseMainSupport m) {
                beans.attach(m.getCamelContext());
                management.attach(m.getCamelContext());
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                if (mode == Mode.WATCH && ledger != null && settings.webhookOn()) {
                    WebhookRoute.install(m.getCamelContext(), WebhookReceiver.ofLedger(settings.webhookSecret(),
                            ledger, clock));
                }
                if (mode == Mode.WATCH && beans.tracking() != null) {
                    beans.tracking().start();
                }
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                if (beans.tracking() != null) {
                    beans.tracking().stop();
                }
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                beans.shutdown();
            }
        });
        return beans;
    }
}

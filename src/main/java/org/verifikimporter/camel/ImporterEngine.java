package org.verifikimporter.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
import org.verifikimporter.report.OutboxIndex;

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
        for (Path dir : List.of(settings.inbox(), settings.outbox(), settings.archive(), settings.rejected(),
                settings.state())) {
            Files.createDirectories(dir);
        }
        RunResults results = new RunResults();
        try (Ledger ledger = LedgerFactory.open(settings.ledgerUrl(), settings.ledgerUser(), settings.ledgerPassword(),
                settings.state(), clock)) {
            newMain(mode, results, ledger).run();
            if (results.outcomes().stream().anyMatch(FileOutcome::rejected)) {
                // a name the file consumer cannot open is rejected before any route sees it, so no route wrote the
                // index for it
                OutboxIndex.refresh(settings.outbox(), settings.rejected());
            }
            return results;
        }
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
                        template.send("direct:import-file", exchange ->
                                exchange.getIn().setHeader(Exchange.FILE_PATH, file.toAbsolutePath().toString()));
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
        main.setOverrideProperties(CamelProperties.of(settings, mode));
        RouteBeans beans = new RouteBeans(mode, settings, results, clock, ledger, progress, main::completed);
        beans.bindTo(main::bind);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStart(BaseMainSupport m) {
                beans.attach(m.getCamelContext());
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                beans.shutdown();
            }
        });
        return main;
    }
}

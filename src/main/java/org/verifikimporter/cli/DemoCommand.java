package org.verifikimporter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Try the importer without a Verifik account: starts the built-in simulator on a free "
                + "loopback port, imports the sample files (data/samples/) through a separate demo folder "
                + "(data/demo/), prints the summary, tracks the statuses once (the simulator completes, fails and expires some at "
                + "once) and prints who completed, and where the reports are.",
                "Your own inbox and its files are never touched. The samples hold a few bad rows on purpose, "
                        + "so the demo ends with exit 2 (some rows failed)."})
public final class DemoCommand implements Callable<Integer> {

    /**
     * The shares of the simulator's validations that end completed, failed and expired on their first read: with the
     * sample file's identifiers, 7 completed, 4 failed, 2 expired and 3 still open of 16 created.
     */
    static final double COMPLETE_SHARE = 0.5;
    static final double FAIL_SHARE = 0.1;
    static final double EXPIRE_SHARE = 0.3;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/demo",
            description = "Where the demo keeps its inbox, outbox, archive, rejected and state folders (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--samples", paramLabel = "DIR", defaultValue = "data/samples",
            description = "Folder of sample CSV files (default: ${DEFAULT-VALUE}; the copies inside the jar are used when it does not exist).")
    Path samples;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (VerifikSimulator simulator = new VerifikSimulator(SimulatorOptions.builder().token(token).port(0)
                // what happens after the link, at once: the tracking pass below finds half completed
                .completeShare(COMPLETE_SHARE).failShare(FAIL_SHARE).expireShare(EXPIRE_SHARE)
                .settleAfter(java.time.Duration.ZERO).build())) {
            simulator.start();
            Path inbox = dir.resolve("inbox");
            resetInbox(inbox);
            // each demo talks to a new simulator, so an earlier demo's ledger would only reject the samples
            // as "already imported"
            deleteTree(dir.resolve("state"));
            int copied = copySamples(inbox);
            out.printf("Demo: simulator on %s; importing %d sample file(s) from %s%n", simulator.baseUrl(), copied,
                    Files.isDirectory(samples) ? samples : "the jar");
            Map<String, String> set = new LinkedHashMap<>();
            set.put("verifik.base-url", simulator.baseUrl());
            set.put("importer.inbox", inbox.toString());
            set.put("importer.outbox", dir.resolve("outbox").toString());
            set.put("importer.archive", dir.resolve("archive").toString());
            set.put("importer.rejected", dir.resolve("rejected").toString());
            set.put("importer.state", dir.resolve("state").toString());
            set.put("importer.file-min-age", "0");
            set.put("importer.rate", "20");
            ImporterSettings settings = ImporterSettings.builder()
                    .env(Map.of(ImporterSettings.TOKEN_ENV, token))
                    .override(set)
                    .build();
            org.verifikimporter.logging.LogMask.secret(token);
            int code;
            try {
                ImporterEngine engine = new ImporterEngine(settings, Clock.systemUTC());
                if (EngineCommand.interactive()) {
                    engine.progress(org.verifikimporter.job.Progress.terminalBar(System.console().writer(),
                            Clock.systemUTC()));
                }
                code = Outcomes.print(engine.run(ImporterEngine.Mode.RUN), out);
                out.println("Demo: tracking once (the simulator completes, fails and expires some validations at once):");
                TrackCommand.print(new ImporterEngine(settings, Clock.systemUTC()).track().pass(), out);
            } catch (Exception e) {
                spec.commandLine().getErr().println("startup failed: " + EngineCommand.oneLine(e));
                return 1;
            }
            out.printf("The simulator received %d call(s). Open %s in a browser: every run, its chart, its failures and who completed the validation.%n",
                    simulator.requests().size(), dir.resolve("outbox").resolve("index.html"));
            return code;
        }
    }

    /** The demo inbox is the demo's own: leftovers of an interrupted demo would mix into this one. */
    private static void resetInbox(Path inbox) throws IOException {
        Files.createDirectories(inbox);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private int copySamples(Path inbox) throws IOException {
        int n = 0;
        if (Files.isDirectory(samples)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(samples, "*.csv")) {
                for (Path f : files) {
                    Files.copy(f, inbox.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
            return n;
        }
        try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/users.csv")) {
            if (in == null) {
                throw new IOException("no sample files: neither " + samples + " nor the jar's copy exists");
            }
            Files.copy(in, inbox.resolve("users.csv"), StandardCopyOption.REPLACE_EXISTING);
            return 1;
        }
    }
}

package org.verifikimporter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.RunResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Import every CSV file now in the inbox, write the reports, archive the inputs, then exit.",
                "Needs VERIFIK_TOKEN (or VERIFIK_TOKEN_FILE). Exit: 0 all created, 2 some rows failed, "
                        + "3 a file rejected, 4 stopped by Verifik, 5 stopped before the end (SIGTERM: the next run "
                        + "resumes), 1 bad configuration."})
public final class RunCommand extends EngineCommand {

    @CommandLine.Option(names = "--force", description = "Import files even if the same content was imported "
            + "completely before (otherwise such a file is rejected). People created within importer.dedupe-window "
            + "are still skipped.")
    boolean force;

    @Override
    public Integer call() {
        return runEngine(b -> {
            if (force) {
                b.override("importer.force-reimport", "true");
            }
        }, engine -> {
            RunResults results = engine.run(ImporterEngine.Mode.RUN);
            leftInInbox(engine.settings().inbox(), results, spec.commandLine().getOut());
            return results;
        });
    }

    /**
     * Says which *.csv files the run left in the inbox without a word: a name starting with a dot (Camel's
     * file consumer never reads those: by convention an upload in progress), or a file the consumer
     * skipped (still being written when its read lock timed out, or removed meanwhile). Files a stopped
     * run left behind have their own line already.
     */
    static void leftInInbox(Path inbox, RunResults results, PrintWriter out) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return;
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        results.outcomes().forEach(o -> reported.add(o.fileName()));
        List<String> names;
        try (Stream<Path> files = Files.list(inbox)) {
            names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".csv") && !reported.contains(n))
                    .sorted().toList();
        }
        for (String n : names) {
            if (n.startsWith(".")) {
                out.printf("%s: not read: its name starts with a dot, which marks an upload in progress; rename it "
                        + "without the dot to import it%n", Printable.of(n));
            } else if (results.holderOf(n) != null) {
                out.printf("%s: left to %s, which is importing it (several importers share the ledger)%n",
                        Printable.of(n), Printable.of(results.holderOf(n)));
            } else if (!results.stopped()) {
                out.printf("%s: not read in this run (still being written, or it could not be locked: see the log); "
                        + "it stays in the inbox for the next run%n", Printable.of(n));
            }
        }
    }
}

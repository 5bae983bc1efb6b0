package org.verifikimporter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                        + "3 a file rejected, 4 stopped by Verifik, 1 bad configuration."})
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
            hiddenFiles(engine.settings().inbox(), spec.commandLine().getOut());
            return results;
        });
    }

    /**
     * Camel's file consumer never reads a name starting with a dot: by convention it is an upload still in
     * progress (rsync, many SFTP clients). Say so, so that such a file is not silently forgotten.
     */
    static void hiddenFiles(Path inbox, PrintWriter out) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".") && n.toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted()
                    .forEach(n -> out.printf("%s: not read: its name starts with a dot, which marks an upload in "
                            + "progress; rename it without the dot to import it%n", Printable.of(n)));
        }
    }
}

package org.verifikimporter.cli;

import org.verifikimporter.camel.ImporterEngine;
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
        }, engine -> engine.run(ImporterEngine.Mode.RUN));
    }
}

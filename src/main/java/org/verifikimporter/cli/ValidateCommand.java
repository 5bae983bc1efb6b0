package org.verifikimporter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Dry run: check the files with the same rules as run and write the same reports "
                + "(summary.json says dryRun: true). Calls nothing, moves nothing, needs no token."})
public final class ValidateCommand extends EngineCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                spec.commandLine().getErr().println("error: " + f + " is not a readable file");
                return 1;
            }
        }
        return runEngine(b -> b.tokenRequired(false), engine -> engine.validate(files));
    }

    @Override
    boolean dryRun() {
        return true;
    }
}

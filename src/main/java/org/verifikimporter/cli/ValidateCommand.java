package org.verifikimporter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ConfigException;
import org.verifikimporter.config.ImporterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Dry run: check the files with the same rules as run and write the same reports "
                + "(summary.json says dryRun: true). Calls nothing, moves nothing, needs no token."})
public final class ValidateCommand implements Callable<Integer>, ImporterCli.EnvAware {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files to check.")
    List<Path> files;

    @Mixin
    SettingsOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = Map.of();

    @Override
    public void env(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                spec.commandLine().getErr().println("error: " + f + " is not a readable file");
                return 1;
            }
        }
        ImporterSettings settings;
        try {
            settings = options.builder(env).tokenRequired(false).build();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("configuration error: " + e.getMessage());
            return 1;
        }
        try {
            return Outcomes.print(new ImporterEngine(settings, Clock.systemUTC()).validate(files),
                    spec.commandLine().getOut());
        } catch (Exception e) {
            spec.commandLine().getErr().println("startup failed: " + RunCommand.oneLine(e));
            return 1;
        }
    }
}

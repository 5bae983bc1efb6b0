package org.verifikimporter.cli;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ConfigException;
import org.verifikimporter.config.ImporterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Import every CSV file now in the inbox, write the reports, archive the inputs, then exit.",
                "Needs VERIFIK_TOKEN (or VERIFIK_TOKEN_FILE). Exit: 0 all created, 2 some rows failed, "
                        + "3 a file rejected, 4 stopped by Verifik, 1 bad configuration."})
public final class RunCommand implements Callable<Integer>, ImporterCli.EnvAware {

    @Mixin
    SettingsOptions options;

    @CommandLine.Option(names = "--force", description = "Import files even if the same content was imported "
            + "completely before (otherwise such a file is rejected). People created within importer.dedupe-window "
            + "are still skipped.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = Map.of();

    @Override
    public void env(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ImporterSettings.Builder builder = options.builder(env);
        if (force) {
            builder.override("importer.force-reimport", "true");
        }
        return runEngine(spec, builder, ImporterEngine.Mode.RUN);
    }

    static int runEngine(CommandLine.Model.CommandSpec spec, ImporterSettings.Builder builder, ImporterEngine.Mode mode) {
        ImporterSettings settings;
        try {
            settings = builder.build();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("configuration error: " + e.getMessage());
            return 1;
        }
        try {
            return Outcomes.print(new ImporterEngine(settings, Clock.systemUTC()).run(mode), spec.commandLine().getOut());
        } catch (Exception e) {
            spec.commandLine().getErr().println("startup failed: " + oneLine(e));
            return 1;
        }
    }

    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.verifikimporter.ledger.LedgerException) {
                return t.getMessage().replaceAll("[\\r\\n]+", " ");
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }
}

package org.verifikimporter.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.verifikimporter.config.ConfigException;
import org.verifikimporter.config.ImporterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A command that reads the importer's settings (--config, --set, the environment): run, watch, validate,
 * retry and status. A configuration problem is one line on stderr and exit 1.
 */
abstract class SettingsCommand implements Callable<Integer>, ImporterCli.EnvAware {

    @Mixin
    SettingsOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = Map.of();

    @Override
    public void env(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param adjust what the command changes on the builder before it checks the settings
     * @return the settings, or empty once the configuration error has been printed (the command exits 1)
     */
    Optional<ImporterSettings> settings(Consumer<ImporterSettings.Builder> adjust) {
        try {
            ImporterSettings.Builder builder = options.builder(env);
            adjust.accept(builder);
            return Optional.of(builder.build());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("configuration error: " + e.getMessage());
            return Optional.empty();
        }
    }
}

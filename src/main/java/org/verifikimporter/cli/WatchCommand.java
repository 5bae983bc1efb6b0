package org.verifikimporter.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.verifikimporter.camel.ImporterEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Keep polling the inbox (every importer.poll-interval seconds) and import each file that arrives.",
                "SIGTERM stops taking new files, lets rows in flight finish (camel.main.shutdown-timeout), then exits.",
                "Verifik answering 401/402/403 stops the poller with exit 4, since every later call would fail the same way."})
public final class WatchCommand implements Callable<Integer>, ImporterCli.EnvAware {

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
        return RunCommand.runEngine(spec, options.builder(env), ImporterEngine.Mode.WATCH);
    }
}

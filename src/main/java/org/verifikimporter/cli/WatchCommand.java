package org.verifikimporter.cli;

import org.verifikimporter.camel.ImporterEngine;
import picocli.CommandLine.Command;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Keep polling the inbox (every importer.poll-interval seconds) and import each file that arrives.",
                "SIGTERM stops taking new rows, lets rows in flight finish (camel.main.shutdown-timeout), records them "
                        + "and exits; a file cut short stays in the inbox and is resumed on the next start.",
                "Verifik answering 401/402/403 stops the poller with exit 4, since every later call would fail the same way."})
public final class WatchCommand extends EngineCommand {

    @Override
    public Integer call() {
        return runEngine(b -> { }, engine -> engine.run(ImporterEngine.Mode.WATCH));
    }
}

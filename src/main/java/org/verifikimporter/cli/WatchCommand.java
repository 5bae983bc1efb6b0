package org.verifikimporter.cli;

import org.verifikimporter.camel.ImporterEngine;
import picocli.CommandLine.Command;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Keep polling the inbox (every importer.poll-interval seconds) and import each file that arrives.",
                "SIGTERM says at once how many rows are in flight, stops taking new rows, lets those finish "
                        + "(camel.main.shutdown-timeout), records them, prints the table and exits; a file cut short "
                        + "stays in the inbox, is resumed on the next start, and makes the exit code 5.",
                "Verifik answering 401/402/403 stops the poller with exit 4, since every later call would fail the same way.",
                "With importer.webhook.secret set (and camel.management.enabled=true) it also receives Verifik's "
                        + "webhook events at POST /webhooks/verifik on the management server (README \"Webhooks\").",
                "With importer.track-interval set (off by default), a tracking pass (see track) every that long."})
public final class WatchCommand extends EngineCommand {

    @Override
    public Integer call() {
        return runEngine(b -> { }, engine -> engine.run(ImporterEngine.Mode.WATCH));
    }
}

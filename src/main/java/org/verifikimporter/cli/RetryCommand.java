package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.report.RetryFile;
import org.verifikimporter.report.ShellWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Put the rows of an earlier import that failed with a retryable code (RATE_LIMITED, SERVER_ERROR, "
                + "NETWORK_ERROR, ...) back into the inbox as a new file with the input's columns, so the next run "
                + "sends them again. Rows that need a fix (invalid cells, rejected by Verifik, outcome unknown) stay out.",
                "RUN_FOLDER is a report folder of the outbox (a path, or just its name). Exit 0 when done, 1 when the "
                        + "folder cannot be retried (the line says why)."})
public final class RetryCommand extends SettingsCommand {

    @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "The import's report folder, e.g. "
            + "data/outbox/users-20261126T012000Z.")
    Path runDir;

    @Option(names = "--force", description = "Put the rows back even if this folder was retried before.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImporterSettings settings = settings(b -> b.tokenRequired(false)).orElse(null);
        if (settings == null) {
            return 1;
        }
        Path dir = runDir;
        if (!Files.isDirectory(dir) && Files.isDirectory(settings.outbox().resolve(runDir))) {
            dir = settings.outbox().resolve(runDir);
        }
        RetryFile.Result r;
        try {
            r = RetryFile.write(dir, settings.inbox(), Instant.now(), force);
        } catch (RetryFile.NotRetryable e) {
            err.println("retry: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("retry failed: " + EngineCommand.oneLine(e));
            return 1;
        }
        String leftOut = r.leftOutByCode().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        if (r.written() == null) {
            out.printf("%s: no row to retry: %s%n", r.sourceFile(), r.leftOut() == 0 ? "no row failed"
                    : "the " + r.leftOut() + " failed row(s) need a fix first (" + leftOut + "); see failed.csv in " + dir);
        } else {
            out.printf("%s: %d retryable row(s) put back into the inbox as %s%n", r.sourceFile(), r.retried(), r.written());
            if (r.leftOut() > 0) {
                out.printf("  left out, they need a fix first: %d (%s); see failed.csv in %s%n", r.leftOut(), leftOut, dir);
            }
            out.println("The next run sends them: " + ShellWords.command("run"));
        }
        out.flush();
        return 0;
    }
}

package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.StatusCategory;
import org.verifikimporter.logging.LogMask;
import org.verifikimporter.logging.LogSetup;
import org.verifikimporter.report.RetryFile;
import org.verifikimporter.report.ShellWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Put the rows of an earlier import that failed with a retryable code (RATE_LIMITED, SERVER_ERROR, "
                + "NETWORK_ERROR, ...) back into the inbox as a new file with the input's columns, so the next run "
                + "sends them again. Rows that need a fix (invalid cells, rejected by Verifik, outcome unknown) stay out.",
                "--unknown: instead, look the rows whose outcome stayed unknown (OUTCOME_UNKNOWN) up in Verifik once more: "
                        + "those it lists are recorded as created, those it does not list go back into the inbox once "
                        + "confirmed (--yes, or the question on a terminal); needs the token and the import's ledger.",
                "--expired / --failed-validation: instead, a new invitation: the rows whose validation expired (or "
                        + "failed), by the statuses track or the webhooks recorded in the ledger, go back into the "
                        + "inbox with their person's columns; the dedupe window lets exactly them through.",
                "RUN_FOLDER is a report folder of the outbox (a path, or just its name). Exit 0 when done, 1 when the "
                        + "folder cannot be retried (the line says why) or the rows were not confirmed, 4 when Verifik "
                        + "stopped the lookups (401/402/403)."})
public final class RetryCommand extends SettingsCommand {

    @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "The import's report folder, e.g. "
            + "data/outbox/users-20261126T012000Z.")
    Path runDir;

    @Option(names = "--force", description = "Put the rows back even if this folder was retried before.")
    boolean force;

    @Option(names = "--unknown", description = "Look the rows whose outcome is unknown up in Verifik again, and put "
            + "back the ones it does not list.")
    boolean unknown;

    @Option(names = "--expired", description = "Put back the rows whose validation expired, for a new invitation.")
    boolean expired;

    @Option(names = "--failed-validation", description = "Put back the rows whose validation failed (the person did "
            + "not pass), for a new invitation.")
    boolean failedValidation;

    @Option(names = "--yes", description = "With --unknown: put the rows Verifik does not list back without asking.")
    boolean yes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the lookups of --unknown call Verifik: they need the token
        ImporterSettings settings = settings(b -> b.tokenRequired(unknown)).orElse(null);
        if (settings == null) {
            return 1;
        }
        Path dir = runDir;
        if (!Files.isDirectory(dir) && Files.isDirectory(settings.outbox().resolve(runDir))) {
            dir = settings.outbox().resolve(runDir);
        }
        if (unknown && (expired || failedValidation)) {
            err.println("retry: --unknown and --expired/--failed-validation are different questions: ask one at a time");
            return 1;
        }
        if (unknown) {
            return unknown(settings, dir, out, err);
        }
        if (expired || failedValidation) {
            return ended(settings, dir, out, err);
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
            unknownHint(r, dir, out);
        } else {
            out.printf("%s: %d retryable row(s) put back into the inbox as %s%n", r.sourceFile(), r.retried(), r.written());
            if (r.leftOut() > 0) {
                out.printf("  left out, they need a fix first: %d (%s); see failed.csv in %s%n", r.leftOut(), leftOut, dir);
                unknownHint(r, dir, out);
            }
            out.println("The next run sends them: " + ShellWords.command("run"));
        }
        out.flush();
        return 0;
    }

    private static void unknownHint(RetryFile.Result r, Path dir, PrintWriter out) {
        Integer n = r.leftOutByCode().get(ErrorCode.OUTCOME_UNKNOWN.name());
        if (n != null) {
            out.printf("  the %d row(s) whose outcome is unknown: look them up in Verifik again with "
                    + "verifik-importer retry --unknown %s%n", n, dir);
        }
    }

    private int unknown(ImporterSettings settings, Path dir, PrintWriter out, PrintWriter err) {
        LogSetup.apply(settings.logFormat());
        LogMask.secret(settings.token());
        LogMask.secret(settings.ledgerPassword());
        RetryUnknown.Confirm terminal = EngineCommand.interactive() ? RetryCommand::askConsole : null;
        return exitOf(() -> new RetryUnknown(settings, Clock.systemUTC(), out).run(dir, yes, terminal), out, err);
    }

    private int ended(ImporterSettings settings, Path dir, PrintWriter out, PrintWriter err) {
        LogSetup.apply(settings.logFormat());
        LogMask.secret(settings.ledgerPassword());
        Set<StatusCategory> ended = EnumSet.noneOf(StatusCategory.class);
        if (expired) {
            ended.add(StatusCategory.EXPIRED);
        }
        if (failedValidation) {
            ended.add(StatusCategory.FAILED);
        }
        return exitOf(() -> new RetryEnded(settings, Clock.systemUTC(), out).run(dir, ended), out, err);
    }

    /** A folder that cannot be retried, or any other failure, is one line on stderr and exit 1. */
    private static int exitOf(Callable<Integer> work, PrintWriter out, PrintWriter err) {
        try {
            return work.call();
        } catch (RetryFile.NotRetryable e) {
            err.println("retry: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("retry failed: " + EngineCommand.oneLine(e));
            return 1;
        } finally {
            out.flush();
        }
    }

    private static boolean askConsole(String question) {
        String answer = System.console().readLine("%s", question);
        return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
    }
}

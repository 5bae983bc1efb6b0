package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.RunResults;

/** The end-of-run lines on stdout: one per file, then the overall result that matches the exit code. */
final class Outcomes {

    private Outcomes() {
    }

    static int print(RunResults results, PrintWriter out) {
        for (FileOutcome o : results.outcomes()) {
            if (o.rejected()) {
                out.printf("%s: rejected: %s%n", Printable.of(o.fileName()), o.reason());
            } else {
                out.printf("%s: %d rows, %d created, %d failed%s%n   reports: %s%n", Printable.of(o.fileName()), o.total(),
                        o.created(), o.failed(), codes(o.failures()), o.reportDir());
            }
        }
        ExitCode code = results.exitCode();
        if (results.outcomes().isEmpty() && !results.stopped()) {
            out.println("No file to import.");
        }
        if (results.stopped()) {
            out.println("Stopped: " + results.stopReason());
        }
        out.printf("Result: %s (exit %d)%n", code.meaning(), code.code());
        out.flush();
        return code.code();
    }

    private static String codes(Map<String, Long> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        return failures.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}

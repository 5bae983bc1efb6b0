package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.report.ReasonFile;
import org.verifikimporter.report.RunPage;
import org.verifikimporter.report.ShellWords;

/**
 * The end-of-run output on stdout: a short table per file (created, failed by its top codes, where the
 * report is), then one line with the overall result that matches the exit code.
 */
final class Outcomes {

    /** Failure codes listed by name; the rest are summed into one line. */
    static final int TOP_CODES = 4;

    private Outcomes() {
    }

    static int print(RunResults results, PrintWriter out) {
        return print(results, out, false);
    }

    /**
     * @param dryRun validate: a row that passes is "valid" (nothing was created), and a file that cannot be
     *               imported was not moved anywhere, so its reason is all there is to show
     */
    static int print(RunResults results, PrintWriter out, boolean dryRun) {
        String passed = dryRun ? "valid" : "created";
        long files = 0;
        long rows = 0;
        long created = 0;
        long failed = 0;
        long left = 0;
        for (FileOutcome o : results.outcomes()) {
            files++;
            if (o.rejected()) {
                rejected(o, results.rejectedTarget(o.fileName()), dryRun, out);
                continue;
            }
            rows += o.total() + Math.max(0, o.left());
            left += Math.max(0, o.left());
            created += o.created();
            failed += o.failed();
            table(o, passed, dryRun, out);
        }
        ExitCode code = results.exitCode();
        if (results.outcomes().isEmpty() && !results.stopped()) {
            out.println("No file to import.");
        }
        if (results.stopped()) {
            out.println("Stopped: " + results.stopReason());
        }
        String totals = files == 0 ? "" : String.format("; %d file%s, %d rows: %d %s, %d failed%s", files,
                files == 1 ? "" : "s", rows, created, passed, failed, left > 0 ? ", " + left + " left for the next run" : "");
        out.printf("Result: %s (exit %d)%s%n", dryRun ? code.dryRunMeaning() : code.meaning(), code.code(), totals);
        out.flush();
        return code.code();
    }

    private static void rejected(FileOutcome o, Path target, boolean dryRun, PrintWriter out) {
        if (dryRun) {
            out.printf("%s: cannot be imported: %s%n", Printable.of(o.fileName()), o.reason());
            return;
        }
        out.printf("%s: rejected: %s%n", Printable.of(o.fileName()), o.reason());
        if (target != null) {
            out.printf("  moved to %s; its reason: %s%n", Printable.of(target.toString()),
                    Printable.of(ReasonFile.beside(target).toString()));
        }
    }

    private static void table(FileOutcome o, String passed, boolean dryRun, PrintWriter out) {
        if (o.interrupted()) {
            out.printf("%s: %s, %d done before the stop (%d created, %d failed), %s%n", Printable.of(o.fileName()),
                    o.left() < 0 ? "rows not counted" : (o.total() + o.left()) + " rows", o.total(), o.created(),
                    o.failed(), o.left() < 0 ? "the rest left for the next run" : o.left() + " left for the next run");
        } else {
            out.printf("%s: %d rows, %d %s, %d failed%n", Printable.of(o.fileName()), o.total(), o.created(), passed,
                    o.failed());
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"  " + passed, Long.toString(o.created())});
        lines.add(new String[] {"  failed", Long.toString(o.failed())});
        List<Map.Entry<String, Long>> codes = new ArrayList<>(o.failures().entrySet());
        codes.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long others = 0;
        for (int i = 0; i < codes.size(); i++) {
            if (i < TOP_CODES || codes.size() == TOP_CODES + 1) {
                lines.add(new String[] {"    " + codes.get(i).getKey(), Long.toString(codes.get(i).getValue())});
            } else {
                others += codes.get(i).getValue();
            }
        }
        if (others > 0) {
            lines.add(new String[] {"    " + (codes.size() - TOP_CODES) + " other codes", Long.toString(others)});
        }
        if (o.failed() > 0 && !dryRun && !o.interrupted()) {
            lines.add(new String[] {"  can be sent again as is", Long.toString(o.retryable())});
        }
        if (o.interrupted() && o.left() >= 0) {
            lines.add(new String[] {"  left for the next run", Long.toString(o.left())});
        }
        int width = 28;
        for (String[] l : lines) {
            width = Math.max(width, l[0].length() + 2);
        }
        for (String[] l : lines) {
            out.printf("%-" + width + "s%8s%n", l[0], l[1]);
        }
        out.printf("  report%s: %s%n", o.interrupted() ? " so far" : "", report(o.reportDir()));
        if (o.interrupted()) {
            out.println("  the file stays in the inbox; the next run resumes it, sending only the rows not done");
            return;
        }
        if (o.retryable() > 0 && !o.stopped() && o.reportDir() != null) {
            out.printf("  to send the %d retryable row%s again: %s%n", o.retryable(), o.retryable() == 1 ? "" : "s",
                    ShellWords.command("retry", Printable.of(o.reportDir().toString())));
        }
        Long unknown = o.failures().get(ErrorCode.OUTCOME_UNKNOWN.name());
        if (unknown != null && !o.stopped() && o.reportDir() != null) {
            out.printf("  to look the %d row%s whose outcome is unknown up in Verifik again: verifik-importer retry "
                    + "--unknown %s%n", unknown, unknown == 1 ? "" : "s", o.reportDir());
        }
    }

    private static String report(Path dir) {
        if (dir == null) {
            return "(none)";
        }
        Path page = dir.resolve(RunPage.FILE_NAME);
        return Files.exists(page) ? page.toString() : dir.toString();
    }
}

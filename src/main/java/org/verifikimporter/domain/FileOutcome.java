package org.verifikimporter.domain;

import java.nio.file.Path;
import java.util.Map;

/**
 * How one input file ended, for the end-of-run summary and the exit code.
 *
 * @param total     rows reported (created + failed); for an import cut short, those done so far
 * @param retryable failed rows that a re-drop as they are can create ({@code retry})
 * @param left      rows of an import cut short by a shutdown (SIGTERM) that the next run takes up; -1 for an
 *                  import that ended (or when the file's rows could not be counted)
 */
public record FileOutcome(String fileName, Path reportDir, long total, long created, long failed,
                          Map<String, Long> failures, boolean rejected, boolean stopped, String reason, long retryable,
                          boolean interrupted, long left) {

    public FileOutcome(String fileName, Path reportDir, long total, long created, long failed,
                       Map<String, Long> failures, boolean rejected, boolean stopped, String reason) {
        this(fileName, reportDir, total, created, failed, failures, rejected, stopped, reason, 0);
    }

    public FileOutcome(String fileName, Path reportDir, long total, long created, long failed,
                       Map<String, Long> failures, boolean rejected, boolean stopped, String reason, long retryable) {
        this(fileName, reportDir, total, created, failed, failures, rejected, stopped, reason, retryable, false, -1);
    }

    public ExitCode exitCode() {
        if (interrupted) {
            return ExitCode.INTERRUPTED;
        }
        if (stopped) {
            return ExitCode.RUN_STOPPED;
        }
        if (rejected) {
            return ExitCode.FILE_REJECTED;
        }
        return failed > 0 ? ExitCode.ROWS_FAILED : ExitCode.OK;
    }
}

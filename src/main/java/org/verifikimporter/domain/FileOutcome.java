package org.verifikimporter.domain;

import java.nio.file.Path;
import java.util.Map;

/**
 * How one input file ended, for the end-of-run summary and the exit code.
 *
 * @param retryable failed rows that a re-drop as they are can create ({@code retry})
 */
public record FileOutcome(String fileName, Path reportDir, long total, long created, long failed,
                          Map<String, Long> failures, boolean rejected, boolean stopped, String reason, long retryable) {

    public FileOutcome(String fileName, Path reportDir, long total, long created, long failed,
                       Map<String, Long> failures, boolean rejected, boolean stopped, String reason) {
        this(fileName, reportDir, total, created, failed, failures, rejected, stopped, reason, 0);
    }

    public ExitCode exitCode() {
        if (stopped) {
            return ExitCode.RUN_STOPPED;
        }
        if (rejected) {
            return ExitCode.FILE_REJECTED;
        }
        return failed > 0 ? ExitCode.ROWS_FAILED : ExitCode.OK;
    }
}

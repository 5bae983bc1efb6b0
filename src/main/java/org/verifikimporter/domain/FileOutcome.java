package org.verifikimporter.domain;

import java.nio.file.Path;
import java.util.Map;

/** How one input file ended, for the end-of-run summary and the exit code. */
public record FileOutcome(String fileName, Path reportDir, long total, long created, long failed,
                          Map<String, Long> failures, boolean rejected, boolean stopped, String reason) {

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

package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodeTest {
    @Test
    void theMostUrgentWinsInTheDocumentedOrder() {
        assertThat(ExitCode.OK.worst(ExitCode.ROWS_FAILED)).isEqualTo(ExitCode.ROWS_FAILED);
        assertThat(ExitCode.FILE_REJECTED.worst(ExitCode.ROWS_FAILED)).isEqualTo(ExitCode.FILE_REJECTED);
        assertThat(ExitCode.FILE_REJECTED.worst(ExitCode.RUN_STOPPED)).isEqualTo(ExitCode.RUN_STOPPED);
        assertThat(ExitCode.CONFIG_ERROR.worst(ExitCode.RUN_STOPPED)).isEqualTo(ExitCode.CONFIG_ERROR);
        assertThat(ExitCode.RUN_STOPPED.code()).isEqualTo(4);
        assertThat(ExitCode.FILE_REJECTED.code()).isEqualTo(3);
        assertThat(ExitCode.ROWS_FAILED.code()).isEqualTo(2);
        assertThat(ExitCode.CONFIG_ERROR.code()).isEqualTo(1);
        // stopped before the end (SIGTERM): after 4, before 3 and 2
        assertThat(ExitCode.INTERRUPTED.code()).isEqualTo(5);
        assertThat(ExitCode.INTERRUPTED.worst(ExitCode.FILE_REJECTED)).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(ExitCode.ROWS_FAILED.worst(ExitCode.INTERRUPTED)).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(ExitCode.INTERRUPTED.worst(ExitCode.RUN_STOPPED)).isEqualTo(ExitCode.RUN_STOPPED);
        assertThat(ExitCode.INTERRUPTED.meaning()).isEqualTo("stopped before the end: the next run resumes");
    }
}

package org.verifikimporter.track;

import java.nio.file.Path;
import java.util.List;
import org.verifikimporter.ledger.RunStatus;

/**
 * The one place a tracking pass (or a webhook) hands a run's statuses to its folder's {@code status.csv}. The
 * report side writes that file ({@code org.verifikimporter.report.StatusFile}); until it is on this branch
 * nothing is written here.
 */
public final class StatusFiles {

    private StatusFiles() {
    }

    public static void rewrite(Path runFolder, List<RunStatus> statuses) {
        // org.verifikimporter.report.StatusFile.rewrite(runFolder, statuses) once the report branch is merged
    }
}

package org.verifikimporter.track;

import java.nio.file.Path;
import java.util.List;
import org.verifikimporter.ledger.RunStatus;

/**
 * The one place a tracking pass (or a webhook) hands a run's statuses to its folder's {@code status.csv}. The
 * report side writes that file ({@code org.verifikimporter.report.StatusFile}).
 */
public final class StatusFiles {

    private StatusFiles() {
    }

    public static void rewrite(Path runFolder, List<RunStatus> statuses) {
        // status.csv, and report.html's funnel with it
        org.verifikimporter.report.StatusFile.rewrite(runFolder, statuses);
    }
}

package org.verifikimporter.track;

import java.nio.file.Path;
import java.util.List;
import org.verifikimporter.ledger.RunStatus;
import org.verifikimporter.report.StatusFile;

/**
 * The one place a tracking pass hands a run's statuses to its folder: {@code status.csv} and the funnel of
 * {@code report.html} ({@link StatusFile}). Called only for a run whose statuses changed, so a pass with no change
 * rewrites no file.
 */
public final class StatusFiles {

    private StatusFiles() {
    }

    public static void rewrite(Path runFolder, List<RunStatus> statuses) {
        StatusFile.rewrite(runFolder, statuses);
    }
}

package org.verifikimporter.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.verifikimporter.job.Progress;

/**
 * The files being imported now, through the progress each one keeps: what the first line after SIGTERM counts
 * (rows in flight, and those waiting for the lookup of an unknown outcome, which hold the stop longest).
 */
final class LiveFiles implements Progress.Factory {

    private final Progress.Factory shown;
    private final List<Progress> files = new CopyOnWriteArrayList<>();

    /** @param shown how each file's progress is shown: a terminal bar or log lines */
    LiveFiles(Progress.Factory shown) {
        this.shown = shown;
    }

    @Override
    public Progress start(String fileName, long totalRows) {
        files.removeIf(Progress::finished);
        Progress p = shown.start(fileName, totalRows);
        files.add(p);
        return p;
    }

    /**
     * {@code stopping: 8 rows in flight, up to 45 s (big.csv: waiting 24s to look up 3 rows whose outcome is
     * unknown); the rows not taken yet are left for the next run}
     *
     * @param upTo camel.main.shutdown-timeout: past it Camel cuts the rows in flight off
     */
    String stoppingLine(Duration upTo) {
        long inFlight = 0;
        StringBuilder waits = new StringBuilder();
        for (Progress p : files) {
            if (p.finished()) {
                continue;
            }
            Progress.Snapshot s = p.snapshot();
            inFlight += s.inFlight();
            if (s.waiting() > 0) {
                waits.append(waits.length() == 0 ? " (" : "; ").append(s.file()).append(": ").append(s.waitingFor());
            }
        }
        if (inFlight == 0) {
            return "stopping: no row in flight";
        }
        return "stopping: " + inFlight + (inFlight == 1 ? " row" : " rows") + " in flight, up to " + upTo.toSeconds()
                + " s" + (waits.length() == 0 ? "" : waits + ")") + "; the rows not taken yet are left for the next run";
    }
}

package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.time.Instant;

/** One import of one file's content. */
public record ImportRun(long id, String sha256, String fileName, Path reportDir, State state, Instant startedAt,
                        Instant finishedAt) {

    public enum State { RUNNING, STOPPED, DONE }

    public boolean finished() {
        return state == State.DONE;
    }
}

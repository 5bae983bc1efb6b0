package org.verifikimporter.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.verifikimporter.job.JobFixture.NOW;
import static org.verifikimporter.job.JobFixture.sha;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;

/** Content imported completely before, and rows put back into that same content (retry --unknown of a retry). */
class RunRecordTest {

    @TempDir
    Path state;

    @Test
    void contentImportedCompletelyIsRefusedUnlessARowWasPutBackIntoItSinceItsLastImport() {
        try (Ledger ledger = JobFixture.ledger(state)) {
            ImportRun first = ledger.startRun(sha('c'), "people-unknown-1.csv", Path.of("/out/a"), NOW.minusSeconds(60));
            ledger.sending(first.id(), 2, "p".repeat(64));
            ledger.failed(first.id(), 2, 1, true, "OUTCOME_UNKNOWN", "dropped", null, false);
            ledger.finishRun(first.id(), ImportRun.State.DONE);

            assertThatThrownBy(() -> new RunRecord(ledger, sha('c')).findEarlier(false))
                    .isInstanceOf(FileProblem.class).hasMessageContaining("already imported completely");

            // the row unknown again goes back, in a file whose content is the same as the first one's
            assertThat(ledger.putBacks().record(first.id(), List.of(2L), "people-unknown-2.csv", sha('c'))).isTrue();
            assertThat(new RunRecord(ledger, sha('c')).findEarlier(false)).as("a new import").isNull();

            // once that import of it has run, the content is imported completely again
            ImportRun second = ledger.startRun(sha('c'), "people-unknown-2.csv", Path.of("/out/b"), NOW.plusSeconds(1));
            ledger.finishRun(second.id(), ImportRun.State.DONE);
            assertThatThrownBy(() -> new RunRecord(ledger, sha('c')).findEarlier(false))
                    .isInstanceOf(FileProblem.class).hasMessageContaining("already imported completely");
        }
    }
}

package org.verifikimporter.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.UnknownCause;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.report.ShellWords;

/**
 * One import's record in the ledger: which run it is (new, or the resume of one cut short), and what
 * became of each row it sent. A dry run has no ledger and records nothing.
 */
final class RunRecord {

    private final Ledger ledger;
    private final String sha256;
    private ImportRun run;

    /** @param ledger null for a dry run */
    RunRecord(Ledger ledger, String sha256) {
        this.ledger = ledger;
        this.sha256 = sha256;
    }

    /**
     * Looks for earlier imports of the same content: an unfinished one is resumed. Content imported completely
     * before is refused, unless rows of unknown outcome were put back into it since ({@code retry --unknown}).
     *
     * @return that run, or null for a new import
     * @throws FileProblem when the content was imported completely before and {@code force} is off
     */
    ImportRun findEarlier(boolean force) {
        if (ledger == null) {
            return null;
        }
        List<ImportRun> earlier = ledger.runs(sha256);
        if (earlier.isEmpty()) {
            return null;
        }
        ImportRun latest = earlier.get(0);
        if (!latest.finished()) {
            run = latest;
            return run;
        }
        if (ledger.putBacks().anySince(sha256, latest.startedAt())) {
            // retry --unknown put rows back into this same content after it was imported (a retry file's rows
            // unknown again, and put back once more): a new import, which the dedupe window still guards
            return null;
        }
        if (!force) {
            throw new FileProblem("this file's content (sha256 " + sha256.substring(0, 12) + "...) was already imported "
                    + "completely: as \"" + Printable.of(latest.fileName()) + "\", started " + latest.startedAt()
                    + ", reports in " + latest.reportDir() + ". Nothing was sent again. To import it once more anyway, "
                    + "put it back into the inbox and run " + ShellWords.command("run", "--force")
                    + " (people created within importer.dedupe-window are still skipped)");
        }
        return null;
    }

    void start(String fileName, Path reportDir, Instant startedAt) {
        if (ledger != null) {
            run = ledger.startRun(sha256, fileName, reportDir, startedAt);
        }
    }

    /** Takes up the run found by {@link #findEarlier}; returns how many rows were in flight when it stopped. */
    int resume() {
        return ledger.resumeRun(run.id(), UnknownCause.CRASH.message(null));
    }

    Ledger ledger() {
        return ledger;
    }

    /** -1 before the run is known (a dry run never has one). */
    long runId() {
        return run == null ? -1 : run.id();
    }

    void sending(RowExecution row) {
        if (ledger != null) {
            ledger.sending(run.id(), row.rowNumber(), row.personHash());
        }
    }

    void adopted(RowExecution row, CreatedSession session) {
        if (ledger != null) {
            ledger.adopt(run.id(), row.rowNumber(), row.attempts(), session.validationId(), session.status(), session.url());
        }
    }

    void created(RowExecution row) {
        CreatedSession session = row.session();
        if (ledger != null && !row.outcomeRecorded()) {
            ledger.created(run.id(), row.rowNumber(), row.attempts(), session.validationId(), session.status(),
                    session.url());
        }
    }

    /** Only a row this attempt of the import sent has a record to update. */
    void failed(RowExecution row) {
        RowFailure failure = row.failure();
        if (ledger == null || !row.isSendingRecorded()) {
            return;
        }
        if (ErrorCode.NOT_ATTEMPTED.name().equals(failure.code()) || stopsRun(failure)) {
            // not created: the next run may send it
            ledger.release(run.id(), row.rowNumber());
        } else {
            ledger.failed(run.id(), row.rowNumber(), row.attempts(),
                    ErrorCode.OUTCOME_UNKNOWN.name().equals(failure.code()), failure.code(), failure.message(),
                    failure.httpStatus(), failure.retryable());
        }
    }

    private static boolean stopsRun(RowFailure f) {
        return f.httpStatus() != null && (f.httpStatus() == 401 || f.httpStatus() == 402 || f.httpStatus() == 403);
    }

    void finish(boolean stopped) {
        if (ledger != null) {
            ledger.finishRun(run.id(), stopped ? ImportRun.State.STOPPED : ImportRun.State.DONE);
        }
    }

    /** Waits until every outcome queued so far is committed. */
    void flush() {
        if (ledger != null && run != null) {
            ledger.flush();
        }
    }
}

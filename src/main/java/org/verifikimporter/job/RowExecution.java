package org.verifikimporter.job;

import java.time.Instant;
import org.verifikimporter.domain.CallPolicy;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.RowFailure;

/**
 * One data row on its way from the file to its report line: what it is (the record, its request or why it
 * cannot be sent) and what it has become (attempts, the SENDING record, the answer, the failure, the next
 * step). The routes carry exactly this object per row, so every step reads and writes the same typed state.
 *
 * <p>A row is worked on by one thread at a time (its row thread, or the thread Camel redelivers it on),
 * handed over by Camel's executors, so it needs no locking of its own.
 */
public final class RowExecution {

    /** What the row route does next with the row. */
    public enum Step {
        /** Report it in failed.csv. */
        FAIL,
        /** Report it in created.csv; its outcome is in the ledger already (an earlier attempt, or the lookup). */
        DONE,
        /** Sent before, outcome unknown: ask Verifik whether it was created. Never resent. */
        RECONCILE,
        /** A valid row in a dry run: report it, call nothing. */
        CHECK,
        /** Send it. */
        SEND
    }

    private final ImportJob job;
    private final MappedRow mapped;
    private final String personHash;
    private Step next;
    private RowFailure failure;
    private CreatedSession session;
    private int attempts;
    private int rateLimited;
    private boolean sendingRecorded;
    private Instant sentAt;
    private Instant lastSentAt;
    private RowFailure failureIfNotRetried;
    private CallPolicy.Decision decision;

    /**
     * @param personHash the ledger's key for the person (no personal data); null when the row cannot be sent
     */
    RowExecution(ImportJob job, MappedRow mapped, String personHash) {
        this.job = job;
        this.mapped = mapped;
        this.personHash = personHash;
        this.failure = mapped.failure();
        this.session = mapped.alreadyCreated();
        this.attempts = mapped.attempts();
        this.sentAt = mapped.unknownSince();
        this.lastSentAt = sentAt;
    }

    /**
     * Decides the first step: a resumed row of unknown outcome is looked up (when lookups are on), a row that
     * cannot be sent fails, one created by an earlier attempt is reported, a dry run only checks, a stopped
     * run sends nothing more.
     *
     * @param lookups    whether unknown outcomes are looked up in Verifik
     * @param stopReason why the run was stopped, or null while it runs
     */
    public Step plan(boolean lookups, String stopReason) {
        if (mapped.unknownSince() != null && lookups) {
            next = Step.RECONCILE;
        } else if (!mapped.isValid()) {
            next = Step.FAIL;
        } else if (mapped.alreadyCreated() != null) {
            next = Step.DONE;
        } else if (job.dryRun()) {
            next = Step.CHECK;
        } else if (stopReason != null) {
            fail(notAttempted(stopReason));
        } else {
            next = Step.SEND;
        }
        return next;
    }

    /** The failure a row gets when the run stopped before it was sent. */
    public static RowFailure notAttempted(String why) {
        return RowFailure.of(ErrorCode.NOT_ATTEMPTED, "the run was stopped before this row was sent: " + why);
    }

    /** The row ends failed; reported in failed.csv. */
    public void fail(RowFailure why) {
        this.failure = why;
        this.next = Step.FAIL;
    }

    /** Sent, no usable answer: next, Verifik is asked whether it was created. */
    public void lookUp(RowFailure untilFound) {
        this.failure = untilFound;
        this.next = Step.RECONCILE;
    }

    /** The SENDING record is committed: from here on the row may have reached Verifik. */
    public void sendingRecorded(Instant at) {
        this.sendingRecorded = true;
        this.sentAt = at;
    }

    /** One more request is about to go on the wire. */
    public void attemptStarted(Instant at) {
        attempts++;
        lastSentAt = at;
    }

    /** The last attempt was answered 429: the pace was too fast (it does not use up the row's attempts). */
    public void answeredRateLimited() {
        rateLimited++;
    }

    /** Attempts answered 429 so far. */
    public int rateLimited() {
        return rateLimited;
    }

    /** Verifik answered with the validation it created. */
    public void created(CreatedSession created) {
        this.session = created;
    }

    /** A dry run: the row is valid, and is reported in created.csv with no validation id. */
    public void checked() {
        this.session = new CreatedSession("", "valid (dry run)", "");
    }

    /** The lookup found this row's validation; the job has recorded it. */
    public void adopted(CreatedSession found) {
        this.session = found;
        this.next = Step.DONE;
    }

    /** The lookup found nothing to adopt: the row stays unknown, and the message says why. */
    public void notFound(String why) {
        fail(new RowFailure(failure.code(), failure.message() + "; " + why, failure.httpStatus(), failure.retryable()));
    }

    /** What the call policy decided after the last failed attempt. */
    public void decided(CallPolicy.Decision decision) {
        this.decision = decision;
        if (decision instanceof CallPolicy.Retry retry) {
            this.failureIfNotRetried = retry.failureIfNotRetried();
        }
    }

    public ImportJob job() {
        return job;
    }

    public CsvRow row() {
        return mapped.row();
    }

    public long rowNumber() {
        return mapped.rowNumber();
    }

    public CreateRequest request() {
        return mapped.request();
    }

    public String personHash() {
        return personHash;
    }

    public Step next() {
        return next;
    }

    public RowFailure failure() {
        return failure;
    }

    public CreatedSession session() {
        return session;
    }

    public int attempts() {
        return attempts;
    }

    /** Whether this attempt of the import wrote the row's SENDING record. */
    public boolean isSendingRecorded() {
        return sendingRecorded;
    }

    /**
     * When the row was first about to be sent (its SENDING record), or null if it never was: a lookup looks
     * for validations created from then on.
     */
    public Instant sentAt() {
        return sentAt;
    }

    /** When its last attempt went out: the lookup's grace period counts from here. */
    public Instant lastSentAt() {
        return lastSentAt;
    }

    /** How the row ends if the retry it waits for never comes (the run stops meanwhile); null before a retry. */
    public RowFailure failureIfNotRetried() {
        return failureIfNotRetried;
    }

    public CallPolicy.Decision decision() {
        return decision;
    }

    /** The outcome is in the ledger already: created by an earlier attempt of this import, or adopted by the lookup. */
    public boolean outcomeRecorded() {
        return next == Step.DONE || next == Step.CHECK;
    }

    /** The file's name for logs: escaped, never a row's contents. */
    public String shownFile() {
        return job.shownName();
    }
}

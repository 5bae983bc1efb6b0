package org.verifikimporter.job;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.job.JobFixture.CLOCK;
import static org.verifikimporter.job.JobFixture.NOW;
import static org.verifikimporter.job.JobFixture.person;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.CallPolicy;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.job.RowExecution.Step;

/** One row's state and its first step, as the row route reads it (plain Java, no Camel). */
class RowExecutionTest {

    static final String STOP = "Verifik answered 401 Unauthorized: the token is invalid or expired";

    @TempDir
    Path outbox;

    ImportJob job(boolean dryRun) {
        return new ImportJob("people.csv", JobFixture.sha('a'), dryRun, outbox, Map.of(), CLOCK, null, Duration.ZERO);
    }

    static final CsvRow ROW = person(7, "ana@example.com");
    static final CreateRequest REQUEST = new CreateRequest(Map.of(
            ApiField.PROJECT.jsonName(), "p", ApiField.PROJECT_FLOW.jsonName(), "f",
            ApiField.IDENTIFIER.jsonName(), "ana@example.com", ApiField.TYPE.jsonName(), "login"));

    RowExecution row(boolean dryRun, MappedRow mapped) {
        return new RowExecution(job(dryRun), mapped, "hash");
    }

    @Test
    void aRowThatBreaksTheRulesFailsWithItsOwnReason() {
        RowFailure why = RowFailure.of(ErrorCode.INVALID_TYPE, "type \"nope\" is not one of ...");
        RowExecution row = row(false, MappedRow.invalid(ROW, why));

        assertThat(row.plan(true, null)).isEqualTo(Step.FAIL);
        assertThat(row.next()).isEqualTo(Step.FAIL);
        assertThat(row.failure()).isEqualTo(why);
        assertThat(row.rowNumber()).isEqualTo(7);
        assertThat(row.outcomeRecorded()).isFalse();
    }

    @Test
    void aRowCreatedByAnEarlierAttemptIsReportedNotSent() {
        CreatedSession before = new CreatedSession("bv-1", "new", "https://verifik.example/bv-1");
        RowExecution row = row(false, MappedRow.createdBefore(ROW, REQUEST, before, 2));

        assertThat(row.plan(true, null)).isEqualTo(Step.DONE);
        assertThat(row.session()).isEqualTo(before);
        assertThat(row.attempts()).as("the earlier attempt's calls count").isEqualTo(2);
        assertThat(row.failure()).isNull();
        assertThat(row.outcomeRecorded()).as("its outcome came from the ledger").isTrue();
    }

    @Test
    void aResumedRowOfUnknownOutcomeIsLookedUpWhenLookupsAreOn() {
        RowFailure unknown = RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "in flight at a crash");
        RowExecution row = row(false, MappedRow.unknownBefore(ROW, REQUEST, unknown, 1, NOW.minusSeconds(60)));

        assertThat(row.plan(true, null)).isEqualTo(Step.RECONCILE);
        assertThat(row.sentAt()).as("the lookup searches from when it was sent").isEqualTo(NOW.minusSeconds(60));
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.outcomeRecorded()).isFalse();
    }

    @Test
    void aResumedRowOfUnknownOutcomeFailsAsUnknownWhenLookupsAreOff() {
        RowFailure unknown = RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "in flight at a crash");
        RowExecution row = row(false, MappedRow.unknownBefore(ROW, REQUEST, unknown, 1, NOW.minusSeconds(60)));

        assertThat(row.plan(false, null)).isEqualTo(Step.FAIL);
        assertThat(row.failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(row.failure().retryable()).isFalse();
    }

    @Test
    void aValidRowInADryRunIsOnlyChecked() {
        RowExecution row = row(true, MappedRow.valid(ROW, REQUEST));

        assertThat(row.plan(false, null)).isEqualTo(Step.CHECK);
        row.checked();
        assertThat(row.session().status()).isEqualTo("valid (dry run)");
        assertThat(row.session().validationId()).isEmpty();
        assertThat(row.outcomeRecorded()).as("a dry run records nothing in the ledger").isTrue();
    }

    @Test
    void aRowOfAStoppedRunIsNotAttemptedAndSaysWhy() {
        RowExecution row = row(false, MappedRow.valid(ROW, REQUEST));

        assertThat(row.plan(true, STOP)).isEqualTo(Step.FAIL);
        assertThat(row.failure().code()).isEqualTo("NOT_ATTEMPTED");
        assertThat(row.failure().message()).contains("stopped before this row was sent").contains(STOP);
        assertThat(row.failure().retryable()).as("fix the token and run again").isTrue();
        assertThat(row.attempts()).isZero();
    }

    @Test
    void anyOtherValidRowIsSent() {
        RowExecution row = row(false, MappedRow.valid(ROW, REQUEST));

        assertThat(row.plan(true, null)).isEqualTo(Step.SEND);
        assertThat(row.request()).isEqualTo(REQUEST);
        assertThat(row.failure()).isNull();
        assertThat(row.sentAt()).isNull();
        assertThat(row.outcomeRecorded()).as("its outcome is still to be recorded").isFalse();
    }

    @Test
    void aRetryKeepsHowTheRowEndsIfItNeverComes() {
        RowExecution row = row(false, MappedRow.valid(ROW, REQUEST));
        row.plan(true, null);
        assertThat(row.failureIfNotRetried()).isNull();

        RowFailure ifNotRetried = RowFailure.of(ErrorCode.SERVER_ERROR, "HTTP 503 (not retried)", 503);
        CallPolicy.Retry retry = new CallPolicy.Retry(Duration.ofMillis(75), ifNotRetried);
        row.decided(retry);
        assertThat(row.decision()).isEqualTo(retry);
        assertThat(row.failureIfNotRetried()).isEqualTo(ifNotRetried);

        // a later decision that is not a retry does not forget it: the run stopping meanwhile still ends the
        // row with its real last failure
        row.decided(new CallPolicy.Fail(RowFailure.of(ErrorCode.NOT_ATTEMPTED, "stopped")));
        assertThat(row.failureIfNotRetried()).isEqualTo(ifNotRetried);
    }

    @Test
    void theOutcomeIsRecordedAlreadyOnlyWhenItCameFromTheLedgerOrTheLookup() {
        RowExecution sent = row(false, MappedRow.valid(ROW, REQUEST));
        sent.plan(true, null);
        sent.attemptStarted(Instant.now());
        sent.created(new CreatedSession("bv-9", "new", null));
        assertThat(sent.outcomeRecorded()).as("created by this attempt: still to be written").isFalse();

        RowExecution lookedUp = row(false, MappedRow.valid(ROW, REQUEST));
        lookedUp.plan(true, null);
        lookedUp.lookUp(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "no answer"));
        assertThat(lookedUp.next()).isEqualTo(Step.RECONCILE);
        assertThat(lookedUp.outcomeRecorded()).isFalse();
        lookedUp.adopted(new CreatedSession("bv-10", "new", null));
        assertThat(lookedUp.next()).isEqualTo(Step.DONE);
        assertThat(lookedUp.outcomeRecorded()).as("the job recorded the adoption").isTrue();

        RowExecution notFound = row(false, MappedRow.valid(ROW, REQUEST));
        notFound.plan(true, null);
        notFound.lookUp(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "no answer"));
        notFound.notFound("Verifik lists no validation for it");
        assertThat(notFound.next()).isEqualTo(Step.FAIL);
        assertThat(notFound.failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(notFound.failure().message()).isEqualTo("no answer; Verifik lists no validation for it");
        assertThat(notFound.outcomeRecorded()).isFalse();
    }

    @Test
    void attemptsAndTheSendingRecordAreCounted() {
        RowExecution row = row(false, MappedRow.valid(ROW, REQUEST));
        row.plan(true, null);
        assertThat(row.isSendingRecorded()).isFalse();
        row.sendingRecorded(NOW);
        row.attemptStarted(Instant.now());
        row.attemptStarted(Instant.now());
        assertThat(row.isSendingRecorded()).isTrue();
        assertThat(row.sentAt()).isEqualTo(NOW);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.shownFile()).isEqualTo("people.csv");
    }
}

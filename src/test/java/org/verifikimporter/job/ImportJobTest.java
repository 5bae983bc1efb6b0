package org.verifikimporter.job;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.verifikimporter.job.JobFixture.NOW;
import static org.verifikimporter.job.JobFixture.badType;
import static org.verifikimporter.job.JobFixture.begun;
import static org.verifikimporter.job.JobFixture.person;
import static org.verifikimporter.job.JobFixture.sha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.job.RowExecution.Step;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;

/**
 * One file's import over a real embedded SQLite ledger and a temporary outbox: the per-row screening
 * (RowScreen: in-file duplicates, the resume, the dedupe window) and the check for earlier imports.
 */
class ImportJobTest {

    @TempDir
    Path tmp;
    Path outbox;
    Ledger ledger;

    @BeforeEach
    void openLedger() {
        outbox = tmp.resolve("outbox");
        ledger = JobFixture.ledger(tmp.resolve("state"));
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    /** As the routes do it for a row that was sent and answered with this validation. */
    static void sentAndCreated(ImportJob job, RowExecution row, String validationId) {
        assertThat(row.plan(false, null)).isEqualTo(Step.SEND);
        job.sending(row);
        row.sendingRecorded(NOW);
        row.attemptStarted(Instant.now());
        row.created(new CreatedSession(validationId, "new", "https://verifik.example/" + validationId));
        job.created(row);
    }

    @Test
    void aSecondRowForTheSamePersonIsADuplicateNamingTheFirstRow() throws IOException {
        ImportJob job = begun(outbox, ledger, "people.csv", sha('a'), false);

        RowExecution first = job.map(person(2, "ana@example.com"));
        RowExecution other = job.map(person(3, "bob@example.com"));
        RowExecution again = job.map(person(5, "ana@example.com"));

        assertThat(first.failure()).isNull();
        assertThat(other.failure()).isNull();
        assertThat(again.plan(false, null)).isEqualTo(Step.FAIL);
        assertThat(again.failure().code()).isEqualTo("DUPLICATE_ROW");
        assertThat(again.failure().message()).startsWith("row 2 already has the same project");
        assertThat(again.failure().retryable()).isFalse();
        assertThat(again.personHash()).as("never sent, so no ledger key").isNull();

        job.failed(again);
        job.finish(false, null);
        assertThat(ImporterHarness.csv(job.reportDir().resolve("failed.csv"))).singleElement().satisfies(f -> {
            assertThat(f.get("row")).isEqualTo("5");
            assertThat(f.get("errorCode")).isEqualTo("DUPLICATE_ROW");
            assertThat(f.get("identifier")).isEqualTo("ana@example.com");
        });
    }

    @Test
    void aPersonCreatedByAnotherImportWithinTheWindowIsNotSentAgain() throws IOException {
        ImportJob monday = begun(outbox, ledger, "monday.csv", sha('a'), false);
        sentAndCreated(monday, monday.map(person(4, "ana@example.com")), "bv-monday");
        monday.finish(false, null);

        ImportJob tuesday = begun(outbox, ledger, "tuesday.csv", sha('b'), false);
        RowExecution ana = tuesday.map(person(2, "ana@example.com"));
        RowExecution bob = tuesday.map(person(3, "bob@example.com"));

        assertThat(ana.plan(false, null)).isEqualTo(Step.FAIL);
        assertThat(ana.failure().code()).isEqualTo("ALREADY_CREATED");
        assertThat(ana.failure().message()).contains("validation bv-monday").contains("\"monday.csv\" row 4")
                .contains("importer.dedupe-window");
        assertThat(bob.plan(false, null)).isEqualTo(Step.SEND);
    }

    @Test
    void anEarlierRowOfUnknownOutcomeBlocksTheSamePersonToo() throws IOException {
        ImportJob monday = begun(outbox, ledger, "monday.csv", sha('a'), false);
        RowExecution inFlight = monday.map(person(2, "ana@example.com"));
        inFlight.plan(false, null);
        monday.sending(inFlight);
        // monday is cut short here: the row stays SENDING

        ImportJob tuesday = begun(outbox, ledger, "tuesday.csv", sha('b'), false);
        RowExecution ana = tuesday.map(person(2, "ana@example.com"));

        assertThat(ana.failure().code()).isEqualTo("ALREADY_CREATED");
        assertThat(ana.failure().message()).contains("outcome unknown").contains("check in Verifik first");
    }

    @Test
    void aZeroDedupeWindowSendsThePersonAgain() throws IOException {
        ImportJob monday = begun(outbox, ledger, "monday.csv", sha('a'), false);
        sentAndCreated(monday, monday.map(person(2, "ana@example.com")), "bv-monday");
        monday.finish(false, null);

        ImportJob tuesday = begun(outbox, ledger, "tuesday.csv", sha('b'), false, Duration.ZERO);
        assertThat(tuesday.map(person(2, "ana@example.com")).plan(false, null)).isEqualTo(Step.SEND);
    }

    @Test
    void aResumedImportReportsTheCreatedRowFromTheLedgerAndTheRowInFlightAsUnknown() throws IOException {
        // the first attempt, cut short by a crash: row 2 created, row 3 in flight, row 4 never reached
        Path firstDir = Files.createDirectories(outbox.resolve("people-20261125T120000Z"));
        ImportRun cut = ledger.startRun(sha('c'), "people.csv", firstDir, NOW);
        ledger.sending(cut.id(), 2, JobFixture.personHash("ana@example.com"));
        ledger.created(cut.id(), 2, 1, "bv-ana", "new", "https://verifik.example/bv-ana");
        ledger.sending(cut.id(), 3, JobFixture.personHash("bob@example.com"));
        ledger.flush();

        ImportJob resumed = new ImportJob("people.csv", sha('c'), false, outbox, Map.of(), JobFixture.CLOCK, ledger,
                JobFixture.DAY);
        resumed.checkEarlierImports(false);
        assertThat(resumed.resumed()).isTrue();
        resumed.header(JobFixture.HEADER);
        assertThat(resumed.reportDir()).as("the first attempt's report folder").isEqualTo(firstDir);

        RowExecution ana = resumed.map(person(2, "ana@example.com"));
        RowExecution bob = resumed.map(person(3, "bob@example.com"));
        RowExecution cid = resumed.map(person(4, "cid@example.com"));

        assertThat(ana.plan(false, null)).as("not sent again").isEqualTo(Step.DONE);
        assertThat(ana.session().validationId()).isEqualTo("bv-ana");
        resumed.created(ana);
        assertThat(bob.plan(false, null)).as("never resent").isEqualTo(Step.FAIL);
        assertThat(bob.failure().code()).isEqualTo("OUTCOME_UNKNOWN");
        resumed.failed(bob);
        sentAndCreated(resumed, cid, "bv-cid");
        FileOutcome outcome = resumed.finish(false, null);

        assertThat(outcome.created()).isEqualTo(2);
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(ImporterHarness.csv(firstDir.resolve("created.csv")))
                .extracting(c -> c.get("row") + ":" + c.get("validationId") + ":" + c.get("attempts"))
                .containsExactly("2:bv-ana:1", "4:bv-cid:1");
        assertThat(ImporterHarness.csv(firstDir.resolve("failed.csv"))).singleElement().satisfies(f -> {
            assertThat(f.get("row")).isEqualTo("3");
            assertThat(f.get("errorCode")).isEqualTo("OUTCOME_UNKNOWN");
            assertThat(f.get("errorMessage")).startsWith("the importer stopped (crash, kill or power loss)")
                    .contains("check in Verifik");
        });
        long runId = cut.id();
        assertThat(ledger.row(runId, 2)).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(LedgerRow.State.CREATED);
            assertThat(r.attempts()).as("no second call").isEqualTo(1);
        });
        assertThat(ledger.row(runId, 3)).get().extracting(LedgerRow::state).isEqualTo(LedgerRow.State.UNKNOWN);
        assertThat(ledger.row(runId, 4)).get().extracting(LedgerRow::validationId).isEqualTo("bv-cid");
        assertThat(ledger.runs(sha('c'))).singleElement().extracting(ImportRun::state).isEqualTo(ImportRun.State.DONE);
    }

    @Test
    void aResumedRowOfUnknownOutcomeIsLookedUpWhenLookupsAreOn() throws IOException {
        Path firstDir = Files.createDirectories(outbox.resolve("people-20261125T120000Z"));
        ImportRun cut = ledger.startRun(sha('c'), "people.csv", firstDir, NOW.minusSeconds(30));
        ledger.sending(cut.id(), 2, JobFixture.personHash("ana@example.com"));

        ImportJob resumed = begun(outbox, ledger, "people.csv", sha('c'), false);
        RowExecution ana = resumed.map(person(2, "ana@example.com"));

        assertThat(ana.plan(true, null)).isEqualTo(Step.RECONCILE);
        assertThat(ana.sentAt()).as("when its SENDING record was written").isEqualTo(NOW);
    }

    @Test
    void contentImportedCompletelyBeforeIsRefusedNamingTheEarlierImportUnlessForced() throws IOException {
        ImportJob first = begun(outbox, ledger, "people.csv", sha('d'), false);
        sentAndCreated(first, first.map(person(2, "ana@example.com")), "bv-ana");
        first.finish(false, null);
        Path firstDir = first.reportDir();

        ImportJob again = new ImportJob("copy of people.csv", sha('d'), false, outbox, Map.of(), JobFixture.CLOCK,
                ledger, JobFixture.DAY);
        assertThatThrownBy(() -> again.checkEarlierImports(false))
                .isInstanceOf(FileProblem.class)
                .hasMessageContaining("was already imported completely")
                .hasMessageContaining("as \"people.csv\"")
                .hasMessageContaining(firstDir.toString())
                .hasMessageContaining("--force");

        ImportJob forced = new ImportJob("copy of people.csv", sha('d'), false, outbox, Map.of(), JobFixture.CLOCK,
                ledger, JobFixture.DAY);
        forced.checkEarlierImports(true);
        assertThat(forced.resumed()).isFalse();
        forced.header(JobFixture.HEADER);
        assertThat(forced.reportDir()).as("a new import, a report folder of its own").isNotEqualTo(firstDir);
        // forced, but the person created by the first import is still within the dedupe window
        assertThat(forced.map(person(2, "ana@example.com")).failure().code()).isEqualTo("ALREADY_CREATED");
        assertThat(ledger.runs(sha('d'))).hasSize(2);
    }

    @Test
    void aFileStoppedByVerifikIsResumedNotRefused() throws IOException {
        ImportJob first = begun(outbox, ledger, "people.csv", sha('e'), false);
        first.finish(true, "Verifik answered 402");

        ImportJob next = new ImportJob("people.csv", sha('e'), false, outbox, Map.of(), JobFixture.CLOCK, ledger,
                JobFixture.DAY);
        next.checkEarlierImports(false);
        assertThat(next.resumed()).isTrue();
    }

    @Test
    void aDryRunReadsNoLedgerAndReportsValidRows() throws IOException {
        // content already imported: a dry run neither refuses it nor resumes it
        ImportJob first = begun(outbox, ledger, "people.csv", sha('f'), false);
        first.finish(false, null);

        ImportJob dry = begun(outbox, ledger, "people.csv", sha('f'), true);
        RowExecution ok = dry.map(person(2, "ana@example.com"));
        RowExecution bad = dry.map(badType(3, "bob@example.com"));
        assertThat(ok.plan(false, null)).isEqualTo(Step.CHECK);
        assertThat(bad.plan(false, null)).isEqualTo(Step.FAIL);
        assertThat(bad.failure().code()).isEqualTo("INVALID_TYPE");
        assertThat(dry.resumed()).isFalse();
        assertThat(ledger.runs(sha('f'))).as("nothing recorded").hasSize(1);
        List<Path> dirs;
        try (var s = Files.list(outbox)) {
            dirs = s.filter(Files::isDirectory).toList();
        }
        assertThat(dirs).hasSize(2);
    }

    @Test
    void aRowAdoptedByTheLookupKeepsItsAttemptsInTheLedger() throws IOException {
        ImportJob first = begun(outbox, ledger, "people.csv", sha('g'), false);
        RowExecution ana = first.map(person(2, "ana@example.com"));
        assertThat(ana.plan(true, null)).isEqualTo(Step.SEND);
        first.sending(ana);
        ana.sendingRecorded(NOW);
        ana.attemptStarted(Instant.now());
        ana.attemptStarted(Instant.now());
        ana.lookUp(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, "no answer after the request was sent"));
        first.adopt(ana, new CreatedSession("bv-ana", "new", null));
        first.created(ana);
        ledger.flush();
        // cut short here, before finishRun

        assertThat(ledger.row(JobFixture.runId(ledger, sha('g')), 2)).get().extracting(LedgerRow::attempts)
                .isEqualTo(2);
        ImportJob resumed = begun(outbox, ledger, "people.csv", sha('g'), false);
        RowExecution again = resumed.map(person(2, "ana@example.com"));
        assertThat(again.plan(true, null)).isEqualTo(Step.DONE);
        assertThat(again.attempts()).as("the attempts column of created.csv after the resume").isEqualTo(2);
    }
}

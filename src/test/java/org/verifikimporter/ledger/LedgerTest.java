package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger on a real embedded SQLite file (the default), a real H2 file and a real PostgreSQL server, with the
 * same code.
 */
class LedgerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path state;

    static Stream<String> databases() {
        return TestLedgers.kinds();
    }

    /** The file databases, which a test can close and open again as a restarted importer would. */
    static Stream<String> fileDatabases() {
        return Stream.of("sqlite", "h2");
    }

    Ledger open(String db) {
        return TestLedgers.open(db, state, CLOCK);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void recordsARunAndItsRowsThroughEveryState(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun run = ledger.startRun("a".repeat(64), "people.csv", Path.of("/out/people-1"), CLOCK.instant());
            ledger.sending(run.id(), 2, "p".repeat(64));
            ledger.sending(run.id(), 3, "q".repeat(64));
            ledger.sending(run.id(), 4, "r".repeat(64));
            ledger.sending(run.id(), 5, "s".repeat(64));
            ledger.created(run.id(), 2, 1, "bv-1", "new", "https://x/1");
            ledger.failed(run.id(), 3, 2, false, "SERVER_ERROR", "HTTP 503", 503, true);
            ledger.release(run.id(), 4);
            ledger.flush(); // outcomes are queued; sending() alone waits for its commit

            assertThat(ledger.row(run.id(), 2)).get().satisfies(r -> {
                assertThat(r.state()).isEqualTo(LedgerRow.State.CREATED);
                assertThat(r.validationId()).isEqualTo("bv-1");
                assertThat(r.url()).isEqualTo("https://x/1");
                assertThat(r.attempts()).isEqualTo(1);
            });
            assertThat(ledger.row(run.id(), 3)).get().satisfies(r -> {
                assertThat(r.state()).isEqualTo(LedgerRow.State.FAILED);
                assertThat(r.httpStatus()).isEqualTo(503);
                assertThat(r.retryable()).isTrue();
            });
            assertThat(ledger.row(run.id(), 4)).isEmpty();
            assertThat(ledger.row(run.id(), 5)).get().extracting(LedgerRow::state).isEqualTo(LedgerRow.State.SENDING);

            // a resume: what was in flight becomes unknown, and is never sent again
            assertThat(ledger.resumeRun(run.id(), "in flight at a crash")).isEqualTo(1);
            assertThat(ledger.row(run.id(), 5)).get().satisfies(r -> {
                assertThat(r.state()).isEqualTo(LedgerRow.State.UNKNOWN);
                assertThat(r.errorCode()).isEqualTo("OUTCOME_UNKNOWN");
            });

            assertThat(ledger.runs("a".repeat(64))).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(ImportRun.State.RUNNING);
                assertThat(r.reportDir()).isEqualTo(Path.of("/out/people-1"));
            });
            ledger.finishRun(run.id(), ImportRun.State.DONE);
            assertThat(ledger.runs("a".repeat(64)).get(0).finished()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void findsTheSamePersonInOtherRunsWithinTheWindow(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun first = ledger.startRun("b".repeat(64), "monday.csv", Path.of("/out/m"), CLOCK.instant());
            ledger.sending(first.id(), 7, "k".repeat(64));
            ledger.created(first.id(), 7, 1, "bv-7", "new", null);
            ledger.flush();
            ImportRun second = ledger.startRun("c".repeat(64), "tuesday.csv", Path.of("/out/t"), CLOCK.instant());

            assertThat(ledger.earlier("k".repeat(64), CLOCK.instant().minus(Duration.ofHours(24)), second.id()))
                    .get().satisfies(e -> {
                        assertThat(e.validationId()).isEqualTo("bv-7");
                        assertThat(e.fileName()).isEqualTo("monday.csv");
                        assertThat(e.rowNumber()).isEqualTo(7);
                    });
            assertThat(ledger.earlier("k".repeat(64), CLOCK.instant().plusSeconds(1), second.id())).isEmpty();
            assertThat(ledger.earlier("k".repeat(64), CLOCK.instant().minusSeconds(60), first.id())).isEmpty();
            assertThat(ledger.earlier("z".repeat(64), CLOCK.instant().minusSeconds(60), second.id())).isEmpty();
        }
    }

    /**
     * retry --expired: a person goes through the window only when every earlier validation of theirs ended expired
     * or failed; an open, completed or unknown one, or one still sending, keeps blocking them.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void onlyValidationsThatEndedExpiredOrFailedLetTheirPersonThrough(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun first = ledger.startRun("g".repeat(64), "people.csv", Path.of("/out/g"), CLOCK.instant());
            String[] people = {"1", "2", "3", "4", "5", "6"};
            for (int i = 0; i < people.length; i++) {
                ledger.sending(first.id(), i + 2, people[i].repeat(64));
            }
            ledger.created(first.id(), 2, 1, "bv-expired", "new", null);
            ledger.created(first.id(), 3, 1, "bv-failed", "new", null);
            ledger.created(first.id(), 4, 1, "bv-open", "new", null);
            ledger.created(first.id(), 5, 1, "bv-done", "new", null);
            ledger.failed(first.id(), 6, 1, true, "OUTCOME_UNKNOWN", "dropped", null, false);
            // row 7 stays SENDING
            ledger.finishRun(first.id(), ImportRun.State.DONE);
            ValidationStatusRepository statuses = new ValidationStatusRepository(ledger);
            statuses.apply("bv-expired", " Expired ", CLOCK.instant(), "read");
            statuses.apply("bv-failed", "failed", CLOCK.instant(), "webhook");
            statuses.apply("bv-open", "pending", CLOCK.instant(), "read");
            statuses.apply("bv-done", "validated", CLOCK.instant(), "read");
            ImportRun next = ledger.startRun("h".repeat(64), "again.csv", Path.of("/out/h"), CLOCK.instant());
            Instant since = CLOCK.instant().minus(Duration.ofHours(24));

            assertThat(ledger.earlier("1".repeat(64), since, next.id())).isEmpty();
            assertThat(ledger.earlier("2".repeat(64), since, next.id())).isEmpty();
            assertThat(ledger.earlier("3".repeat(64), since, next.id())).get()
                    .satisfies(e -> assertThat(e.validationId()).isEqualTo("bv-open"));
            assertThat(ledger.earlier("4".repeat(64), since, next.id())).isPresent();
            assertThat(ledger.earlier("5".repeat(64), since, next.id())).get()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(LedgerRow.State.UNKNOWN));
            assertThat(ledger.earlier("6".repeat(64), since, next.id())).get()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(LedgerRow.State.SENDING));

            // a second, open validation of the expired person blocks them again
            ledger.sending(next.id(), 2, "1".repeat(64));
            ledger.created(next.id(), 2, 1, "bv-again", "new", null);
            ledger.finishRun(next.id(), ImportRun.State.DONE);
            ImportRun third = ledger.startRun("i".repeat(64), "third.csv", Path.of("/out/i"), CLOCK.instant());
            assertThat(ledger.earlier("1".repeat(64), since, third.id())).get()
                    .satisfies(e -> assertThat(e.validationId()).isEqualTo("bv-again"));
        }
    }

    /** retry --unknown: a row put back no longer blocks its person; the decision is all or none, and taken once. */
    @ParameterizedTest
    @MethodSource("databases")
    void aRowPutBackLetsItsPersonThroughAndNoOther(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun first = ledger.startRun("d".repeat(64), "people.csv", Path.of("/out/p"), CLOCK.instant());
            ledger.sending(first.id(), 2, "u".repeat(64));
            ledger.sending(first.id(), 3, "v".repeat(64));
            ledger.sending(first.id(), 4, "w".repeat(64));
            ledger.failed(first.id(), 2, 1, true, "OUTCOME_UNKNOWN", "dropped", null, false);
            ledger.failed(first.id(), 3, 1, true, "OUTCOME_UNKNOWN", "dropped", null, false);
            ledger.created(first.id(), 4, 1, "bv-4", "new", null);
            ledger.finishRun(first.id(), ImportRun.State.DONE);
            ImportRun next = ledger.startRun("e".repeat(64), "other.csv", Path.of("/out/o"), CLOCK.instant());
            Instant since = CLOCK.instant().minus(Duration.ofHours(24));
            String back = "f".repeat(64);

            assertThat(ledger.putBacks().record(first.id(), List.of(2L), "people-unknown-1.csv", back)).isTrue();

            assertThat(ledger.earlier("u".repeat(64), since, next.id())).isEmpty();
            assertThat(ledger.earlier("v".repeat(64), since, next.id())).get()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(LedgerRow.State.UNKNOWN));
            assertThat(ledger.earlier("w".repeat(64), since, next.id())).isPresent();
            assertThat(ledger.row(first.id(), 2)).get().satisfies(r -> assertThat(r.state()).isEqualTo(LedgerRow.State.PUT_BACK));
            assertThat(ledger.putBacks().of(first.id(), 2)).get().satisfies(p -> {
                assertThat(p.fileName()).isEqualTo("people-unknown-1.csv");
                assertThat(p.sha256()).isEqualTo(back);
                assertThat(p.decidedAt()).isEqualTo(CLOCK.instant());
            });
            assertThat(ledger.putBacks().anySince(back, CLOCK.instant())).isTrue();
            assertThat(ledger.putBacks().anySince(back, CLOCK.instant().plusMillis(1))).isFalse();
            assertThat(ledger.putBacks().anySince("0".repeat(64), since)).isFalse();

            // row 2 is decided already, row 4 was created: neither goes back, and row 3 stays as it was
            assertThat(ledger.putBacks().record(first.id(), List.of(3L, 2L), "again.csv", back)).isFalse();
            assertThat(ledger.putBacks().record(first.id(), List.of(4L), "again.csv", back)).isFalse();
            assertThat(ledger.row(first.id(), 3)).get().satisfies(r -> assertThat(r.state()).isEqualTo(LedgerRow.State.UNKNOWN));
            assertThat(ledger.putBacks().of(first.id(), 3)).isEmpty();
            assertThat(ledger.earlier("v".repeat(64), since, next.id())).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRowCanBeMarkedSendingOnlyOnce(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun run = ledger.startRun("d".repeat(64), "x.csv", Path.of("/out/x"), CLOCK.instant());
            ledger.sending(run.id(), 2, "p".repeat(64));
            assertThatThrownBy(() -> ledger.sending(run.id(), 2, "p".repeat(64))).isInstanceOf(LedgerException.class);
            // and the failed write did not take the others of its batch down
            ledger.sending(run.id(), 3, "p".repeat(64));
            assertThat(ledger.row(run.id(), 3)).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void manyConcurrentSendersShareCommits(String db) throws Exception {
        try (Ledger ledger = open(db)) {
            ImportRun run = ledger.startRun("e".repeat(64), "big.csv", Path.of("/out/b"), CLOCK.instant());
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 200; i++) {
                        ledger.sending(run.id(), base + i, "h".repeat(64));
                        ledger.created(run.id(), base + i, 1, "id" + (base + i), "new", null);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            ledger.flush();
            assertThat(ledger.row(run.id(), 7199)).get().extracting(LedgerRow::validationId).isEqualTo("id7199");
        }
    }

    @ParameterizedTest
    @MethodSource("fileDatabases")
    void theLedgerSurvivesAReopen(String db) {
        Path dir = state.resolve("reopen-" + db);
        long runId;
        try (Ledger ledger = reopen(db, dir)) {
            runId = ledger.startRun("f".repeat(64), "r.csv", Path.of("/out/r"), CLOCK.instant()).id();
            ledger.sending(runId, 2, "p".repeat(64));
        }
        try (Ledger ledger = reopen(db, dir)) {
            assertThat(ledger.row(runId, 2)).get().satisfies(r -> {
                assertThat(r.state()).isEqualTo(LedgerRow.State.SENDING);
                assertThat(r.sendingAt()).isEqualTo(CLOCK.instant());
            });
            assertThat(ledger.runs("f".repeat(64))).singleElement().extracting(ImportRun::startedAt).isEqualTo(CLOCK.instant());
        }
    }

    Ledger reopen(String db, Path dir) {
        return db.equals("h2") ? openH2(dir) : LedgerFactory.open("", "", "", dir, CLOCK);
    }

    @ParameterizedTest
    @MethodSource("fileDatabases")
    void thePersonsOfAnImportCutShortAreFoundByTheNextImport(String db) {
        Path dir = state.resolve("cut-short-" + db);
        long cut;
        try (Ledger ledger = reopen(db, dir)) {
            cut = ledger.startRun("3".repeat(64), "cut.csv", Path.of("/out/cut"), CLOCK.instant()).id();
            ledger.sending(cut, 2, "k".repeat(64));
            ledger.created(cut, 2, 1, "bv-cut", "new", null);
            ledger.sending(cut, 3, "m".repeat(64)); // in flight at the "crash": no outcome
        } // closed without finishRun, as a kill leaves it
        try (Ledger ledger = reopen(db, dir)) {
            ImportRun next = ledger.startRun("4".repeat(64), "next.csv", Path.of("/out/next"), CLOCK.instant());
            Instant since = CLOCK.instant().minus(Duration.ofHours(24));
            assertThat(ledger.earlier("k".repeat(64), since, next.id())).get().satisfies(e -> {
                assertThat(e.validationId()).isEqualTo("bv-cut");
                assertThat(e.fileName()).isEqualTo("cut.csv");
            });
            assertThat(ledger.earlier("m".repeat(64), since, next.id())).get()
                    .extracting(EarlierCreate::state).isEqualTo(LedgerRow.State.SENDING);
            // the import cut short does not block itself when it is resumed
            assertThat(ledger.earlier("k".repeat(64), since, cut)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("fileDatabases")
    void aResumedImportCutShortAgainHasItsNewPersonsFoundToo(String db) {
        Path dir = state.resolve("cut-twice-" + db);
        long cut;
        try (Ledger ledger = reopen(db, dir)) {
            cut = ledger.startRun("5".repeat(64), "cut.csv", Path.of("/out/cut"), CLOCK.instant()).id();
            ledger.sending(cut, 2, "k".repeat(64));
        }
        try (Ledger ledger = reopen(db, dir)) {
            // another file comes first (its start takes in the persons of the cut import), then the cut one resumes
            long other = ledger.startRun("6".repeat(64), "other.csv", Path.of("/out/other"), CLOCK.instant()).id();
            ledger.finishRun(other, ImportRun.State.DONE);
            assertThat(ledger.resumeRun(cut, "in flight at a crash")).isEqualTo(1);
            ledger.sending(cut, 3, "n".repeat(64));
            ledger.created(cut, 3, 1, "bv-n", "new", null);
        } // cut short a second time
        try (Ledger ledger = reopen(db, dir)) {
            ImportRun next = ledger.startRun("7".repeat(64), "next.csv", Path.of("/out/next"), CLOCK.instant());
            assertThat(ledger.earlier("n".repeat(64), CLOCK.instant().minus(Duration.ofHours(24)), next.id()))
                    .get().extracting(EarlierCreate::validationId).isEqualTo("bv-n");
        }
    }

    @org.junit.jupiter.api.Test
    void aLedgerOfTheFirstSqliteSchemaIsMigratedWithItsPersons() throws Exception {
        Path dir = state.resolve("sqlite-v1");
        java.nio.file.Files.createDirectories(dir);
        String url = "jdbc:sqlite:" + dir.toAbsolutePath().resolve(LedgerFactory.EMBEDDED_FILE);
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/ledger/sqlite")
                .target("1").load().migrate();
        long millis = CLOCK.instant().toEpochMilli();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("INSERT INTO import_run (id, sha256, file_name, report_dir, state, started_at, finished_at) "
                    + "VALUES (1, '" + "8".repeat(64) + "', 'before.csv', '/out/b', 'DONE', " + millis + ", " + millis + ")");
            st.execute("INSERT INTO ledger_row (run_id, row_number, person_key, state, attempts, validation_id, sending_at) "
                    + "VALUES (1, 2, '" + "k".repeat(64) + "', 'CREATED', 1, 'bv-before', " + millis + ")");
        }
        try (Ledger ledger = LedgerFactory.open("", "", "", dir, CLOCK)) {
            ImportRun next = ledger.startRun("9".repeat(64), "next.csv", Path.of("/out/next"), CLOCK.instant());
            assertThat(ledger.earlier("k".repeat(64), CLOCK.instant().minus(Duration.ofHours(24)), next.id()))
                    .get().extracting(EarlierCreate::validationId).isEqualTo("bv-before");
            assertThatThrownBy(() -> ledger.sending(1, 2, "k".repeat(64))).as("the old row is kept")
                    .isInstanceOf(LedgerException.class);
        }
    }

    static Ledger openH2(Path dir) {
        return TestLedgers.openH2(dir, CLOCK);
    }

    @org.junit.jupiter.api.Test
    void aSecondImporterOnTheSameStateFolderIsRefusedUntilTheFirstCloses() {
        Path dir = state.resolve("locked");
        try (Ledger first = LedgerFactory.open("", "", "", dir, CLOCK)) {
            first.startRun("1".repeat(64), "a.csv", Path.of("/out/a"), CLOCK.instant());
            assertThatThrownBy(() -> LedgerFactory.open("", "", "", dir, CLOCK))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("in use by another verifik-importer process");
        }
        try (Ledger again = LedgerFactory.open("", "", "", dir, CLOCK)) {
            assertThat(again.runs("1".repeat(64))).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void aStateFolderWithAnOlderH2LedgerIsNotSilentlyStartedAfresh() throws Exception {
        Path dir = state.resolve("old-h2");
        long runId;
        try (Ledger old = openH2(dir)) {
            runId = old.startRun("2".repeat(64), "cut-short.csv", Path.of("/out/c"), CLOCK.instant()).id();
            old.sending(runId, 2, "p".repeat(64));
        }
        assertThat(LedgerFactory.embeddedLedgerExists(dir)).isTrue();
        assertThatThrownBy(() -> LedgerFactory.open("", "", "", dir, CLOCK))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("ledger of an earlier version")
                .hasMessageContaining("importer.ledger.url=jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger"));
        assertThat(dir.resolve(LedgerFactory.EMBEDDED_FILE)).doesNotExist();
        // the way out the message gives keeps the unfinished import
        try (Ledger kept = openH2(dir)) {
            assertThat(kept.unfinishedRuns()).singleElement().extracting(ImportRun::id).isEqualTo(runId);
        }
        // and the lock was let go: a later open reaches the same check again
        assertThatThrownBy(() -> LedgerFactory.open("", "", "", dir, CLOCK)).hasMessageContaining("earlier version");
    }
    /**
     * H2 moved chunks inside the file on every close (MAX_COMPACT_TIME) and broke its own invariant doing so on
     * files like this one: under -ea the close was cut short and left ledger.trace.db ("IO Exception: Closing").
     */
    @org.junit.jupiter.api.Test
    void anH2FileClosesCleanlyAndKeepsEveryRow() {
        Path dir = state.resolve("h2-close");
        int rows = 500;
        long runId;
        try (Ledger ledger = openH2(dir)) {
            runId = ledger.startRun("9".repeat(64), "big.csv", Path.of("/out/big"), CLOCK.instant()).id();
            for (int i = 0; i < rows; i++) {
                // one commit per row, each with a random person key: the most dead space left in the file
                ledger.sending(runId, i + 2, String.format("%064x", new java.math.BigInteger(256, new java.util.Random(i))));
                ledger.created(runId, i + 2, 1, "bv-" + i, "new", null);
            }
        }
        assertThat(dir.resolve("ledger.trace.db")).as("H2 wrote no error trace").doesNotExist();
        try (Ledger ledger = openH2(dir)) {
            assertThat(ledger.row(runId, 2 + rows - 1)).get().extracting(LedgerRow::validationId).isEqualTo("bv-" + (rows - 1));
            assertThat(ledger.rowStates(runId)).containsExactly(java.util.Map.entry("CREATED", (long) rows));
        }
        assertThat(dir.resolve("ledger.trace.db")).as("nor on the second close").doesNotExist();
    }
}

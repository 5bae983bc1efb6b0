package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.verifikimporter.ledger.ValidationStatusRepository.Applied;
import org.verifikimporter.ledger.ValidationStatusRepository.Observed;

/** Statuses after the create answer, on a real SQLite file, H2 file and PostgreSQL server (V5 / V4). */
class ValidationStatusRepositoryTest {

    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    static Path state;

    static Stream<String> databases() {
        return TestLedgers.kinds();
    }

    Ledger open(String db) {
        return TestLedgers.open(db, state, CLOCK);
    }

    /** A run with rows 2..(1 + ids.length) created as bv-<id>, status new; row 9 failed, no id. */
    static ImportRun runWith(Ledger ledger, String sha, String... ids) {
        ImportRun run = ledger.startRun(sha.repeat(64), "people.csv", Path.of("/out/" + sha), T0);
        int row = 2;
        for (String id : ids) {
            ledger.sending(run.id(), row, "p".repeat(64));
            ledger.created(run.id(), row, 1, id, "new", "https://x/" + id);
            row++;
        }
        ledger.sending(run.id(), 9, "q".repeat(64));
        ledger.failed(run.id(), 9, 1, false, "BAD_ROW", "no", 400, false);
        return run;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChangeIsRecordedOnceAndAReplayChangesNothing(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun run = runWith(ledger, "a", "bv-1", "bv-2");
            ValidationStatusRepository statuses = ledger.validationStatuses();
            Instant t1 = T0.plusSeconds(60);
            Instant t2 = T0.plusSeconds(120);

            assertThat(statuses.apply("bv-1", "completed", t1, "read")).isEqualTo(Applied.CHANGED);
            assertThat(statuses.apply("bv-1", "completed", t2, "webhook")).isEqualTo(Applied.UNCHANGED);
            assertThat(statuses.apply("bv-9", "completed", t2, "webhook")).isEqualTo(Applied.UNKNOWN_ID);
            // the create answer's status, confirmed: no change
            assertThat(statuses.apply("bv-2", "new", t1, "read")).isEqualTo(Applied.UNCHANGED);

            assertThat(statuses.changesOf("bv-1")).singleElement().satisfies(c -> {
                assertThat(c[0]).isNull();
                assertThat(c[1]).isEqualTo("completed");
                assertThat(c[2]).isEqualTo("read");
            });
            assertThat(statuses.changesOf("bv-2")).isEmpty();
            assertThat(statuses.statusesOfRun(run.id())).containsExactly(
                    new RunStatus(2, "bv-1", "completed", t1, t2),
                    new RunStatus(3, "bv-2", "new", T0, t1));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anyValueIsKeptAsItCameAndAnOpenOneAfterAFinalOneIsIgnored(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun run = runWith(ledger, "b", "bv-1");
            ValidationStatusRepository statuses = ledger.validationStatuses();
            assertThat(statuses.apply("bv-1", "In_Review", T0.plusSeconds(1), "read")).isEqualTo(Applied.CHANGED);
            assertThat(statuses.apply("bv-1", "Validated", T0.plusSeconds(2), "webhook")).isEqualTo(Applied.CHANGED);
            assertThat(statuses.apply("bv-1", "new", T0.plusSeconds(3), "webhook")).isEqualTo(Applied.UNCHANGED);
            assertThat(statuses.apply("bv-1", "failed", T0.plusSeconds(4), "read")).isEqualTo(Applied.CHANGED);

            assertThat(statuses.changesOf("bv-1")).extracting(c -> c[0] + ">" + c[1])
                    .containsExactly("null>In_Review", "In_Review>Validated", "Validated>failed");
            assertThat(statuses.statusesOfRun(run.id())).singleElement()
                    .satisfies(s -> assertThat(s.status()).isEqualTo("failed"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void candidatesAreTheCreatedOnesInTheWindowWhoseStatusIsNotFinal(String db) {
        try (Ledger ledger = open(db)) {
            ImportRun run = runWith(ledger, "c", "bv-1", "bv-2", "bv-3", "bv-4");
            ValidationStatusRepository statuses = ledger.validationStatuses();
            List<Applied> applied = statuses.applyAll(List.of(new Observed("bv-1", "completed"),
                    new Observed("bv-2", "EXPIRED"), new Observed("bv-3", "pending"), new Observed("nope", "new")),
                    T0.plusSeconds(5), "read");
            assertThat(applied).containsExactly(Applied.CHANGED, Applied.CHANGED, Applied.CHANGED, Applied.UNKNOWN_ID);

            assertThat(statuses.trackCandidates(T0.minus(Duration.ofDays(14))))
                    .extracting(TrackCandidate::validationId, TrackCandidate::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bv-3", "pending"),
                            org.assertj.core.groups.Tuple.tuple("bv-4", "new"));
            assertThat(statuses.trackCandidates(T0.plusSeconds(1))).as("sent before the window").isEmpty();

            Funnel funnel = statuses.funnelOfRun(run.id());
            assertThat(funnel).isEqualTo(new Funnel(4, 2, 1, 0, 1, T0.plusSeconds(5)));
            assertThat(statuses.funnelOfRun(run.id() + 100)).isEqualTo(new Funnel(0, 0, 0, 0, 0, null));
        }
    }
}

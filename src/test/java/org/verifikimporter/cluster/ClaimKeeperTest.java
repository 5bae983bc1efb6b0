package org.verifikimporter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.ledger.Claim;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;

/**
 * Claims on one real PostgreSQL database shared by several ledgers, as several importer processes share it:
 * one holder per key however many race for it, a dead holder's claim taken over once its lease is past, a
 * live holder's never, a lost claim noticed by its old holder, and a claim in doubt never trusted again.
 */
class ClaimKeeperTest {

    static EmbeddedPostgres postgres;
    static int databases;

    @TempDir
    Path state;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    /** A fresh database; each call of {@code ledger} on it is one more importer on it. */
    static String database() throws Exception {
        String name = "claims" + (++databases);
        try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    Ledger ledger(String url) {
        return LedgerFactory.open(url, "postgres", "postgres", state, Clock.systemUTC());
    }

    @Test
    void ofEightInstancesRacingForOneFileExactlyOneGetsIt() throws Exception {
        String url = database();
        int n = 8;
        List<Ledger> ledgers = new ArrayList<>();
        List<ClaimKeeper> keepers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int i = 0; i < n; i++) {
                Ledger ledger = ledger(url);
                ledgers.add(ledger);
                keepers.add(new ClaimKeeper(ledger, Instance.of("i" + i), Duration.ofSeconds(30)));
            }
            for (int round = 0; round < 5; round++) {
                String key = "file:people-" + round + ".csv";
                CyclicBarrier together = new CyclicBarrier(n);
                List<Future<ClaimKeeper.Outcome>> outcomes = new ArrayList<>();
                for (ClaimKeeper keeper : keepers) {
                    outcomes.add(pool.submit(() -> {
                        together.await();
                        return keeper.take(key, "people.csv");
                    }));
                }
                int taken = 0;
                for (Future<ClaimKeeper.Outcome> o : outcomes) {
                    taken += o.get(30, TimeUnit.SECONDS).taken() ? 1 : 0;
                }
                assertThat(taken).as("holders of %s", key).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            keepers.forEach(ClaimKeeper::close);
            ledgers.forEach(Ledger::close);
        }
    }

    @Test
    void aDeadHoldersClaimIsTakenOverOnceItsLeaseIsPastAndALiveOnesNever() throws Exception {
        String url = database();
        try (Ledger a = ledger(url); Ledger b = ledger(url);
             ClaimKeeper live = new ClaimKeeper(a, Instance.of("live"), Duration.ofMillis(900));
             ClaimKeeper other = new ClaimKeeper(b, Instance.of("other"), Duration.ofMillis(900))) {
            // a process killed while it held a claim: nothing renews it
            assertThat(a.claims().take("file:dead.csv", "dead#1", "dead", "dead.csv", 600)).isTrue();
            assertThat(other.take("file:dead.csv", "dead.csv").taken()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> other.take("file:dead.csv", "dead.csv").taken());
            Claim now = b.claims().find("file:dead.csv").orElseThrow();
            assertThat(now.instanceName()).isEqualTo("other");

            // a live holder renews its claim every third of the lease: four leases later it is still its own
            assertThat(live.take("file:live.csv", "live.csv").taken()).isTrue();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3600);
            while (System.nanoTime() < until) {
                assertThat(other.take("file:live.csv", "live.csv").taken()).isFalse();
                Thread.onSpinWait();
            }
            assertThat(b.claims().find("file:live.csv").orElseThrow().instanceName()).isEqualTo("live");
        }
    }

    @Test
    void aHolderWhoseClaimWasTakenNoticesAtItsNextHeartbeatAndStops() throws Exception {
        String url = database();
        try (Ledger a = ledger(url); Ledger b = ledger(url);
             ClaimKeeper first = new ClaimKeeper(a, Instance.of("first"), Duration.ofMillis(900));
             ClaimKeeper second = new ClaimKeeper(b, Instance.of("second"), Duration.ofMillis(900))) {
            HeldClaim claim = first.take("file:x.csv", "x.csv").claim();
            CountDownLatch stopped = new CountDownLatch(1);
            claim.onLoss(stopped::countDown);
            // what a takeover after a pause longer than the lease leaves in the database
            b.claims().release("file:x.csv", first.instance().owner());
            assertThat(second.take("file:x.csv", "x.csv").taken()).isTrue();

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(claim.valid()).isFalse();
            // its release leaves the new holder's claim alone
            claim.release();
            assertThat(a.claims().find("file:x.csv").orElseThrow().instanceName()).isEqualTo("second");
        }
    }

    @Test
    void aClaimNotRenewedWithinTwoThirdsOfItsLeaseIsNeverTrustedAgain() throws Exception {
        String url = database();
        AtomicLong nanos = new AtomicLong(0);
        try (Ledger a = ledger(url);
             ClaimKeeper keeper = new ClaimKeeper(a, Instance.of("paused"), Duration.ofHours(1), nanos::get)) {
            HeldClaim claim = keeper.take("file:p.csv", "p.csv").claim();
            nanos.set(TimeUnit.MINUTES.toNanos(39));
            assertThat(claim.valid()).isTrue();
            nanos.set(TimeUnit.MINUTES.toNanos(41));
            assertThat(claim.valid()).isFalse();
            // a renewal that comes late does not make it good again: lines may have been left out of a report
            keeper.renew();
            assertThat(claim.valid()).isFalse();
            // and it is handed back, so the next importer need not wait out the lease
            assertThat(a.claims().find("file:p.csv")).isEmpty();
        }
    }

    @Test
    void closingHandsEveryClaimBackAtOnce() throws Exception {
        String url = database();
        try (Ledger a = ledger(url); Ledger b = ledger(url);
             ClaimKeeper other = new ClaimKeeper(b, Instance.of("other"), Duration.ofSeconds(30))) {
            ClaimKeeper stopping = new ClaimKeeper(a, Instance.of("stopping"), Duration.ofSeconds(30));
            assertThat(stopping.take("file:a.csv", "a.csv").taken()).isTrue();
            assertThat(stopping.take("content:" + "c".repeat(64), "a.csv").taken()).isTrue();
            assertThat(other.take("file:a.csv", "a.csv").taken()).isFalse();
            stopping.close();
            assertThat(other.take("file:a.csv", "a.csv").taken()).isTrue();
            assertThat(other.take("content:" + "c".repeat(64), "a.csv").taken()).isTrue();
        }
    }

    @Test
    void theEmbeddedFilesClaimsAreADeadProcesssAndGoWhenTheNextOneStarts() throws Exception {
        for (String db : List.of("sqlite", "h2")) {
            Path dir = state.resolve(db);
            String url = db.equals("h2") ? "jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger") : "";
            try (Ledger ledger = LedgerFactory.open(url, "sa", "", dir, Clock.systemUTC())) {
                assertThat(ledger.shared()).isFalse();
                assertThat(ledger.claims().take("file:a.csv", "killed#1", "killed", "a.csv", 3_600_000)).isTrue();
                assertThat(ledger.claims().take("file:a.csv", "other#1", "other", "a.csv", 3_600_000)).isFalse();
            }
            try (Ledger ledger = LedgerFactory.open(url, "sa", "", dir, Clock.systemUTC());
                 ClaimKeeper keeper = new ClaimKeeper(ledger, Instance.of("restarted"), Duration.ofSeconds(30))) {
                assertThat(keeper.take("file:a.csv", "a.csv").taken()).as(db).isTrue();
                assertThat(keeper.take("file:a.csv", "a.csv").taken()).as(db + ": held, even by itself").isFalse();
            }
        }
    }
}

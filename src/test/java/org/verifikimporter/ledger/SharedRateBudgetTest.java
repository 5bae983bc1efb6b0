package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The shared budget's own promises: its arithmetic, a key that is no secret, no ledger of one instance with a
 * shared budget, and no call while the database cannot be reached. On a real embedded PostgreSQL server.
 */
class SharedRateBudgetTest {

    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.shared-budget-test-token.c2lnbmF0dXJl";

    /** One server for the tests that keep it running; the outage test has one of its own to stop. */
    static EmbeddedPostgres shared;
    static int databases;

    @TempDir
    Path tmp;
    EmbeddedPostgres postgres;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger callLog = (Logger) LoggerFactory.getLogger("verifik.importer.call");

    @BeforeAll
    static void startPostgres() throws Exception {
        shared = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        shared.close();
    }

    @BeforeEach
    void listen() {
        log.start();
        callLog.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        callLog.detachAppender(log);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theRefillLetsExactlyTheRateIntoOneSecondStretchedByTheMargin() {
        long stretched = TimeUnit.SECONDS.toNanos(1) + SharedRateBudget.MARGIN_NANOS;
        for (int rate = 1; rate <= 500; rate++) {
            long p = SharedRateBudget.refillPeriodNanos(rate);
            // one token at the window's start, then one per period: no more than the rate, and not one fewer
            assertThat(1 + stretched / p).as("rate %d", rate).isEqualTo(rate);
            // the 100 ms margin costs 1/1.1 of the rate
            assertThat(1e9 / p / rate).as("share of rate %d", rate).isGreaterThan(0.9);
        }
    }

    @Test
    void theBucketIsKeyedByADigestOfTheTokenNeverTheTokenItself() throws Exception {
        String db = newDatabase();
        try (Ledger ledger = openPostgres(shared, db)) {
            ledger.sharedRateBudget(TOKEN, 5).orElseThrow().take();
            try (Connection c = shared.getDatabase("postgres", db).getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, state FROM rate_budget")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("id")).isEqualTo(SharedRateBudget.keyOf(TOKEN)).matches("[0-9a-f]{64}");
                assertThat(new String(rs.getBytes("state"), StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
                assertThat(rs.next()).as("one bucket per token").isFalse();
            }
        }
        assertThat(SharedRateBudget.keyOf(TOKEN)).isNotEqualTo(SharedRateBudget.keyOf(TOKEN + "x"));
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(TOKEN));
    }

    @Test
    void aLedgerOnlyOneImporterUsesHasNoSharedBudget() {
        try (Ledger sqlite = LedgerFactory.open("", "", "", tmp.resolve("sqlite"), Clock.systemUTC());
             Ledger h2 = LedgerFactory.open("jdbc:h2:file:" + tmp.resolve("h2").toAbsolutePath().resolve("ledger")
                     + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "", tmp.resolve("h2"), Clock.systemUTC())) {
            assertThat(sqlite.sharedRateBudget(TOKEN, 5)).isEmpty();
            assertThat(h2.sharedRateBudget(TOKEN, 5)).isEmpty();
        }
    }

    @Test
    void noRateLimitNeedsNoSharedBudget() throws Exception {
        try (Ledger ledger = openPostgres(shared, newDatabase())) {
            assertThat(ledger.sharedRateBudget(TOKEN, 0)).isEmpty();
            assertThat(ledger.sharedRateBudget(TOKEN, 5)).isPresent();
        }
    }

    @Test
    void whileTheDatabaseCannotBeReachedNoCallGoesOutAndItSaysSoOnce() throws Exception {
        Path data = tmp.resolve("pg");
        int port = freePort();
        postgres = postgresAt(data, port);
        try (Ledger ledger = openPostgres(postgres, "postgres")) {
            SharedRateBudget budget = ledger.sharedRateBudget(TOKEN, 50).orElseThrow();
            budget.take();
            postgres.close();
            postgres = null;

            CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
                try {
                    budget.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Throwable> stopped = new ArrayList<>();
            Thread stopping = new Thread(() -> {
                try {
                    budget.take();
                } catch (Throwable e) {
                    stopped.add(e);
                }
            });
            stopping.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> warnings().size() == 1);
            assertThat(call).as("no call while the budget cannot be read").isNotDone();
            String warning = warnings().get(0);
            assertThat(warning).contains("cannot be read from the ledger database", "No call starts until it answers")
                    .doesNotContain("\n", "\tat ", TOKEN);

            // the importer stopping ends a wait for the database
            stopping.interrupt();
            stopping.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(stopping.isAlive()).isFalse();
            assertThat(stopped).singleElement().isInstanceOf(InterruptedException.class);
            assertThat(call).isNotDone();

            // the database answering again lets the waiting call go
            postgres = postgresAt(data, port);
            call.get(30, TimeUnit.SECONDS);
            assertThat(messages()).anyMatch(m -> m.startsWith("The shared rate budget answers again after"));
            assertThat(warnings()).as("one warning for the outage, not one per try").hasSize(1);
        }
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theBudgetKeepsTimeByTheDatabasesClock() throws Exception {
        DatabaseClock clock = new DatabaseClock();
        assertThat(clock.anchorDue()).isTrue();
        DataSource db = shared.getPostgresDatabase();
        clock.anchor(db);
        assertThat(clock.anchorDue()).isFalse();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                long before = clock.currentTimeNanos();
                long database;
                try (ResultSet rs = st.executeQuery(
                        "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)")) {
                    rs.next();
                    database = TimeUnit.MICROSECONDS.toNanos(rs.getLong(1));
                }
                long after = clock.currentTimeNanos();
                // within the query's round trip, give or take the anchor's own half round trip
                long slack = TimeUnit.MILLISECONDS.toNanos(5);
                assertThat(database).isBetween(before - slack, after + slack);
            }
        }
    }

    private Ledger openPostgres(EmbeddedPostgres pg, String db) {
        return LedgerFactory.open(pg.getJdbcUrl("postgres", db), "postgres", "postgres", tmp, Clock.systemUTC());
    }

    private static String newDatabase() throws Exception {
        String name = "budget" + (++databases);
        try (Connection c = shared.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** A server that keeps its data when closed, so that the same one can be started again. */
    private static EmbeddedPostgres postgresAt(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

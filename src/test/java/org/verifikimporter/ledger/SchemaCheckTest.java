package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

class SchemaCheckTest {

    @TempDir
    Path tmp;

    static int highestScript(String folder) throws Exception {
        Pattern v = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/ledger", folder))) {
            return files.map(f -> v.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
    }

    @Test
    void theNewestVersionsAreTheHighestScriptsThisBuildCarries() throws Exception {
        // a new migration without raising these would be skipped on every ledger already at the old newest
        assertThat(SchemaCheck.NEWEST_SQLITE).isEqualTo(highestScript("sqlite"));
        assertThat(SchemaCheck.NEWEST_STANDARD).isEqualTo(highestScript("standard"));
    }

    SQLiteDataSource file(Path db) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + db);
        return ds;
    }

    @Test
    void aLedgerFlywayMigratedIsCurrentAndANewOrHalfMigratedOneIsNot() throws Exception {
        Path state = tmp.resolve("state");
        LedgerFactory.open(null, null, null, state, Clock.systemUTC()).close();
        assertThat(SchemaCheck.current(file(state.resolve(LedgerFactory.EMBEDDED_FILE)), true)).isTrue();
        // the same history read as the other dialect's: not its newest
        assertThat(SchemaCheck.current(file(state.resolve(LedgerFactory.EMBEDDED_FILE)), false)).isFalse();

        assertThat(SchemaCheck.current(file(tmp.resolve("empty.db")), true)).as("no history table").isFalse();

        SQLiteDataSource failed = file(tmp.resolve("failed.db"));
        try (Connection c = failed.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table \"flyway_schema_history\" (version varchar(50), success boolean)");
            s.execute("insert into \"flyway_schema_history\" values ('4', 1), ('5', 0)");
        }
        assertThat(SchemaCheck.current(failed, true)).as("a failed migration").isFalse();
        try (Connection c = failed.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from \"flyway_schema_history\" where version = '5'");
        }
        assertThat(SchemaCheck.current(failed, true)).as("one migration behind").isFalse();
    }

    @Test
    void aLedgerReopenedAtTheNewestVersionStillWorks() throws Exception {
        Path state = tmp.resolve("state");
        LedgerFactory.open(null, null, null, state, Clock.systemUTC()).close();
        try (Ledger again = LedgerFactory.open(null, null, null, state, Clock.systemUTC())) {
            assertThat(again.claims().all()).isEmpty();
        }
    }

    @Test
    void h2AndPostgresqlLedgersAreCurrentOnceOpenedSoTheNextStartSkipsFlyway() throws Exception {
        Path h2 = tmp.resolve("h2");
        String h2Url = "jdbc:h2:file:" + h2.toAbsolutePath().resolve("ledger") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        LedgerFactory.open(h2Url, "sa", "", h2, Clock.systemUTC()).close();
        JdbcDataSource h2Ds = new JdbcDataSource();
        h2Ds.setURL(LedgerFactory.h2WithoutCompactionOnClose(h2Url));
        h2Ds.setUser("sa");
        assertThat(SchemaCheck.current(h2Ds, false)).as("h2").isTrue();
        assertThat(h2.resolve("ledger.trace.db")).as("H2 wrote no error trace").doesNotExist();

        EmbeddedPostgres postgres = TestLedgers.postgres();
        try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE DATABASE schema_check");
        }
        String url = postgres.getJdbcUrl("postgres", "schema_check");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser("postgres");
        pg.setPassword("postgres");
        assertThat(SchemaCheck.current(pg, false)).as("an empty database").isFalse();
        LedgerFactory.open(url, "postgres", "postgres", tmp.resolve("pg"), Clock.systemUTC()).close();
        assertThat(SchemaCheck.current(pg, false)).as("postgresql").isTrue();
        try (Ledger again = LedgerFactory.open(url, "postgres", "postgres", tmp.resolve("pg"), Clock.systemUTC())) {
            assertThat(again.claims().all()).isEmpty();
        }
    }
}

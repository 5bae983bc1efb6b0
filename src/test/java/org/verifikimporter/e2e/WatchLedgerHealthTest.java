package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.e2e.WatchHealthAndMetricsTest.check;
import static org.verifikimporter.e2e.WatchHealthAndMetricsTest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code watch} on a PostgreSQL ledger: readiness goes DOWN, saying so, when the database stops. */
class WatchLedgerHealthTest extends AgainstSimulator {

    static final String TOKEN = "watch-ledger-token-3e7a";
    static final String PASSWORD = "s3cret-ledger-pw";

    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void readinessIsDownWithTheReasonWhenTheLedgerDatabaseStops() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE USER importer WITH PASSWORD '" + PASSWORD + "'");
            st.execute("CREATE DATABASE ledger OWNER importer");
        }
        Watching w = new Watching(tmp, sim.baseUrl(), TOKEN)
                .set("importer.ledger.url", pg.getJdbcUrl("importer", "ledger"))
                .set("importer.ledger.user", "importer")
                .env("IMPORTER_LEDGER_PASSWORD", PASSWORD)
                .start();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(w.get("/observe/health/ready").statusCode()).isEqualTo(200));

            pg.close();

            // each probe may wait out the pool's connection timeout (10 s) once the connection is gone
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(w.get("/observe/health/ready").statusCode()).isEqualTo(503));
            JsonNode down = json(w.get("/observe/health/ready"));
            String message = check(down, "ledger").path("message").asText();
            assertThat(message).startsWith("the ledger database ");
            assertThat(message).matches(".*(cannot be reached|did not answer).*");
            assertThat(down.toString()).doesNotContain(PASSWORD, "Exception:", "stacktrace");
            // a restart would not bring the database back: the process is still live
            assertThat(w.get("/observe/health/live").statusCode()).isEqualTo(200);
        } finally {
            // closing the ledger cannot commit with the database gone; that is not what this test is about
            catchThrowable(w::stop);
        }
    }
}

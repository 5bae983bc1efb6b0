package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** `run` with importer.ledger.url naming a real PostgreSQL server (started by the test itself). */
class PostgresLedgerRunTest {

    @TempDir
    Path tmp;

    @Test
    void theLedgerInPostgresRejectsTheSameFileTwiceAndKeepsNoStateOnDisk() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("t").port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), "t")
                    .set("importer.ledger.url", pg.getJdbcUrl("postgres", "postgres"))
                    .set("importer.ledger.user", "postgres")
                    .env("IMPORTER_LEDGER_PASSWORD", "postgres");
            String csv = "identifier,project,projectFlow,type\na@example.com," + P1 + "," + F_LOGIN + ",login\n";
            h.drop("pg.csv", csv);
            ImporterHarness.Result first = h.run("run");
            assertThat(first.exitCode()).as(first.logs()).isZero();
            h.drop("pg-again.csv", csv);
            ImporterHarness.Result second = h.run("run");
            assertThat(second.exitCode()).isEqualTo(3);
            assertThat(sim.validations()).hasSize(1);
            assertThat(h.filesUnder(h.state)).as("no H2 file: the ledger is in PostgreSQL").isEmpty();
            assertThat(first.logs() + second.logs()).doesNotContain("password=postgres");
        }
    }

    /** track on PostgreSQL: its reads take the rate budget the instances share, its statuses land in V4's tables. */
    @Test
    void trackOnAPostgresLedgerRecordsTheStatusesAndASecondPassNoChange() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("t").port(0)
                     .completeShare(0.5).failShare(0.5).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), "t")
                    .set("importer.ledger.url", pg.getJdbcUrl("postgres", "postgres"))
                    .set("importer.ledger.user", "postgres")
                    .set("importer.rate", "20")
                    .env("IMPORTER_LEDGER_PASSWORD", "postgres");
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type\n");
            for (int i = 0; i < 20; i++) {
                csv.append("p").append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN).append(",login\n");
            }
            h.drop("pg-track.csv", csv.toString());
            assertThat(h.run("run").exitCode()).isZero();

            ImporterHarness.Result first = h.run("track");
            assertThat(first.exitCode()).as(first.err() + first.logs()).isZero();
            assertThat(first.out()).contains("Tracked 20 open validations: 20 changed");
            ImporterHarness.Result second = h.run("track");
            assertThat(second.out()).contains("Nothing to track");
        }
    }
}

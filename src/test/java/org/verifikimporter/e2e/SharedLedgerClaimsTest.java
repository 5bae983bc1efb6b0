package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.job.FileDigest;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * `run` and `status` on a PostgreSQL ledger another instance shares: a file (or a content) that instance holds is
 * left to it, said on stdout and in `status`, and nothing of it is sent; once that instance's claim has expired
 * (it died), the next run takes the file over and imports it. The other instance is its claims in the ledger,
 * written as an importer writes them; the case of several processes is in the jar ITs.
 */
class SharedLedgerClaimsTest {

    @TempDir
    Path tmp;

    static String csv(String... identifiers) {
        StringBuilder b = new StringBuilder("identifier,project,projectFlow,type\n");
        for (String id : identifiers) {
            b.append(id).append(',').append(P1).append(',').append(F_LOGIN).append(",login\n");
        }
        return b.toString();
    }

    @Test
    void aFileAnotherLiveInstanceHoldsIsLeftToItUntilItsClaimExpires() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("t").port(0).build()).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), "t")
                    .set("importer.ledger.url", url)
                    .set("importer.ledger.user", "postgres")
                    .set("importer.cluster.instance", "this-one")
                    .env("IMPORTER_LEDGER_PASSWORD", "postgres");
            try (Ledger other = LedgerFactory.open(url, "postgres", "postgres", tmp.resolve("other"), Clock.systemUTC())) {
                Path a = h.drop("a.csv", csv("a1@example.com", "a2@example.com"));
                assertThat(other.claims().take("file:a.csv", "pod-7#1", "pod-7", "a.csv", 600_000)).isTrue();

                ImporterHarness.Result left = h.run("run");
                assertThat(left.exitCode()).as(left.logs()).isZero();
                assertThat(left.out()).contains("a.csv: left to instance pod-7, which is importing it");
                assertThat(left.logs()).contains("a.csv: is being imported by instance pod-7");
                assertThat(sim.validations()).isEmpty();
                assertThat(h.inbox.resolve("a.csv")).exists();
                assertThat(h.reportDirs()).isEmpty();

                ImporterHarness.Result status = h.run("status");
                assertThat(status.out()).contains("Instances: 1 file held").containsPattern(
                        "pod-7 +a\\.csv +heartbeat +\\d+ s ago +not begun +claim expires in \\d+ s");

                // pod-7 dies: its claim is not renewed, and expires
                other.claims().release("file:a.csv", "pod-7#1");
                assertThat(other.claims().take("file:a.csv", "pod-7#1", "pod-7", "a.csv", 1)).isTrue();
                assertThat(other.claims().take("content:" + FileDigest.sha256(a), "pod-7#1", "pod-7", "a.csv", 1)).isTrue();
                assertThat(h.run("status").out()).contains("EXPIRED: another instance takes the file over");

                ImporterHarness.Result taken = h.run("run");
                assertThat(taken.exitCode()).as(taken.logs()).isZero();
                assertThat(taken.logs()).as("the file's takeover, its content's claim with it, told once")
                        .containsOnlyOnce("a.csv: taken over from instance pod-7, whose claim expired");
                assertThat(sim.validations()).hasSize(2);
                assertThat(h.inbox.resolve("a.csv")).doesNotExist();
                assertThat(other.claims().all()).as("every claim handed back at the end of the run").isEmpty();
            }
        }
    }

    @Test
    void aFileWhoseContentAnotherInstanceImportsUnderAnotherNameWaits() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("t").port(0).build()).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            ImporterHarness h = new ImporterHarness(tmp, sim.baseUrl(), "t")
                    .set("importer.ledger.url", url)
                    .set("importer.ledger.user", "postgres")
                    .env("IMPORTER_LEDGER_PASSWORD", "postgres");
            try (Ledger other = LedgerFactory.open(url, "postgres", "postgres", tmp.resolve("other"), Clock.systemUTC())) {
                Path copy = h.drop("copy.csv", csv("c1@example.com"));
                String sha = FileDigest.sha256(copy);
                assertThat(other.claims().take("content:" + sha, "pod-2#1", "pod-2", "original.csv", 600_000)).isTrue();

                ImporterHarness.Result left = h.run("run");
                assertThat(left.exitCode()).as(left.logs()).isZero();
                assertThat(left.logs()).containsPattern("copy.csv: has the same content as a file being imported by "
                        + "instance pod-2 \\(last heartbeat \\d+ s ago, as original.csv\\)");
                assertThat(left.out()).contains("copy.csv: left to instance pod-2");
                assertThat(sim.validations()).isEmpty();
                assertThat(Files.exists(copy)).isTrue();
                assertThat(other.claims().find("file:copy.csv")).as("the file's own claim is handed back with it").isEmpty();
            }
        }
    }
}

package org.verifikimporter.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.e2e.LogCapture;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * An instance whose claim on a file is taken over while it imports it (it was paused, or cut off from the
 * shared database, past its lease) stops at its next heartbeat: no row is sent after that, no line is added to
 * the reports the new holder now writes, and the file stays in the inbox for its new holder.
 */
class LostClaimRouteTest extends CamelTestSupport {

    static final String TOKEN = "lost-claim-token";
    static EmbeddedPostgres postgres;

    @TempDir
    Path tmp;
    VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start();
    RouteBeans beans;
    Ledger ledger;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @AfterEach
    void cleanUp() {
        sim.stop();
        if (beans != null) {
            beans.shutdown();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void anInstanceThatLostItsClaimSendsNoMoreRowsAndWritesNoMoreReportLines() throws Exception {
        ImporterSettings s = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", TOKEN)).override(Map.of(
                "verifik.base-url", sim.baseUrl(),
                "importer.outbox", tmp.resolve("outbox").toString(),
                "importer.archive", tmp.resolve("archive").toString(),
                "importer.rejected", tmp.resolve("rejected").toString(),
                "importer.inbox", tmp.resolve("inbox").toString(),
                "importer.concurrency", "2",
                // slow enough that the file is still being imported when its claim goes
                "importer.rate", "20",
                "importer.cluster.lease", "5")).build();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        ledger = LedgerFactory.open(url, "postgres", "postgres", tmp.resolve("state"), Clock.systemUTC());
        Properties camel = CamelProperties.of(s, ImporterEngine.Mode.WATCH);
        camel.put("importer.internal.inbox-auto-startup", "false");
        context.getPropertiesComponent().setOverrideProperties(camel);
        beans = new RouteBeans(ImporterEngine.Mode.WATCH, s, new RunResults(), Clock.systemUTC(), ledger,
                (name, total) -> Progress.none(name), () -> { });
        beans.bindTo(context.getRegistry()::bind);
        beans.attach(context);
        for (String routes : ImportRoutesTest.routeFiles()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, routes));
        }
        context.start();

        StringBuilder sb = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = 0; i < 400; i++) {
            sb.append("lost").append(i).append("@example.com,").append(ImporterHarness.P1).append(',')
                    .append(ImporterHarness.F_LOGIN).append(",login\n");
        }
        Files.createDirectories(tmp.resolve("inbox"));
        Path file = Files.writeString(tmp.resolve("inbox/lost.csv"), sb.toString());

        try (LogCapture logs = LogCapture.start()) {
            Future<Exchange> imported = template.asyncSend("direct:import-file",
                    e -> e.getIn().setHeader(Exchange.FILE_PATH, file.toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.validations().size() >= 20);
            // another instance takes the claim over, as it would after this one's lease expired unseen
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("UPDATE file_claim SET owner = 'other#1', instance_name = 'other'"))
                        .isEqualTo(1);
            }
            Exchange ended = imported.get(30, TimeUnit.SECONDS);
            assertThat(ended.getException()).as("the file is left, not finished").isNotNull();
            assertThat(logs.text()).contains("lost.csv: this instance lost its claim")
                    .contains("lost.csv: left to the instance that took it over");
        }
        int sent = sim.validations().size();
        assertThat(sent).as("it stopped well before the end of the file").isLessThan(400);
        // every row that reached the server has its record in the ledger, for the new holder to report
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ledger_row")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(sent);
        }
        Path reportDir;
        try (var dirs = Files.list(tmp.resolve("outbox"))) {
            reportDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        long lines = ImporterHarness.csv(reportDir.resolve("created.csv")).size()
                + ImporterHarness.csv(reportDir.resolve("failed.csv")).size();
        assertThat(lines).as("no report line after the claim was lost").isLessThanOrEqualTo(sent);
        assertThat(Files.exists(reportDir.resolve("summary.json"))).as("the reports are not closed as if done").isFalse();
        assertThat(file).as("left in the inbox for the new holder").exists();
        assertThat(sim.validations()).hasSize(sent);
    }
}

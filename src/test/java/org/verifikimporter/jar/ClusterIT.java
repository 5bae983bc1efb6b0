package org.verifikimporter.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.verifikimporter.jar.Cluster.InputFile;
import org.verifikimporter.simulator.RecordedRequest;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * Several instances of the packaged jar on one inbox and one PostgreSQL ledger (DESIGN.md section 7, issue 12):
 * separate processes, each with its own importer.state, sharing the inbox, outbox, archive and rejected folders and
 * one embedded PostgreSQL started here; the real simulator in this JVM; files dropped while they run.
 *
 * <p>What a user would notice is asserted, at the simulator and in the reports: nobody created twice, one report
 * folder per input file with every row in exactly one of its two CSV files, once; nothing left in the inbox; no
 * stack trace in any instance's log; a killed instance's file finished by another soon after its lease ran out; a
 * late `run` that leaves a file in progress alone; and importer.rate as one budget for all instances.
 *
 * <p>Timings come from the settings (a 5 s lease, a 1 s poll, no minimum file age), not from sleeps: every wait polls
 * something observable. Each test keeps its folders and the instances' logs under target/cluster-it/TEST/.
 */
class ClusterIT {

    static final String TOKEN = "cluster-test-token";
    static final int LEASE_SECONDS = 5;
    static final int CONCURRENCY = 4;
    /** After the lease: the next poll (1 s), the takeover's claim and resume, on a busy 2-core machine. */
    static final double TAKEOVER_SLACK_SECONDS = 5.0;
    /** The longest any one wait may take before the test gives up on it (-Dcluster.wait=SECONDS). */
    static final Duration WAIT = Duration.ofSeconds(Integer.getInteger("cluster.wait", 120));

    static EmbeddedPostgres postgres;
    static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    Cluster cluster;

    @BeforeEach
    void folders(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        cluster = new Cluster(Path.of("target", "cluster-it", name).toAbsolutePath(), newDatabase(), postgres);
    }

    @AfterEach
    void stopInstances() throws Exception {
        cluster.close();
    }

    /** A fresh database per test on the one server: claims and persons of another test are not this one's. */
    private static String newDatabase() throws Exception {
        String db = "cluster_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return db;
    }

    /**
     * Three `watch` instances; two small files and a large one dropped while they run, the instance importing the
     * large one killed with SIGKILL at 40%. Another instance must take the large file over once the lease has run out
     * and finish it in the same report folder; two more files are dropped once it has, for the third instance.
     * (Dropped before the lease runs out, they could keep both survivors busy past it: each instance imports one file
     * at a time, so a file whose holder died waits for the next free one. bench/run.sh cluster measures that too.)
     */
    @Test
    void threeInstancesOneKilledMidFileAnotherFinishesIt() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        try (VerifikSimulator sim = simulator(20, 10)) {
            List<JarProcess> watchers = List.of(
                    cluster.start("a", sim, Map.of(), "watch"),
                    cluster.start("b", sim, Map.of(), "watch"),
                    cluster.start("c", sim, Map.of(), "watch"));
            cluster.awaitConnected(watchers);

            InputFile early1 = cluster.drop("early1", 120);
            InputFile early2 = cluster.drop("early2", 120);
            InputFile big = cluster.drop("big", 600);

            // the instance importing big.csv, once 40% of it has been created (the two small files are done by then)
            try {
                await("40% of big.csv created").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> watchers.stream().allMatch(Cluster::running) && createdOf(sim, big) >= 240);
            } catch (ConditionTimeoutException e) {
                // nothing to kill: what the instances left behind says why
                soft.fail("big.csv never reached 40%% created (%d of %d) within %s", createdOf(sim, big), big.rows(), WAIT);
                cluster.stop(watchers);
                cluster.checkEverything(soft, sim, List.of(early1, early2, big), f -> Set.of(), watchers);
                soft.assertAll();
            }
            List<JarProcess> holders = watchers.stream().filter(w -> w.stderr().contains("big.csv: started")).toList();
            assertThat(holders).as("an instance says it started big.csv").isNotEmpty();
            JarProcess victim = holders.get(0);
            victim.kill();
            Instant dead = Instant.now();
            long createdBeforeKill = createdOf(sim, big);
            Instant firstCall = firstPost(sim, big, Instant.EPOCH).orElseThrow();
            List<JarProcess> survivors = watchers.stream().filter(w -> w != victim).toList();

            // the takeover, as the simulator sees it: the next create call for big.csv
            Optional<Instant> resumed;
            try {
                resumed = await("a create call for big.csv after the kill").atMost(WAIT)
                        .pollInterval(Duration.ofMillis(50)).until(() -> firstPost(sim, big, dead), Optional::isPresent);
            } catch (ConditionTimeoutException e) {
                soft.fail("no create call for big.csv within %s of the kill", WAIT);
                resumed = Optional.empty();
            }
            InputFile after1 = cluster.drop("after1", 60);
            InputFile after2 = cluster.drop("after2", 60);
            List<InputFile> inputs = List.of(early1, early2, big, after1, after2);

            Optional<Instant> bigArchived = cluster.awaitArchived(soft, big, WAIT);
            cluster.awaitArchived(soft, inputs, WAIT);
            cluster.stop(survivors);

            // How long big.csv's remaining rows take at the pace the victim kept: finishing them is not the takeover.
            double pace = createdBeforeKill / seconds(firstCall, dead);
            double remainder = (big.rows() - createdBeforeKill) / pace;
            double takeover = resumed.map(t -> seconds(dead, t)).orElse(-1.0);
            double finished = bigArchived.map(t -> seconds(dead, t)).orElse(-1.0);
            System.out.printf("cluster kill: %s killed with %d of %d big.csv rows created (%.0f rows/s); first big.csv"
                    + " call after the kill %.1f s later, big.csv archived %.1f s after the kill (lease %d s, the"
                    + " remainder takes ~%.1f s at that pace); %d posts%n", victim.name(), createdBeforeKill,
                    big.rows(), pace, takeover, finished, LEASE_SECONDS, remainder, JarProcess.posts(sim));

            soft.assertThat(createdBeforeKill).as("big.csv was killed mid-file").isLessThan(big.rows());
            soft.assertThat(holders.stream().map(JarProcess::name).toList())
                    .as("instances that started big.csv before the kill").hasSize(1);
            // only the rows in flight at the kill may have no known outcome: at most one per call slot
            Map<InputFile, Map<String, Integer>> failures = cluster.checkEverything(soft, sim, inputs,
                    f -> f == big ? Set.of("OUTCOME_UNKNOWN") : Set.of(), watchers);
            soft.assertThat(failures.get(big).getOrDefault("OUTCOME_UNKNOWN", 0))
                    .as("big.csv rows OUTCOME_UNKNOWN (concurrency %d)", CONCURRENCY).isLessThanOrEqualTo(CONCURRENCY);
            soft.assertThat(takeover).as("seconds from the kill to the next big.csv call (lease %d s)", LEASE_SECONDS)
                    .isBetween(0.0, LEASE_SECONDS + TAKEOVER_SLACK_SECONDS);
            soft.assertThat(finished).as("seconds from the kill to big.csv archived (lease %d s, remainder ~%.1f s)",
                    LEASE_SECONDS, remainder).isBetween(0.0, LEASE_SECONDS + TAKEOVER_SLACK_SECONDS + 2 * remainder);
            soft.assertThat(survivors.stream().filter(s -> s.stderr().contains("big.csv: started")).map(JarProcess::name).toList())
                    .as("surviving instances that took big.csv over").hasSize(1);
        }
        soft.assertAll();
    }

    /**
     * One `run` is mid-way through a 2,400-row file when a second `run` starts on the same inbox and ledger: the
     * second must leave that file alone (nothing sent, nothing written to its report folder) and end.
     */
    @Test
    void aLateRunDoesNotJoinAFileInProgress() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        try (VerifikSimulator sim = simulator(20, 0)) {
            InputFile file = cluster.drop("late", 2400);
            JarProcess first = cluster.start("first", sim, Map.of(), "run");
            await("the first run under way").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> Cluster.running(first) && JarProcess.posts(sim) >= 200);
            JarProcess second = cluster.start("second", sim, Map.of(), "run");
            boolean secondEnded = second.waitFor(WAIT.toSeconds());
            int postsWhenSecondEnded = JarProcess.posts(sim);
            boolean firstStillRunning = first.isAlive();
            soft.assertThat(secondEnded).as("the second run ended within %s", WAIT).isTrue();
            soft.assertThat(first.waitFor(WAIT.toSeconds())).as("the first run ended within %s", WAIT).isTrue();
            second.close();
            first.close();
            System.out.printf("cluster late run: the second run ended (exit %d) with %d of %d rows sent; the first"
                    + " ended (exit %d)%n", second.exitValue(), postsWhenSecondEnded, file.rows(), first.exitValue());

            soft.assertThat(firstStillRunning).as("the first run was still importing when the second ended").isTrue();
            soft.assertThat(postsWhenSecondEnded).as("rows sent when the second run ended").isLessThan(file.rows());
            soft.assertThat(first.exitValue()).as("the first run's exit code\n" + first.output()).isZero();
            soft.assertThat(second.exitValue()).as("the second run's exit code\n" + second.output()).isZero();
            soft.assertThat(JarProcess.posts(sim)).as("create calls: one per row").isEqualTo(file.rows());
            soft.assertThat(second.stdout().lines().filter(l -> l.contains("late.csv") && l.contains("first")).toList())
                    .as("the second run's stdout names the file and the instance it left it to\n" + second.output())
                    .isNotEmpty();
            cluster.checkEverything(soft, sim, List.of(file), f -> Set.of(), List.of(first, second));
        }
        soft.assertAll();
    }

    /** Three `watch` instances at importer.rate=30 share that budget: no second at the server holds more than 30. */
    @Test
    void threeInstancesShareOneRate() throws Exception {
        int rate = 30;
        SoftAssertions soft = new SoftAssertions();
        try (VerifikSimulator sim = simulator(5, 0)) {
            Map<String, String> paced = Map.of("IMPORTER_RATE", Integer.toString(rate));
            List<JarProcess> watchers = List.of(
                    cluster.start("a", sim, paced, "watch"),
                    cluster.start("b", sim, paced, "watch"),
                    cluster.start("c", sim, paced, "watch"));
            cluster.awaitConnected(watchers);
            List<InputFile> inputs = cluster.dropTogether(List.of("rate1", "rate2", "rate3"), 150);
            cluster.awaitArchived(soft, inputs, WAIT);
            cluster.stop(watchers);

            int window = sim.stats().maxPostsInAnyOneSecondWindow();
            int parallel = cluster.mostFilesSentAtOnce(sim, inputs);
            double perSecond = cluster.postsPerSecond(sim);
            System.out.printf("cluster rate: largest one-second window %d (importer.rate %d), %.1f posts/s, at most %d"
                    + " files being sent at once%n", window, rate, perSecond, parallel);

            cluster.checkEverything(soft, sim, inputs, f -> Set.of(), watchers);
            soft.assertThat(window).as("the most create calls in any one second at the simulator").isLessThanOrEqualTo(rate);
            soft.assertThat(parallel).as("files imported at the same time (else the shared budget was not exercised)")
                    .isGreaterThanOrEqualTo(2);
        }
        soft.assertAll();
    }

    private static long createdOf(VerifikSimulator sim, InputFile file) {
        return sim.validations().stream().filter(v -> file.owns(v.identifier())).count();
    }

    /** The first create call for one of the file's rows received after {@code after}. */
    private static Optional<Instant> firstPost(VerifikSimulator sim, InputFile file, Instant after) {
        return sim.requests().stream()
                .filter(r -> r.method().equals("POST") && r.receivedAt().isAfter(after))
                .filter(r -> file.owns(Cluster.identifier(r)))
                .map(RecordedRequest::receivedAt).min(Instant::compareTo);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static VerifikSimulator simulator(long latencyMs, long jitterMs) {
        return new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).latencyMs(latencyMs)
                .latencyJitterMs(jitterMs).build()).start();
    }
}

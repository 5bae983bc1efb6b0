package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.ledger.RunStatus;
import org.verifikimporter.simulator.RecordedRequest;
import org.verifikimporter.simulator.SimulatedStatus;

/**
 * {@code track} against the simulator, whose validations complete, fail and expire by share: the ledger ends with
 * the simulator's statuses, the pass reads the list within its pages, and a second pass writes nothing new.
 */
class TrackAgainstSimulatorTest extends AgainstSimulator {

    static final String TOKEN = "e2e-track-token-51c2";
    static final int ROWS = 2000;

    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void onePassBringsTheSimulatorsStatusesIntoTheLedgerWithinThePagesOfTheList() throws Exception {
        useSimulator(options().completeShare(0.6).failShare(0.1).expireShare(0.1));
        StringBuilder file = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = 0; i < ROWS; i++) {
            file.append(row("person" + i + "@example.com", P1, F_LOGIN, "login"));
        }
        h.drop("people.csv", file.toString());
        assertThat(h.run("run").exitCode()).isZero();
        int before = sim.requests().size();

        ImporterHarness.Result first = h.run("track");

        assertThat(first.exitCode()).as(first.err()).isZero();
        List<RecordedRequest> reads = sim.requests().subList(before, sim.requests().size());
        long lists = reads.stream().filter(r -> r.path().equals("/v2/biometric-validations")).count();
        long singles = reads.stream().filter(r -> r.path().startsWith("/v2/biometric-validations/")).count();
        assertThat(lists).isLessThanOrEqualTo(ROWS / 100 + 10);
        assertThat(singles).isLessThanOrEqualTo(10);
        assertThat(first.out()).contains("Tracked " + ROWS + " open validations", "people.csv");

        Map<String, String> simulated = sim.statuses().stream()
                .collect(Collectors.toMap(SimulatedStatus::id, SimulatedStatus::status));
        Map<String, String> tracked = statuses(file.toString());
        assertThat(tracked).hasSize(ROWS).isEqualTo(simulated);
        Map<String, Long> byStatus = tracked.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus.keySet()).contains("completed", "failed", "expired", "new");
        assertThat(first.out()).containsPattern("people\\.csv\\s+" + ROWS + "\\s+" + byStatus.get("new") + "\\s+"
                + byStatus.get("completed") + "\\s+" + byStatus.get("failed") + "\\s+" + byStatus.get("expired"));

        // status.csv matches the simulator row for row, with the person's identifier
        Path dir = h.onlyReportDir();
        List<Map<String, String>> lines = ImporterHarness.csv(dir.resolve("status.csv"));
        assertThat(lines).hasSize(ROWS).allSatisfy(l -> assertThat(l.get("status")).isEqualTo(simulated.get(l.get("validationId"))));
        assertThat(lines.get(0)).containsEntry("row", "2").containsEntry("identifier", "person0@example.com");
        String statusCsv = Files.readString(dir.resolve("status.csv"));
        FileTime written = Files.getLastModifiedTime(dir.resolve("status.csv"));
        String page = Files.readString(dir.resolve("report.html"));

        // only the open ones are read again, and nothing changed: no change recorded, no file rewritten
        int again = sim.requests().size();
        ImporterHarness.Result second = h.run("track");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Tracked " + byStatus.get("new") + " open validations: 0 changed");
        assertThat(sim.requests().subList(again, sim.requests().size())).hasSizeLessThanOrEqualTo(ROWS / 100 + 10);
        assertThat(statuses(file.toString())).isEqualTo(tracked);
        assertThat(Files.readString(dir.resolve("status.csv"))).isEqualTo(statusCsv);
        assertThat(Files.getLastModifiedTime(dir.resolve("status.csv"))).isEqualTo(written);
        assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo(page);
    }

    @Test
    void oneValidationIsReadOnItsOwnAndOneVerifikDoesNotKnowKeepsItsStatus() throws Exception {
        useSimulator(options().completeShare(1.0));
        String content = "identifier,project,projectFlow,type\n" + row("ana@example.com", P1, F_LOGIN, "login");
        h.drop("one.csv", content);
        assertThat(h.run("run").exitCode()).isZero();
        String id = sim.validations().get(0).id();
        int before = sim.requests().size();

        ImporterHarness.Result r = h.run("track");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(sim.requests().subList(before, sim.requests().size())).singleElement()
                .satisfies(q -> assertThat(q.path()).isEqualTo("/v2/biometric-validations/" + id));
        assertThat(statuses(content)).containsExactly(Map.entry(id, "completed"));

        // a second file, whose validation the simulator then forgets: 404, nothing recorded, logged by id only
        String other = "identifier,project,projectFlow,type\n" + row("bob@example.com", P1, F_LOGIN, "login");
        useSimulator(options().completeShare(1.0));
        h.drop("two.csv", other);
        assertThat(h.run("run").exitCode()).isZero();
        sim.reset();
        ImporterHarness.Result gone = h.run("track");
        assertThat(gone.exitCode()).isZero();
        assertThat(gone.out()).contains("1 not known to Verifik (404)");
        assertThat(gone.logs()).doesNotContain("bob@example.com");
        assertThat(statuses(other).values()).containsExactly("new");
    }

    @Test
    void aTokenVerifikRefusesStopsThePassWithExit4() throws Exception {
        h.drop("few.csv", "identifier,project,projectFlow,type\n" + row("ana@example.com", P1, F_LOGIN, "login")
                + row("bob@example.com", P1, F_LOGIN, "login"));
        assertThat(h.run("run").exitCode()).isZero();
        h.env("VERIFIK_TOKEN", "not-the-token");

        ImporterHarness.Result refused = h.run("track");

        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.out()).contains("Stopped:");
    }

    @Test
    void nothingCreatedIsNothingToTrack() {
        ImporterHarness.Result r = h.run("track");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Nothing to track");
        assertThat(sim.requests()).isEmpty();
    }

    /** The ledger's current status of each created validation of the file's run, by id. */
    private Map<String, String> statuses(String content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
        try (Ledger ledger = LedgerFactory.open("", "", "", h.state, Clock.systemUTC())) {
            ImportRun run = ledger.runs(sha).get(0);
            return ledger.validationStatuses().statusesOfRun(run.id()).stream()
                    .collect(Collectors.toMap(RunStatus::validationId, RunStatus::status));
        }
    }
}

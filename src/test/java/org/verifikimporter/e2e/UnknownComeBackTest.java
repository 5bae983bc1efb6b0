package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 1: rows whose outcome stayed unknown come back in by a decision, `retry --unknown RUN_FOLDER`,
 * against the simulator dropping 2% of the connections. Its random faults are seeded: with the default seed the
 * 300 creates of the first run meet 6 drops (creates 31, 60, 97, 230, 245, 276), and the next 30 creates none,
 * so what follows the decision is sent once and answered. The tests count the unknown rows from failed.csv all
 * the same (once in many runs one fewer came out unknown, which the assertion's message would show).
 */
class UnknownComeBackTest extends AgainstSimulator {

    static final String TOKEN = "unknown-come-back-token";
    static final int ROWS = 300;

    @Override
    String token() {
        return TOKEN;
    }

    @BeforeEach
    void dropTwoPercent() {
        useSimulator(options().dropRate(0.02));
    }

    static String people(int from, int to) {
        StringBuilder sb = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = from; i <= to; i++) {
            sb.append("p").append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN).append(",login\n");
        }
        return sb.toString();
    }

    long posts() {
        return sim.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    long gets() {
        return sim.requests().stream().filter(r -> r.method().equals("GET") && r.path().startsWith("/v2/")).count();
    }

    /** The first import: every failure is a dropped connection, reported OUTCOME_UNKNOWN and not listed. */
    List<String> firstImportWithDrops() throws Exception {
        h.drop("people.csv", people(1, ROWS));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        List<Map<String, String>> failed = csv(h.onlyReportDir().resolve("failed.csv"));
        assertThat(failed).as("POST statuses %s; %s", sim.requests().stream().filter(q -> q.method().equals("POST"))
                .collect(Collectors.groupingBy(q -> q.status(), Collectors.counting())), r.logs())
                .hasSizeGreaterThanOrEqualTo(3).allSatisfy(f -> {
            assertThat(f.get("errorCode")).isEqualTo("OUTCOME_UNKNOWN");
            assertThat(f.get("errorMessage")).contains("Verifik lists no validation for this person");
        });
        assertThat(posts()).isGreaterThanOrEqualTo(ROWS);
        assertThat(r.out()).contains("  to look the " + failed.size() + " rows whose outcome is unknown up in Verifik "
                + "again: verifik-importer retry --unknown " + h.onlyReportDir());
        List<String> unknown = failed.stream().map(f -> f.get("identifier")).sorted().toList();
        assertThat(unknown).allSatisfy(id -> assertThat(sim.createdCountByIdentifier()).doesNotContainKey(id));
        return unknown;
    }

    /** Verifik lists it now (its list lagged, or someone created it by hand): one POST straight to the simulator. */
    void createdElsewhere(String identifier) throws Exception {
        String body = "{\"project\":\"" + P1 + "\",\"projectFlow\":\"" + F_LOGIN + "\",\"identifier\":\"" + identifier
                + "\",\"type\":\"login\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.baseUrl() + "/v2/biometric-validations")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void unknownRowsVerifikDoesNotListComeBackByDecisionAndAreCreatedOnceEachNothingElseResent() throws Exception {
        List<String> unknown = firstImportWithDrops();
        Path runDir = h.onlyReportDir();
        String listedNow = unknown.get(0);
        createdElsewhere(listedNow);
        long postsBefore = posts();
        long getsBefore = gets();

        // without --yes and without a terminal: looked up, the listed one adopted, nothing put back
        ImporterHarness.Result asked = h.run("retry", "--unknown", runDir.toString());

        int k = unknown.size();
        String notListed = (k - 1) + " rows";
        assertThat(asked.exitCode()).as(asked.out() + asked.err()).isEqualTo(1);
        assertThat(asked.out()).contains("people.csv: " + k + " rows whose outcome was unknown, looked up in Verifik again")
                .contains("created after all (adopted, not sent again): validation ")
                .contains("Nothing put back: the " + notListed + " not listed by Verifik can be sent again, but only "
                        + "once you confirm. To put them back into the inbox: verifik-importer retry --unknown " + runDir
                        + " --yes");
        assertThat(h.filesUnder(h.inbox)).isEmpty();
        assertThat(posts()).as("the lookups send nothing").isEqualTo(postsBefore);
        assertThat(gets()).as("each row looked up once: about 300 validations, 3 pages of 100")
                .isEqualTo(getsBefore + k * 3L);

        // confirmed: the rows Verifik does not list go back, as one file with the input's columns
        ImporterHarness.Result confirmed = h.run("retry", "--unknown", runDir.toString(), "--yes");

        assertThat(confirmed.exitCode()).as(confirmed.out() + confirmed.err()).isZero();
        List<Path> inbox = h.filesUnder(h.inbox);
        assertThat(inbox).hasSize(1);
        Path back = inbox.get(0);
        assertThat(back.getFileName().toString()).matches("people-unknown-\\d{8}T\\d{6}Z\\.csv");
        assertThat(confirmed.out()).contains("adopted before: validation ")
                .contains("Put back into the inbox: " + notListed + ", as " + back);
        assertThat(csv(back)).extracting(m -> m.get("identifier"))
                .containsExactlyInAnyOrderElementsOf(unknown.subList(1, k));
        assertThat(ImporterHarness.header(back)).containsExactly("identifier", "project", "projectFlow", "type");
        assertThat(csv(runDir.resolve("unknown-rows.csv"))).extracting(m -> m.get("decision"))
                .containsOnly("ADOPTED", "NOT_LISTED", "LEFT", "PUT_BACK");
        assertThat(posts()).isEqualTo(postsBefore);

        // the next run sends exactly those, once each; the adopted one is not sent
        ImporterHarness.Result sent = h.run("run");

        assertThat(sent.exitCode()).as(sent.out() + sent.err()).isZero();
        assertThat(sent.out()).contains(back.getFileName() + ": " + (k - 1) + " rows, " + (k - 1) + " created, 0 failed");
        assertThat(posts()).isEqualTo(postsBefore + k - 1);
        Map<String, Long> perPerson = sim.createdCountByIdentifier();
        assertThat(unknown).allSatisfy(id -> assertThat(perPerson.get(id)).as(id).isEqualTo(1L));
        assertThat(perPerson).hasSize(ROWS).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));

        // nothing else comes through: the whole file again (forced past "already imported") sends nothing
        h.drop("people-again.csv", people(1, ROWS));
        ImporterHarness.Result again = h.run("run", "--force");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.out()).contains("people-again.csv: 300 rows, 0 created, 300 failed").contains("ALREADY_CREATED");
        assertThat(posts()).isEqualTo(postsBefore + k - 1);

        // the put-back file dropped a second time is content imported completely: rejected, nothing sent
        Files.copy(archived(back.getFileName().toString()), h.inbox.resolve("second-drop.csv"));
        ImporterHarness.Result secondDrop = h.run("run");

        assertThat(secondDrop.exitCode()).isEqualTo(3);
        assertThat(secondDrop.out()).contains("second-drop.csv: rejected: this file's content");
        assertThat(posts()).isEqualTo(postsBefore + k - 1);

        // and the folder looked at again decides nothing more
        ImporterHarness.Result once = h.run("retry", "--unknown", runDir.toString(), "--yes");

        assertThat(once.exitCode()).isZero();
        assertThat(once.out()).contains("put back into the inbox before, as " + back.getFileName())
                .contains("Nothing to put back into the inbox.");
        assertThat(h.filesUnder(h.inbox)).isEmpty();
    }

    /**
     * The decision is per row: between the put-back and its import, another file naming a person put back, a person
     * still unknown (Verifik lists it twice, so it stays undecided) and a person created sends only the first.
     */
    @Test
    void theDedupeWindowLetsExactlyThePutBackRowsThrough() throws Exception {
        List<String> unknown = firstImportWithDrops();
        Path runDir = h.onlyReportDir();
        String several = unknown.get(0);
        createdElsewhere(several);
        createdElsewhere(several);
        assertThat(h.run("retry", "--unknown", runDir.toString(), "--yes").exitCode()).isZero();
        Path back = h.filesUnder(h.inbox).get(0);
        Files.move(back, h.root.resolve("held-back.csv"));
        String putBack = unknown.get(1);
        String created = csv(runDir.resolve("created.csv")).get(0).get("identifier");
        long postsBefore = posts();

        h.drop("other.csv", "identifier,project,projectFlow,type\n" + String.join("", List.of(putBack, several, created)
                .stream().map(id -> id + "," + P1 + "," + F_LOGIN + ",login\n").toList()));
        ImporterHarness.Result other = h.run("run");

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(posts()).isEqualTo(postsBefore + 1);
        Path otherDir = h.reportDirs().stream().filter(d -> d.getFileName().toString().startsWith("other-"))
                .findFirst().orElseThrow();
        assertThat(csv(otherDir.resolve("created.csv"))).extracting(m -> m.get("identifier")).containsExactly(putBack);
        Map<String, String> blocked = csv(otherDir.resolve("failed.csv")).stream()
                .collect(Collectors.toMap(m -> m.get("identifier"), m -> m.get("errorCode") + ": " + m.get("errorMessage")));
        assertThat(blocked.get(several)).startsWith("ALREADY_CREATED").contains("outcome unknown");
        assertThat(blocked.get(created)).startsWith("ALREADY_CREATED").contains("was already created");

        // the put-back file itself cannot create that person a second time
        Files.move(h.root.resolve("held-back.csv"), h.inbox.resolve(back.getFileName()));
        ImporterHarness.Result late = h.run("run");

        assertThat(late.exitCode()).isEqualTo(2);
        assertThat(posts()).isEqualTo(postsBefore + 1 + (unknown.size() - 2));
        assertThat(sim.createdCountByIdentifier().get(putBack)).isEqualTo(1L);
        assertThat(sim.createdCountByIdentifier().get(several)).isEqualTo(2L);
    }

    @Test
    void lookupsRefusedByVerifikStopAtTheFirstAndPutNothingBack() throws Exception {
        firstImportWithDrops();
        Path runDir = h.onlyReportDir();
        long getsBefore = gets();

        ImporterHarness.Result refused = h.env("VERIFIK_TOKEN", "not-the-token")
                .run("retry", "--unknown", runDir.toString(), "--yes");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(4);
        assertThat(gets()).as("no call after the 401").isEqualTo(getsBefore + 1);
        assertThat(refused.out()).contains("lookup without an answer").contains("Stopped: ")
                .contains("Nothing to put back into the inbox.");
        assertThat(h.filesUnder(h.inbox)).isEmpty();
        assertThat(refused.out() + refused.err() + refused.logs()).doesNotContain("not-the-token");
    }

    private Path archived(String name) throws Exception {
        return h.filesUnder(h.archive).stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow();
    }
}

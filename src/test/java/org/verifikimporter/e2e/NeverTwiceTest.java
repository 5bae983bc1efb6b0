package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.F_ONBOARDING;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/** The ledger at work: the same file twice, the same person in two files, a stopped run resumed. */
class NeverTwiceTest extends AgainstSimulator {

    static final String TOKEN = "never-twice-token";

    @Override
    String token() {
        return TOKEN;
    }

    static String people(String prefix, int n) {
        StringBuilder sb = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = 1; i <= n; i++) {
            sb.append(prefix).append(i).append("@example.com,").append(P1).append(',').append(F_LOGIN).append(",login\n");
        }
        return sb.toString();
    }

    @Test
    void theSameFileDroppedTwiceIsRejectedNamingTheEarlierImport() throws Exception {
        h.drop("monday.csv", people("p", 3));
        assertThat(h.run("run").exitCode()).isZero();
        Path firstReport = h.onlyReportDir();

        h.drop("monday-again.csv", people("p", 3));
        ImporterHarness.Result again = h.run("run");

        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(sim.validations()).hasSize(3);
        assertThat(h.rejected.resolve("monday-again.csv")).exists();
        assertThat(Files.readString(h.rejected.resolve("monday-again.csv.reason.txt")))
                .contains("already imported completely").contains("monday.csv").contains(firstReport.toString())
                .contains("--force");
        assertThat(h.reportDirs()).hasSize(1);
    }

    @Test
    void forceImportsItAgainButTheDedupeWindowStillProtectsPeople() throws Exception {
        h.drop("a.csv", people("p", 2));
        assertThat(h.run("run").exitCode()).isZero();
        h.drop("a.csv", people("p", 2));
        ImporterHarness.Result forced = h.run("run", "--force");
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(sim.validations()).hasSize(2);
        List<Map<String, String>> failed = csv(h.reportDirs().get(1).resolve("failed.csv"));
        assertThat(failed).extracting(f -> f.get("errorCode")).containsOnly("ALREADY_CREATED");
        assertThat(failed.get(0).get("errorMessage")).contains("validation ").contains("a.csv");

        // with the window off, --force really sends again
        h.drop("a.csv", people("p", 2));
        h.set("importer.dedupe-window", "0");
        assertThat(h.run("run", "--force").exitCode()).isZero();
        assertThat(sim.validations()).hasSize(4);
    }

    @Test
    void aPersonCreatedByAnotherFileWithinTheWindowIsNotSentAgain() throws Exception {
        h.drop("first.csv", people("p", 2));
        assertThat(h.run("run").exitCode()).isZero();
        String firstId = sim.validations().stream().filter(v -> v.identifier().equals("p1@example.com"))
                .findFirst().orElseThrow().id();

        h.drop("second.csv", "identifier,project,projectFlow,type\n"
                + "p1@example.com," + P1 + "," + F_LOGIN + ",login\n"          // same person: skipped
                + "p2@example.com," + P1 + "," + F_ONBOARDING + ",onboarding\n" // other flow and type: a new person
                + "p9@example.com," + P1 + "," + F_LOGIN + ",login\n");
        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(sim.createdCountByIdentifier()).containsEntry("p1@example.com", 1L)
                .containsEntry("p2@example.com", 2L).containsEntry("p9@example.com", 1L);
        Path dir = h.reportDirs().get(1);
        Map<String, String> skipped = csv(dir.resolve("failed.csv")).get(0);
        assertThat(skipped).containsEntry("row", "2").containsEntry("errorCode", "ALREADY_CREATED")
                .containsEntry("attempts", "0");
        assertThat(skipped.get("errorMessage")).contains(firstId).contains("first.csv").contains("row 2");
    }

    @Test
    void aRunStoppedByVerifikResumesWithoutResendingWhatWasCreated() throws Exception {
        useSimulator(options().tokenExpiresAfterCalls(2));
        h.set("importer.concurrency", "1");
        Path input = h.drop("batch.csv", people("q", 5));
        assertThat(h.run("run").exitCode()).isEqualTo(4);
        assertThat(input).exists();
        Path report = h.onlyReportDir();

        // the token is renewed; the same file, still in the inbox, is run again
        VerifikSimulator renewed = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start();
        try {
            h.set("verifik.base-url", renewed.baseUrl());
            ImporterHarness.Result r = h.run("run");
            assertThat(r.exitCode()).as(r.out()).isZero();
            // only the three rows that were not created went out, once each
            List<String> first = sim.validations().stream().map(v -> v.identifier()).toList();
            assertThat(first).hasSize(2);
            List<String> rest = java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(i -> "q" + i + "@example.com")
                    .filter(id -> !first.contains(id)).toList();
            assertThat(renewed.validations()).extracting(v -> v.identifier()).containsExactlyInAnyOrderElementsOf(rest);
            assertThat(h.onlyReportDir()).isEqualTo(report);
            List<Map<String, String>> created = csv(report.resolve("created.csv"));
            assertThat(created).extracting(c -> c.get("row")).containsExactlyInAnyOrder("2", "3", "4", "5", "6");
            Map<String, String> ids = created.stream().collect(Collectors.toMap(c -> c.get("identifier"), c -> c.get("validationId")));
            // the rows the first run created are reported with the ids the first server gave them
            sim.validations().forEach(v -> assertThat(ids.get(v.identifier())).isEqualTo(v.id()));
            assertThat(csv(report.resolve("failed.csv"))).isEmpty();
            assertThat(ImporterHarness.summary(report).at("/rows/created").asInt()).isEqualTo(5);
            assertThat(input).doesNotExist();
        } finally {
            renewed.stop();
        }
    }

    @Test
    void aRowThatTimedOutIsLookedUpAndAdoptedWhenVerifikHasIt() throws Exception {
        // every call is recorded, then answered too late for the client
        useSimulator(options().slowAfterRecordRate(1.0)
                .slowAfterRecordMs(3000));
        h.set("importer.request-timeout", "1");
        h.drop("slow.csv", people("s", 2));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.logs()).isZero();
        // sent once each (the simulator logs a late answer only once it is given; its records are immediate)
        assertThat(sim.createdCountByIdentifier()).containsOnly(Map.entry("s1@example.com", 1L), Map.entry("s2@example.com", 1L));
        List<Map<String, String>> created = csv(h.onlyReportDir().resolve("created.csv"));
        assertThat(created).extracting(c -> c.get("validationId"))
                .containsExactlyInAnyOrderElementsOf(sim.validations().stream().map(v -> v.id()).toList());
    }

    @Test
    void aRowThatNeverReachedVerifikStaysUnknownAndIsNotResent() throws Exception {
        useSimulator(options().dropRate(1.0));
        h.drop("dropped.csv", people("d", 1));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(sim.requests().stream().filter(q -> q.method().equals("POST"))).hasSize(1);
        assertThat(sim.requests().stream().filter(q -> q.method().equals("GET"))).isNotEmpty();
        Map<String, String> f = csv(h.onlyReportDir().resolve("failed.csv")).get(0);
        assertThat(f).containsEntry("errorCode", "OUTCOME_UNKNOWN").containsEntry("retryable", "false");
        assertThat(f.get("errorMessage")).contains("lists no validation");
    }
}

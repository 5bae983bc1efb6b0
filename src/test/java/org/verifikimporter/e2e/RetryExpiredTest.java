package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.ledger.ValidationStatusRepository;

/**
 * A new invitation for those who did not make it: {@code retry --expired} writes exactly the rows whose validation
 * expired; importing that file creates each of them once more, and again creates none; the dedupe window lets a
 * person through only when every earlier validation of theirs ended expired or failed.
 */
class RetryExpiredTest extends AgainstSimulator {

    static final String TOKEN = "retry-expired-token";

    @Override
    String token() {
        return TOKEN;
    }

    /** Statuses as a tracking pass or a webhook would record them, by identifier. */
    void statuses(Path runDir, Map<String, String> byIdentifier) throws Exception {
        Map<String, String> ids = csv(runDir.resolve("created.csv")).stream()
                .collect(Collectors.toMap(c -> c.get("identifier"), c -> c.get("validationId")));
        try (Ledger ledger = LedgerFactory.open("", "", "", h.state, Clock.systemUTC())) {
            ValidationStatusRepository repo = new ValidationStatusRepository(ledger);
            byIdentifier.forEach((who, status) ->
                    assertThat(repo.apply(ids.get(who), status, Instant.now(), "read")).isNotNull());
        }
    }

    @Test
    void theExpiredAreInvitedAgainOnceEachAndNobodyElse() throws Exception {
        // with a column of the input's own beyond the person's, which the new invitation keeps
        h.drop("people.csv", NeverTwiceTest.people("p", 6).replace("type\n", "type,language\n")
                .replace(",login\n", ",login,es\n"));
        assertThat(h.run("run").exitCode()).isZero();
        Path first = h.onlyReportDir();
        statuses(first, Map.of("p1@example.com", "expired", "p3@example.com", "EXPIRED",
                "p5@example.com", "failed", "p2@example.com", "validated"));

        ImporterHarness.Result retry = h.run("retry", "--expired", first.toString());
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("2 row(s) whose validation expired put back into the inbox as");
        List<Path> inbox;
        try (var s = Files.list(h.inbox)) {
            inbox = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertThat(inbox).hasSize(1);
        Path written = inbox.get(0);
        assertThat(written.getFileName().toString()).startsWith("people-expired-").endsWith(".csv");
        assertThat(retry.out()).contains(written.toString());
        String content = Files.readString(written);
        assertThat(csv(written)).extracting(r -> r.get("identifier"))
                .containsExactly("p1@example.com", "p3@example.com");
        assertThat(ImporterHarness.header(written)).containsExactly("identifier", "project", "projectFlow", "type",
                "language");
        assertThat(csv(written).get(0)).containsEntry("project", P1).containsEntry("projectFlow", F_LOGIN)
                .containsEntry("type", "login").containsEntry("language", "es");

        // importing it creates exactly those again, once each
        ImporterHarness.Result again = h.run("run");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(sim.createdCountByIdentifier()).containsEntry("p1@example.com", 2L)
                .containsEntry("p3@example.com", 2L).containsEntry("p2@example.com", 1L)
                .containsEntry("p4@example.com", 1L).containsEntry("p5@example.com", 1L)
                .containsEntry("p6@example.com", 1L);

        // the same file once more creates none
        Files.writeString(h.inbox.resolve(written.getFileName()), content);
        h.run("run");
        assertThat(sim.createdCountByIdentifier()).containsEntry("p1@example.com", 2L)
                .containsEntry("p3@example.com", 2L);
        assertThat(sim.validations()).hasSize(8);

        // the dedupe window: p5's only validation failed (through); p1's newest is open, p2 completed, p4 is
        // still open (all refused)
        h.drop("later.csv", "identifier,project,projectFlow,type\n"
                + "p5@example.com," + P1 + "," + F_LOGIN + ",login\n"
                + "p1@example.com," + P1 + "," + F_LOGIN + ",login\n"
                + "p2@example.com," + P1 + "," + F_LOGIN + ",login\n"
                + "p4@example.com," + P1 + "," + F_LOGIN + ",login\n");
        ImporterHarness.Result later = h.run("run");
        assertThat(later.exitCode()).isEqualTo(2);
        assertThat(sim.createdCountByIdentifier()).containsEntry("p5@example.com", 2L)
                .containsEntry("p1@example.com", 2L).containsEntry("p2@example.com", 1L)
                .containsEntry("p4@example.com", 1L);
        Path laterDir = h.reportDirs().stream().filter(d -> d.getFileName().toString().startsWith("later"))
                .findFirst().orElseThrow();
        assertThat(csv(laterDir.resolve("failed.csv"))).extracting(r -> r.get("errorCode"))
                .containsOnly("ALREADY_CREATED").hasSize(3);

        // nothing expired in the re-invitation's run: said so, exit 0, nothing written
        Path second = h.reportDirs().stream().filter(d -> d.getFileName().toString().startsWith("people-expired"))
                .findFirst().orElseThrow();
        ImporterHarness.Result none = h.run("retry", "--expired", second.toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("nothing to put back");
        ImporterHarness.Result failed = h.run("retry", "--failed-validation", first.toString());
        assertThat(failed.exitCode()).isZero();
        assertThat(failed.out()).contains("1 row(s) whose validation failed put back");
    }
}

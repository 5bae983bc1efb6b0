package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** watch with importer.track-interval: the statuses of what it created come back into status.csv on their own. */
class WatchTracksTest extends AgainstSimulator {

    static final String TOKEN = "e2e-watch-track-9d41";

    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void watchTracksEveryIntervalThroughTheSameCalls() throws Exception {
        useSimulator(options().completeShare(1.0));
        try (Watching w = new Watching(tmp, sim.baseUrl(), TOKEN).set("importer.track-interval", "1s").start()) {
            Files.writeString(w.inbox.resolve("people.csv"), "identifier,project,projectFlow,type\n"
                    + row("ana@example.com", P1, F_LOGIN, "login") + row("ben@example.com", P1, F_LOGIN, "login"));
            Path status = await().atMost(Duration.ofSeconds(60)).until(() -> statusCsv(w.outbox), p -> {
                if (p == null) {
                    return false;
                }
                List<Map<String, String>> lines;
                try {
                    lines = ImporterHarness.csv(p);
                } catch (java.io.IOException e) {
                    return false; // being replaced
                }
                return lines.size() == 2 && lines.stream().allMatch(l -> l.get("status").equals("completed"));
            });
            assertThat(status).exists();
            assertThat(sim.requests()).anySatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        }
    }

    @Test
    void withoutAnIntervalWatchReadsNoStatus() throws Exception {
        useSimulator(options().completeShare(1.0));
        try (Watching w = new Watching(tmp, sim.baseUrl(), TOKEN).start()) {
            Files.writeString(w.inbox.resolve("people.csv"), "identifier,project,projectFlow,type\n"
                    + row("ana@example.com", P1, F_LOGIN, "login"));
            await().atMost(Duration.ofSeconds(60)).until(() -> statusCsv(w.outbox) != null
                    && Files.exists(w.archive) && !Files.exists(w.inbox.resolve("people.csv")));
            w.stop();
        }
        assertThat(sim.requests()).noneSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    private static Path statusCsv(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(outbox)) {
            return s.filter(p -> p.getFileName().toString().equals("status.csv")).findFirst().orElse(null);
        }
    }
}

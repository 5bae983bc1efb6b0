package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.F_P2_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code watch} with Camel's management server on: the probes say UP, and DOWN with the reason when the inbox
 * goes; the Prometheus scrape counts what the reports say.
 */
class WatchHealthAndMetricsTest extends AgainstSimulator {

    static final String TOKEN = "watch-token-5d1e";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UNKNOWN_PROJECT = "6650f1a2b3c4d5e6f7a8ffff";

    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void probesAndScrapeFollowTheImport() throws Exception {
        // each call held a while at the server, to see the file and the calls in flight
        useSimulator(options().successStatus(201).latencyMs(1500));
        try (Watching w = new Watching(tmp, sim.baseUrl(), TOKEN).set("importer.rate", "20").start()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(w.get("/observe/health/ready").statusCode()).isEqualTo(200));
            assertThat(json(w.get("/observe/health/ready")).path("status").asText()).isEqualTo("UP");
            HttpResponse<String> full = w.get("/observe/health?exposureLevel=full");
            assertThat(full.body()).contains("\"inbox\"", "\"ledger\"", "\"context\"");

            Files.writeString(w.inbox.resolve("people.csv"), "identifier,project,projectFlow,type\n"
                    + row("ana@example.com", P1, F_LOGIN, "login")
                    + row("ben@example.com", P1, F_LOGIN, "login")
                    + row("cy@example.com", P1, F_LOGIN, "teleport")              // INVALID_TYPE, never sent
                    + row("di@example.com", UNKNOWN_PROJECT, F_P2_LOGIN, "login")); // 404 from Verifik
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String during = w.get("/observe/metrics").body();
                assertThat(gauge(during, "verifik_importer_files_held")).isEqualTo(1.0);
                assertThat(gauge(during, "verifik_importer_calls_in_flight")).isGreaterThanOrEqualTo(1.0);
            });
            Path summary = await().atMost(Duration.ofSeconds(30)).until(() -> summaryOf(w.outbox),
                    p -> p != null && Files.exists(w.archive) && !Files.exists(w.inbox.resolve("people.csv")));
            JsonNode report = JSON.readTree(summary.toFile());
            assertThat(report.path("rows").path("created").asInt()).isEqualTo(2);

            String metrics = w.get("/observe/metrics").body();
            assertThat(metrics)
                    .contains("verifik_importer_rows_total{code=\"\",outcome=\"created\"} "
                            + report.path("rows").path("created").asInt() + ".0")
                    .contains("verifik_importer_rows_total{code=\"INVALID_TYPE\",outcome=\"failed\"} "
                            + report.path("failures").path("INVALID_TYPE").asInt() + ".0")
                    .contains("verifik_importer_rows_total{code=\"Project_not_found_or_featured_disabled\","
                            + "outcome=\"failed\"} 1.0")
                    .contains("verifik_importer_calls_total{call=\"create\",status=\"201\"} 2.0")
                    .contains("verifik_importer_calls_total{call=\"create\",status=\"404\"} 1.0")
                    .contains("verifik_importer_rate_wait_seconds_count 3")
                    .contains("verifik_importer_rate_wait_seconds_sum")
                    .contains("verifik_importer_calls_in_flight 0")
                    .contains("verifik_importer_files_held 0")
                    // Camel's own meters are served beside the importer's
                    .contains("camel_exchanges_total")
                    // labels hold codes and statuses, never a person or a file
                    .doesNotContain("@example.com", "people.csv");

            // the inbox goes away: not ready, and the reason says which folder; the process itself is alive
            Files.delete(w.inbox);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(w.get("/observe/health/ready").statusCode()).isEqualTo(503));
            JsonNode down = json(w.get("/observe/health/ready"));
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            // Camel 4.17 escapes a message twice: each "/" reaches the client as "\/"
            assertThat(check(down, "inbox").path("message").asText().replace("\\/", "/"))
                    .isEqualTo("the inbox " + w.inbox.toAbsolutePath() + " does not exist (importer.inbox); create it "
                            + "or mount the volume");
            assertThat(down.toString()).doesNotContain("Exception", "stacktrace");
            assertThat(w.get("/observe/health/live").statusCode()).isEqualTo(200);

            Files.writeString(w.inbox, "not a folder");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(check(json(w.get("/observe/health/ready")), "inbox").path("message").asText())
                            .contains("is not a folder"));

            Files.delete(w.inbox);
            Files.createDirectories(w.inbox);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(w.get("/observe/health/ready").statusCode()).isEqualTo(200));
            w.stop();
        }
    }

    static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    static Path summaryOf(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(outbox)) {
            return s.filter(p -> p.getFileName().toString().equals("summary.json")).findFirst().orElse(null);
        }
    }
}

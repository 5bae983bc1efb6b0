package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;
import org.verifikimporter.ledger.RunStatus;
import org.verifikimporter.ledger.ValidationStatusRepository;

/**
 * {@code watch} with a webhook secret receives Verifik's events on the management server, through a real HTTP
 * client: the right secret (header, bearer or query) updates the ledger, a replay changes nothing, and a wrong
 * secret, bad JSON, an oversized body or an unknown id change nothing either; no answer holds a stack trace, and
 * no log line the secret.
 */
class WebhookReceiverTest extends AgainstSimulator {

    static final String TOKEN = "webhook-token-77aa";
    static final String SECRET = "whsec-6b1f0c9e2d8a4f37b5e1";

    @Override
    String token() {
        return TOKEN;
    }

    static byte[] event(String type, String id, String status) {
        String object = status == null ? "{\"_id\":\"" + id + "\"}"
                : "{\"_id\":\"" + id + "\",\"status\":\"" + status + "\",\"identifier\":\"p1@example.com\"}";
        return ("{\"type\":\"" + type + "\",\"object\":" + object + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsWithTheSecretUpdateTheLedgerAndNothingElseDoes() throws Exception {
        h.drop("people.csv", NeverTwiceTest.people("p", 3));
        assertThat(h.run("run").exitCode()).isZero();
        // by row number: rows are written as their calls finish
        List<Map<String, String>> created = csv(h.onlyReportDir().resolve("created.csv")).stream()
                .sorted(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.get("row")))).toList();
        String first = created.get(0).get("validationId");
        String second = created.get(1).get("validationId");
        String third = created.get(2).get("validationId");
        String path = "/webhooks/verifik";

        try (LogCapture logs = LogCapture.everything();
             Watching w = new Watching(tmp, sim.baseUrl(), TOKEN).env("IMPORTER_WEBHOOK_SECRET", SECRET).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    w.post(path, event("biometric_validation_validated", first, null)).statusCode() != 404);

            // the secret in a header: the status from the type's suffix
            HttpResponse<String> ok = w.post(path, event("login_biometric_validation_validated", first, null),
                    "X-Webhook-Secret", SECRET, "Content-Type", "application/json");
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(ok.body()).isEqualTo("{\"result\":\"changed\"}");
            // a replay changes nothing
            HttpResponse<String> replay = w.post(path, event("login_biometric_validation_validated", first, null),
                    "X-Webhook-Secret", SECRET);
            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(replay.body()).isEqualTo("{\"result\":\"unchanged\"}");
            // as a bearer token, and in the URL registered at Verifik: the object's own status wins over the type
            assertThat(w.post(path, event("biometric_validation_failed", second, "failed"),
                    "Authorization", "Bearer " + SECRET).body()).isEqualTo("{\"result\":\"changed\"}");
            assertThat(w.post(path + "?secret=" + SECRET, event("biometric_validation_new", third, "expired"))
                    .body()).isEqualTo("{\"result\":\"changed\"}");

            // a wrong or missing secret: 401, nothing recorded
            List<HttpResponse<String>> refused = List.of(
                    w.post(path, event("biometric_validation_failed", first, "failed")),
                    w.post(path, event("biometric_validation_failed", first, "failed"), "X-Webhook-Secret", "nope"),
                    w.post(path + "?secret=" + SECRET.substring(1), event("biometric_validation_failed", first, "failed")),
                    w.post(path, event("biometric_validation_failed", first, "failed"), "Authorization", "Bearer x"));
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.body()).isEqualTo("{\"error\":\"missing or wrong secret\"}");
            });
            // bad JSON, a missing field, a body over 64 KiB: 400
            byte[] big = new byte[70 * 1024];
            java.util.Arrays.fill(big, (byte) ' ');
            List<HttpResponse<String>> bad = List.of(
                    w.post(path, "{\"type\":".getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", SECRET),
                    w.post(path, "[1,2]".getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", SECRET),
                    w.post(path, "{\"object\":{\"_id\":\"x\"}}".getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", SECRET),
                    w.post(path, "{\"type\":\"biometric_validation_new\"}".getBytes(StandardCharsets.UTF_8),
                            "X-Webhook-Secret", SECRET),
                    w.post(path, "{\"type\":\"biometric_validation_new\",\"object\":{}}".getBytes(StandardCharsets.UTF_8),
                            "X-Webhook-Secret", SECRET),
                    w.post(path, big, "X-Webhook-Secret", SECRET));
            assertThat(bad).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).startsWith("{\"error\":\"").doesNotContain("Exception", "\tat ", "com.fasterxml");
            });
            // an id the ledger does not hold: 202 and ignored
            HttpResponse<String> unknown = w.post(path, event("biometric_validation_failed", "nosuchid0001", "failed"),
                    "X-Webhook-Secret", SECRET);
            assertThat(unknown.statusCode()).isEqualTo(202);
            assertThat(unknown.body()).contains("ignored", "unknown validation id");
            // the health checks are still served beside it
            assertThat(w.get("/observe/health/live").statusCode()).isEqualTo(200);
            w.stop();

            assertThat(logs.text()).doesNotContain(SECRET).contains("validation nosuchid0001 is not in the ledger")
                    .doesNotContain("p1@example.com");
        }

        try (Ledger ledger = LedgerFactory.open("", "", "", h.state, Clock.systemUTC())) {
            ValidationStatusRepository statuses = new ValidationStatusRepository(ledger);
            long runId = ledger.runs(ImporterHarness.summary(h.onlyReportDir()).path("sha256").asText()).get(0).id();
            assertThat(statuses.statusesOfRun(runId)).extracting(RunStatus::status)
                    .containsExactly("validated", "failed", "expired");
            // one change each: the replay and every refused call added none
            assertThat(statuses.changesOf(first)).hasSize(1);
            assertThat(statuses.changesOf(first).get(0)).containsExactly(null, "validated", "webhook");
            assertThat(statuses.changesOf(second)).hasSize(1);
        }
        assertThat(Files.readString(h.onlyReportDir().resolve("created.csv"))).doesNotContain(SECRET);
        // each change rewrote the run's status.csv
        Map<String, String> shown = csv(h.onlyReportDir().resolve("status.csv")).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.get("validationId"), r -> r.get("status")));
        assertThat(shown).containsEntry(first, "validated").containsEntry(second, "failed")
                .containsEntry(third, "expired");
    }

    @Test
    void aSecretWithoutTheManagementServerStopsWatchWithOneLine() throws Exception {
        ImporterHarness.Result r = h.env("IMPORTER_WEBHOOK_SECRET", SECRET).run("watch");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("camel.management.enabled=true").doesNotContain(SECRET);
    }
}

package org.verifikimporter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.verifikimporter.ledger.ValidationStatusRepository.Applied;

/** What the receiver makes of each kind of call, without a server or a ledger. */
class WebhookReceiverRulesTest {

    static final String SECRET = "unit-secret-0123456789";
    final List<String> applied = new ArrayList<>();
    final WebhookReceiver receiver = new WebhookReceiver(SECRET, (id, status, at) -> {
        applied.add(id + "=" + status);
        return id.startsWith("known") ? Applied.CHANGED : Applied.UNKNOWN_ID;
    }, Clock.systemUTC(), id -> { });

    WebhookReceiver.Reply post(String body) {
        return receiver.handle(new WebhookReceiver.Call(SECRET, null, null, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theStatusIsTheObjectsElseTheTypesSuffixWhenThatIsAStatus() {
        assertThat(post("{\"type\":\"onboarding_biometric_validation_validated\",\"object\":{\"_id\":\"known1\"}}")
                .status()).isEqualTo(202);
        assertThat(post("{\"type\":\"biometric_validation_failed\",\"object\":{\"_id\":\"known2\",\"status\":\"expired\"}}")
                .json()).isEqualTo("{\"result\":\"changed\"}");
        // not a status: nothing applied
        assertThat(post("{\"type\":\"biometric_validation_created_person\",\"object\":{\"_id\":\"known3\"}}").json())
                .contains("ignored");
        assertThat(post("{\"type\":\"face_verification_compare\",\"object\":{\"_id\":\"known4\",\"status\":\"ok\"}}")
                .json()).contains("ignored");
        assertThat(applied).containsExactly("known1=validated", "known2=expired");
    }

    @Test
    void badBodiesAndIdsAre400WithoutEchoingThem() {
        for (String body : List.of("", "null", "{\"type\":1,\"object\":{\"_id\":\"a\"}}",
                "{\"type\":\"biometric_validation_new\",\"object\":{\"_id\":\"a\\nb\"}}",
                "{\"type\":\"biometric_validation_new\",\"object\":{\"_id\":\"a\",\"status\":\"x\\ny\"}}",
                "{\"type\":\"biometric_validation_new\",\"object\":{\"_id\":\"a\"}} trailing",
                "{\"type\":\"a\",\"type\":\"b\",\"object\":{\"_id\":\"a\"}}")) {
            WebhookReceiver.Reply r = post(body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json()).doesNotContain("trailing", "Exception");
        }
        assertThat(applied).isEmpty();
    }

    @Test
    void aLedgerThatFailsIs503SoVerifikDeliversAgain() {
        WebhookReceiver failing = new WebhookReceiver(SECRET, (id, status, at) -> {
            throw new IllegalStateException("database is locked at jdbc:secret-url");
        }, Clock.systemUTC(), id -> { });
        WebhookReceiver.Reply r = failing.handle(new WebhookReceiver.Call(null, "bearer " + SECRET, null,
                "{\"type\":\"biometric_validation_new\",\"object\":{\"_id\":\"known\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).doesNotContain("jdbc", "locked");
    }

    @Test
    void theSecretMustMatchWhole() {
        SecretCheck check = new SecretCheck(SECRET);
        assertThat(check.matches(SECRET)).isTrue();
        assertThat(check.matches(SECRET + "x")).isFalse();
        assertThat(check.matches(SECRET.substring(1))).isFalse();
        assertThat(check.matches("")).isFalse();
        assertThat(check.matches(null)).isFalse();
    }
}

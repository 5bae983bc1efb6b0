package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorStatusOptionsTest {

    @Test
    void offByDefaultAndKeptByToBuilder() {
        SimulatorOptions defaults = SimulatorOptions.defaults();

        assertThat(defaults.statuses()).isEqualTo(StatusOptions.NONE);
        assertThat(defaults.statuses().evolving()).isFalse();
        SimulatorOptions evolving = defaults.toBuilder().completeShare(0.5).settleAfter(Duration.ofSeconds(3)).build();
        assertThat(evolving.toBuilder().build()).isEqualTo(evolving);
        assertThat(evolving.statuses().evolving()).isTrue();
    }

    @Test
    void sharesMustBeRatesThatAddUpToAtMostOne() {
        assertThatThrownBy(() -> SimulatorOptions.defaults().toBuilder().completeShare(1.2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("completeShare must be between 0 and 1, got 1.2");
        assertThatThrownBy(() -> SimulatorOptions.defaults().toBuilder().completeShare(0.6).failShare(0.3)
                .expireShare(0.2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed 1");
        assertThat(SimulatorOptions.defaults().toBuilder().completeShare(0.6).failShare(0.1).expireShare(0.3).build()
                .statuses().expireShare()).isEqualTo(0.3);
    }

    @Test
    void durationsAndUrlAreChecked() {
        assertThatThrownBy(() -> SimulatorOptions.defaults().toBuilder().settleAfter(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorOptions.defaults().toBuilder().expireAfter(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorOptions.defaults().toBuilder().webhookUrl("mailto:x@example.com?k=zz9")
                .build())
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("zz9");
    }

    @Test
    void theWebhookQueryNeverShows() {
        StatusOptions options = new StatusOptions(0, 0, 0, Duration.ZERO, null,
                URI.create("https://hooks.example.com:8443/verifik?token=zz9#frag"));

        assertThat(options.webhookUrlForDisplay()).isEqualTo("https://hooks.example.com:8443/verifik?<redacted>");
        assertThat(options.toString()).doesNotContain("zz9");
        assertThat(SimulatorOptions.defaults().toBuilder().statuses(options).build().toString()).doesNotContain("zz9");
    }

    @Test
    void fateSlicesFollowTheSharesInOrder() {
        StatusOptions options = new StatusOptions(0.5, 0.2, 0.1, Duration.ZERO, null, null);
        for (int i = 0; i < 500; i++) {
            String identifier = "id-" + i;
            double position = StatusOptions.position(identifier);
            String expected = position < 0.5 ? "completed" : position < 0.7 ? "failed" : position < 0.8 ? "expired" : "new";
            assertThat(options.fateOf(identifier)).as(identifier).isEqualTo(expected);
        }
    }
}

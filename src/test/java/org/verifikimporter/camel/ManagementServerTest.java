package org.verifikimporter.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.config.ImporterSettings;

/** The one switch, from the built-in file, a --set or the environment, and what Camel is told from it. */
class ManagementServerTest {

    @TempDir
    Path tmp;

    private ImporterSettings settings(Map<String, String> env, Map<String, String> set) {
        Map<String, String> all = new HashMap<>(env);
        all.put("VERIFIK_TOKEN", "t");
        return ImporterSettings.builder().env(all).override(set).build();
    }

    @Test
    void offByDefaultSoCamelGetsNeitherMetricsNorHealth() {
        ImporterSettings s = settings(Map.of(), Map.of());
        assertThat(s.get("camel.management.enabled")).isEqualTo("false");
        assertThat(s.get("camel.management.port")).isEqualTo("9876");
        assertThat(ManagementServer.servesMetrics(s)).isFalse();
        assertThat(ManagementServer.servesHealth(s)).isFalse();
        Properties p = CamelProperties.of(s, ImporterEngine.Mode.RUN);
        assertThat(p).containsEntry("camel.management.enabled", "false").containsEntry("camel.metrics.enabled", "false")
                .containsEntry("camel.health.enabled", "false");
    }

    @Test
    void theEnvironmentVariableTurnsItOnWithHealthAndMetrics() {
        ImporterSettings s = settings(Map.of("CAMEL_MANAGEMENT_ENABLED", "true", "CAMEL_MANAGEMENT_PORT", "9000"),
                Map.of());
        assertThat(ManagementServer.servesMetrics(s)).isTrue();
        assertThat(ManagementServer.servesHealth(s)).isTrue();
        Properties p = CamelProperties.of(s, ImporterEngine.Mode.WATCH);
        assertThat(p).containsEntry("camel.management.enabled", "true").containsEntry("camel.management.port", "9000")
                .containsEntry("camel.metrics.enabled", "true").containsEntry("camel.health.enabled", "true");
    }

    @Test
    void metricsCanBeLeftOffAndTheOperatorsOwnCamelKeysWin() {
        ImporterSettings s = settings(Map.of(), Map.of("camel.management.enabled", "TRUE",
                "camel.management.metrics-enabled", "false", "camel.health.enabled", "true"));
        assertThat(ManagementServer.servesMetrics(s)).isFalse();
        assertThat(ManagementServer.servesHealth(s)).isTrue();
        Properties p = CamelProperties.of(s, ImporterEngine.Mode.WATCH);
        assertThat(p).containsEntry("camel.metrics.enabled", "false").containsEntry("camel.health.enabled", "true");
    }
}

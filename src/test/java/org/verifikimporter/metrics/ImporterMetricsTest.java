package org.verifikimporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImporterMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ImporterMetrics metrics = ImporterMetrics.in(registry);

    @Test
    void offHasNoRegistryAndTakesEveryCallWithoutAnEffect() {
        ImporterMetrics off = ImporterMetrics.off();
        off.rowCreated();
        off.rowFailed("INVALID_TYPE");
        off.callAnswered(false, 201);
        off.callsInFlight(() -> 3);
        off.rateWaited(5);
        off.fileTaken();
        off.filesHeldFrom(() -> 7);
        assertThat(off.on()).isFalse();
        assertThat(off.registry()).isNull();
    }

    @Test
    void rowsCountByOutcomeAndCode() {
        metrics.rowCreated();
        metrics.rowCreated();
        metrics.rowFailed("INVALID_TYPE");
        metrics.rowFailed("Project_not_found_or_featured_disabled");
        metrics.rowFailed("INVALID_TYPE");
        assertThat(registry.scrape())
                .contains("verifik_importer_rows_total{code=\"\",outcome=\"created\"} 2.0")
                .contains("verifik_importer_rows_total{code=\"INVALID_TYPE\",outcome=\"failed\"} 2.0")
                .contains("verifik_importer_rows_total{code=\"Project_not_found_or_featured_disabled\",outcome=\"failed\"} 1.0");
    }

    /** The API's code is a label only when it looks like a code, and only so many of them: the rest are OTHER. */
    @Test
    void anOddOrOneCodeTooManyCountsAsOther() {
        metrics.rowFailed("not a code: ana@example.com");
        for (int i = 0; i < ImporterMetrics.MAX_CODES + 5; i++) {
            metrics.rowFailed("CODE_" + i);
        }
        String scrape = registry.scrape();
        assertThat(scrape).doesNotContain("@example.com")
                .contains("verifik_importer_rows_total{code=\"OTHER\",outcome=\"failed\"} 6.0")
                .contains("code=\"CODE_0\"").doesNotContain("code=\"CODE_" + (ImporterMetrics.MAX_CODES + 1) + "\"");
    }

    @Test
    void callsCountByKindAndStatusAndNoAnswerIsNone() {
        metrics.callAnswered(false, 201);
        metrics.callAnswered(false, 201);
        metrics.callAnswered(false, 429);
        metrics.callAnswered(false, 0);
        metrics.callAnswered(true, 200);
        assertThat(registry.scrape())
                .contains("verifik_importer_calls_total{call=\"create\",status=\"201\"} 2.0")
                .contains("verifik_importer_calls_total{call=\"create\",status=\"429\"} 1.0")
                .contains("verifik_importer_calls_total{call=\"create\",status=\"none\"} 1.0")
                .contains("verifik_importer_calls_total{call=\"lookup\",status=\"200\"} 1.0");
    }

    @Test
    void gaugesReadTheirSourcesAndTheRateWaitIsATimer() {
        int[] slots = {2};
        metrics.callsInFlight(() -> slots[0]);
        metrics.fileTaken();
        metrics.fileTaken();
        metrics.fileReleased();
        metrics.rateWaited(TimeUnit.MILLISECONDS.toNanos(250));
        String scrape = registry.scrape();
        assertThat(scrape).contains("verifik_importer_calls_in_flight 2.0", "verifik_importer_files_held 1.0",
                "verifik_importer_rate_wait_seconds_count 1", "verifik_importer_rate_wait_seconds_sum 0.25");
        metrics.filesHeldFrom(() -> 4);
        assertThat(registry.scrape()).contains("verifik_importer_files_held 4.0");
    }
}

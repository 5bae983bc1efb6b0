package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorOptionsTest {

    @Test
    void defaultsAreAHealthyApiOnAFreeLoopbackPort() {
        SimulatorOptions options = SimulatorOptions.defaults();

        assertThat(options.token()).isEqualTo("sim-token");
        assertThat(options.port()).isZero();
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.shapeA()).isFalse();
        assertThat(options.successStatus()).isEqualTo(200);
        assertThat(options.catalog().projectIds()).containsExactlyElementsOf(ProjectCatalog.demo().projectIds());
        assertThat(options.rateLimitPerSecond()).isZero();
        assertThat(options.rateLimitRetryAfter()).isNull();
        assertThat(options.gatewayRate()).isZero();
        assertThat(options.gatewayBurst()).isZero();
        assertThat(options.serverErrorRate()).isZero();
        assertThat(options.dropRate()).isZero();
        assertThat(options.slowAfterRecordRate()).isZero();
        assertThat(options.tokenExpiresAfterCalls()).isZero();
    }

    @Test
    void tokenIsRequired() {
        assertThatThrownBy(() -> SimulatorOptions.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }

    @Test
    void toStringHidesTheToken() {
        assertThat(SimulatorOptions.builder().token("s3cr3t-value").build().toString())
                .doesNotContain("s3cr3t-value").contains("<redacted>");
    }

    @Test
    void toBuilderKeepsEverything() {
        SimulatorOptions options = SimulatorOptions.builder().token("t").port(9000).shapeA(true).successStatus(201)
                .latencyMs(5).latencyJitterMs(6).rateLimitPerSecond(7).rateLimitRetryAfter(8)
                .gatewayRate(12).gatewayBurst(13)
                .serverErrorRate(0.1).dropRate(0.2).slowAfterRecordRate(0.3).slowAfterRecordMs(9)
                .tokenExpiresAfterCalls(10).seed(11).build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @ParameterizedTest
    @ValueSource(ints = {199, 204, 205, 300, 404})
    void successStatusMustBeA2xxWithABody(int status) {
        assertRefused(b -> b.successStatus(status), "successStatus");
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertRefused(b -> b.dropRate(1.5), "dropRate must be between 0 and 1");
        assertRefused(b -> b.serverErrorRate(-0.1), "serverErrorRate");
        assertRefused(b -> b.slowAfterRecordRate(Double.NaN), "slowAfterRecordRate");
        assertRefused(b -> b.latencyMs(-1), "latencyMs must not be negative");
        assertRefused(b -> b.latencyJitterMs(-1), "latencyJitterMs");
        assertRefused(b -> b.rateLimitPerSecond(-1), "rateLimitPerSecond");
        assertRefused(b -> b.rateLimitRetryAfter(-1), "rateLimitRetryAfter");
        assertRefused(b -> b.gatewayRate(-1), "gatewayRate must not be negative");
        assertRefused(b -> b.gatewayBurst(-1), "gatewayBurst must not be negative");
        assertRefused(b -> b.slowAfterRecordMs(-1), "slowAfterRecordMs");
        assertRefused(b -> b.tokenExpiresAfterCalls(-1), "tokenExpiresAfterCalls");
        assertRefused(b -> b.port(70000), "port");
        assertRefused(b -> b.host(" "), "host");
        assertRefused(b -> b.token(" "), "token");
    }

    private static void assertRefused(UnaryOperator<SimulatorOptionsBuilder> change, String message) {
        assertThatThrownBy(() -> change.apply(SimulatorOptions.builder().token("t")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}

package org.verifikimporter.camel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThrottleSettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 20, 50, 200, 201, 1000, 5000})
    void neverMoreThanTheRateInASecondAndAtLeast97PercentOfIt(int rate) {
        int[] t = ImporterEngine.throttle(rate);
        double perSecond = t[0] * 1000.0 / t[1];
        assertThat(perSecond).isLessThanOrEqualTo(rate).isGreaterThanOrEqualTo(rate * 0.97);
    }

    @Test
    void aTenthOfTheRatePerTenthOfASecond() {
        assertThat(ImporterEngine.throttle(20)).containsExactly(2, 102);
        assertThat(ImporterEngine.throttle(5)).containsExactly(1, 204);
        assertThat(ImporterEngine.throttle(1000)).containsExactly(100, 102);
    }
}

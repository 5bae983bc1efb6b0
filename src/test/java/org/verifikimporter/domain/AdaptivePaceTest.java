package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptivePaceTest {

    static final long S = TimeUnit.SECONDS.toNanos(1);
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void fullRateUntilA429ThenLowerBackQuicklyToNearWhereItCameAndThenSlowly() {
        AdaptivePace pace = new AdaptivePace(20);
        assertThat(pace.rate(0)).isEqualTo(20.0);
        assertThat(pace.intervalNanos(0)).isEqualTo(50 * MS);

        assertThat(pace.rejected(10 * S)).isTrue();
        assertThat(pace.rate(10 * S)).isCloseTo(19.4, within(1e-9));
        // a call per second regained per second up to 98.5% of the pace the 429 came at (19.7)...
        assertThat(pace.rate(10 * S + 150 * MS)).isCloseTo(19.55, within(1e-9));
        assertThat(pace.rate(10 * S + 300 * MS)).isCloseTo(19.7, within(1e-9));
        // ...then 0.08 calls per second per second
        assertThat(pace.rate(11 * S + 300 * MS)).isCloseTo(19.78, within(1e-9));
        assertThat(pace.rate(13 * S + 800 * MS)).isCloseTo(19.98, within(1e-9));
        assertThat(pace.rate(14 * S + 100 * MS)).isEqualTo(20.0);
        assertThat(pace.rate(60 * S)).as("never above the rate").isEqualTo(20.0);
    }

    @Test
    void the429sOfCallsAlreadyInFlightLowerThePaceOnlyOnce() {
        AdaptivePace pace = new AdaptivePace(20);
        assertThat(pace.rejected(0)).isTrue();
        double lowered = pace.rate(0);
        // within three intervals (~155 ms at 19.4/s) of the decrease
        assertThat(pace.rejected(50 * MS)).isFalse();
        assertThat(pace.rejected(150 * MS)).isFalse();
        assertThat(pace.rate(150 * MS)).isGreaterThan(lowered);
        assertThat(pace.rejected(300 * MS)).as("a 429 of a call paced at the lower rate").isTrue();
        assertThat(pace.rate(300 * MS)).isLessThan(lowered);
    }

    @Test
    void aSecond429LowersTheKneeTooSoThePaceSettlesWhereTheGatewayAgrees() {
        AdaptivePace pace = new AdaptivePace(20);
        pace.rejected(0);                       // at 20: down to 19.4, fast back to 19.7
        long second = 2 * S;
        double at = pace.rate(second);
        assertThat(at).isBetween(19.7, 19.9);
        pace.rejected(second);                  // at ~19.84: down to ~19.24, fast back to 98.5% of ~19.84 only
        assertThat(pace.rate(second + 2 * S)).isLessThan(at);
    }

    @Test
    void aGatewayRefusingEverythingSlowsThePaceWellDownButNeverToAStandstill() {
        AdaptivePace pace = new AdaptivePace(20);
        long now = 0;
        for (int i = 0; i < 200; i++) {
            // every call refused, each 429 as soon as it can lower the pace again
            now += AdaptivePace.HOLD_INTERVALS * pace.intervalNanos(now) + MS;
            pace.rejected(now);
        }
        assertThat(pace.rate(now)).isBetween(20 * AdaptivePace.FLOOR, 10.0);
    }
}

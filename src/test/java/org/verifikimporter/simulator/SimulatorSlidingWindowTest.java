package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorSlidingWindowTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void emptyAndSingle() {
        assertThat(SlidingWindow.maxInAnyWindow(List.of(), SECOND)).isZero();
        assertThat(SlidingWindow.maxInAnyWindow(List.of(T0), SECOND)).isEqualTo(1);
    }

    @Test
    void findsTheBusiestWindowAnywhereNotJustAtWholeSeconds() {
        List<Instant> instants = List.of(at(0), at(600), at(1100), at(1200), at(1500), at(2700));

        // 0.6 .. 1.5 holds four instants although no calendar second holds more than three
        assertThat(SlidingWindow.maxInAnyWindow(instants, SECOND)).isEqualTo(4);
    }

    @Test
    void instantsExactlyOneWindowApartAreInDifferentWindows() {
        assertThat(SlidingWindow.maxInAnyWindow(List.of(at(0), at(1000), at(2000)), SECOND)).isEqualTo(1);
        assertThat(SlidingWindow.maxInAnyWindow(List.of(at(0), at(999), at(1998)), SECOND)).isEqualTo(2);
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<Instant> instants = List.of(at(1500), at(0), at(1200), at(2700), at(600), at(1100));

        assertThat(SlidingWindow.maxInAnyWindow(instants, SECOND)).isEqualTo(4);
    }

    @Test
    void burstAtOneInstantCountsEveryEvent() {
        assertThat(SlidingWindow.maxInAnyWindow(List.of(at(5), at(5), at(5)), SECOND)).isEqualTo(3);
    }

    @Test
    void limiterAdmitsAtMostTheLimitInAnyWindow() {
        SlidingWindow limiter = new SlidingWindow(SECOND, 2);
        long ms = 1_000_000L;

        assertThat(limiter.tryAdmit(0)).isTrue();
        assertThat(limiter.tryAdmit(400 * ms)).isTrue();
        assertThat(limiter.tryAdmit(500 * ms)).isFalse();
        assertThat(limiter.tryAdmit(999 * ms)).isFalse();
        assertThat(limiter.tryAdmit(1000 * ms)).as("the first admission left the window").isTrue();
        assertThat(limiter.tryAdmit(1300 * ms)).isFalse();
        assertThat(limiter.tryAdmit(1400 * ms)).isTrue();
    }

    @Test
    void limiterAndCounterAgree() {
        SlidingWindow limiter = new SlidingWindow(SECOND, 3);
        List<Instant> admitted = new java.util.ArrayList<>();
        for (int t = 0; t < 5000; t += 70) {
            if (limiter.tryAdmit(t * 1_000_000L)) {
                admitted.add(at(t));
            }
        }

        assertThat(SlidingWindow.maxInAnyWindow(admitted, SECOND)).isEqualTo(3);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }
}

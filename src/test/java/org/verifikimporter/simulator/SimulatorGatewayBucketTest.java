package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's leaky bucket on a clock the test sets by hand, so every edge is exact and nothing waits. */
class SimulatorGatewayBucketTest {

    private static final long MS = 1_000_000L;
    /** An arbitrary origin: nanoTime readings mean nothing on their own, and may well be negative. */
    private static final long T0 = -7_777_000_000L;

    @Test
    void atRate20WithoutBurstTheSecondOfTwoBackToBackIsRefused() {
        LeakyBucket bucket = new LeakyBucket(20, 0);

        assertThat(bucket.emissionIntervalNanos()).isEqualTo(50 * MS);
        assertThat(bucket.tryAcquire(T0)).isTrue();
        assertThat(bucket.tryAcquire(T0)).isFalse();
        assertThat(bucket.tryAcquire(T0 + 50 * MS - 1)).as("one nanosecond short of the interval").isFalse();
        assertThat(bucket.tryAcquire(T0 + 50 * MS)).as("exactly one interval later").isTrue();
    }

    @Test
    void requestsSpaced60msApartAllPass() {
        LeakyBucket bucket = new LeakyBucket(20, 0);

        for (int i = 0; i < 200; i++) {
            assertThat(bucket.tryAcquire(T0 + i * 60 * MS)).as("request %d", i).isTrue();
        }
    }

    @Test
    void requestsSpacedExactlyOneIntervalApartAllPass() {
        LeakyBucket bucket = new LeakyBucket(20, 0);

        for (int i = 0; i < 200; i++) {
            assertThat(bucket.tryAcquire(T0 + i * 50 * MS)).as("request %d", i).isTrue();
        }
    }

    @Test
    void aRejectedRequestDoesNotUseCapacity() {
        LeakyBucket bucket = new LeakyBucket(20, 0);
        List<Long> accepted = new ArrayList<>();

        // one request every millisecond for a second: a bucket charged for rejections would starve this client
        for (long t = 0; t < 1000; t++) {
            if (bucket.tryAcquire(T0 + t * MS)) {
                accepted.add(t);
            }
        }

        assertThat(accepted).hasSize(20).containsExactly(
                0L, 50L, 100L, 150L, 200L, 250L, 300L, 350L, 400L, 450L,
                500L, 550L, 600L, 650L, 700L, 750L, 800L, 850L, 900L, 950L);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 20})
    void burstLetsExactlyBurstPlusOneThroughBackToBackFromIdle(int burst) {
        LeakyBucket bucket = new LeakyBucket(20, burst);

        int passed = 0;
        for (int i = 0; i < burst + 10; i++) {
            if (bucket.tryAcquire(T0)) {
                passed++;
            }
        }

        assertThat(passed).isEqualTo(burst + 1);
        assertThat(bucket.tryAcquire(T0 + 50 * MS - 1)).isFalse();
        assertThat(bucket.tryAcquire(T0 + 50 * MS)).as("the first slot drained").isTrue();
        assertThat(bucket.tryAcquire(T0 + 50 * MS)).isFalse();
    }

    @Test
    void aLongIdleSavesUpNoMoreThanTheBurst() {
        LeakyBucket bucket = new LeakyBucket(20, 2);
        assertThat(bucket.tryAcquire(T0)).isTrue();

        long later = T0 + 3_600_000 * MS;
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            if (bucket.tryAcquire(later)) {
                passed++;
            }
        }

        assertThat(passed).isEqualTo(3);
    }

    @Test
    void aSteadyClientAtTheRateKeepsItsBurstForLater() {
        LeakyBucket bucket = new LeakyBucket(10, 3);
        for (int i = 0; i < 50; i++) {
            assertThat(bucket.tryAcquire(T0 + i * 100 * MS)).isTrue();
        }
        long now = T0 + 50 * 100 * MS;

        int passed = 0;
        for (int i = 0; i < 10; i++) {
            if (bucket.tryAcquire(now)) {
                passed++;
            }
        }

        assertThat(passed).isEqualTo(4);
    }

    @Test
    void aRateThatDoesNotDivideASecondNeverLetsMoreThanTheRateThrough() {
        LeakyBucket bucket = new LeakyBucket(3, 0);
        int passed = 0;

        for (long t = 0; t < 60_000; t++) {
            if (bucket.tryAcquire(T0 + t * MS)) {
                passed++;
            }
        }

        assertThat(passed).isEqualTo(180);
        assertThat(bucket.emissionIntervalNanos() * 3).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void theNanoTimeCounterWrappingChangesNothing() {
        LeakyBucket bucket = new LeakyBucket(20, 0);
        long nearTheTop = Long.MAX_VALUE - 10 * MS;

        assertThat(bucket.tryAcquire(nearTheTop)).isTrue();
        assertThat(bucket.tryAcquire(nearTheTop + 30 * MS)).as("wrapped, but only 30 ms later").isFalse();
        assertThat(bucket.tryAcquire(nearTheTop + 50 * MS)).isTrue();
    }

    @Test
    void clearEmptiesTheBucket() {
        LeakyBucket bucket = new LeakyBucket(20, 0);
        assertThat(bucket.tryAcquire(T0)).isTrue();

        bucket.clear();

        assertThat(bucket.tryAcquire(T0)).isTrue();
        assertThat(bucket.tryAcquire(T0)).isFalse();
    }

    @Test
    void manyThreadsAtOnceGetExactlyTheBurstPlusOne() throws Exception {
        LeakyBucket bucket = new LeakyBucket(20, 7);
        int threads = 16;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Integer> caller = () -> {
                    go.await();
                    int passed = 0;
                    for (int j = 0; j < perThread; j++) {
                        if (bucket.tryAcquire(T0)) {
                            passed++;
                        }
                    }
                    return passed;
                };
                results.add(pool.submit(caller));
            }
            go.countDown();
            int passed = 0;
            for (Future<Integer> result : results) {
                passed += result.get(10, TimeUnit.SECONDS);
            }

            assertThat(passed).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesARateBelowOneAndANegativeBurst() {
        assertThatThrownBy(() -> new LeakyBucket(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> new LeakyBucket(20, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("burst");
    }
}

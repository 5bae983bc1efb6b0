package org.verifikimporter.camel.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.job.RunResults;

class InboxSchedulerTest {

    @Test
    void aPollKilledByAnErrorFailsTheRunAndEndsIt() throws Exception {
        RunResults results = new RunResults();
        CountDownLatch ended = new CountDownLatch(1);
        InboxScheduler scheduler = new InboxScheduler(results, ended::countDown);
        try {
            scheduler.scheduleWithFixedDelay(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, 0, 10, TimeUnit.MILLISECONDS);
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("the run was ended").isTrue();
            assertThat(results.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
            assertThat(results.stopReason()).contains("OutOfMemoryError").contains("-Xmx");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void pollsThatEndNormallyLeaveTheRunAlone() throws Exception {
        RunResults results = new RunResults();
        CountDownLatch polled = new CountDownLatch(3);
        CountDownLatch ended = new CountDownLatch(1);
        InboxScheduler scheduler = new InboxScheduler(results, ended::countDown);
        try {
            scheduler.scheduleWithFixedDelay(polled::countDown, 0, 1, TimeUnit.MILLISECONDS);
            assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(ended.getCount()).as("stopping the consumer is not a failure").isEqualTo(1);
        assertThat(results.exitCode()).isEqualTo(ExitCode.OK);
    }
}

package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** importer.rate as the server counts it: request starts in any sliding second, at the simulator. */
class RateAtTheServerTest extends AgainstSimulator {

    @Override
    String token() {
        return "rate-token";
    }

    @Test
    void noSecondAtTheServerHoldsMoreThanTheRateWithEveryConnectionNew() throws Exception {
        // more call slots than the rate, so the rate alone holds the calls back, and every one of the first
        // calls opens its own connection
        h.set("importer.rate", "8").set("importer.concurrency", "12");
        h.drop("paced.csv", NeverTwiceTest.people("r", 30));

        ImporterHarness.Result run = h.run("run");

        assertThat(run.exitCode()).isZero();
        assertThat(sim.stats().posts()).isEqualTo(30);
        assertThat(sim.stats().created()).isEqualTo(30);
        assertThat(sim.stats().maxPostsInAnyOneSecondWindow()).isLessThanOrEqualTo(8);
    }
}

package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness probe's question to the ledger, on the embedded file (PostgreSQL: WatchLedgerHealthTest). */
class LedgerReachableTest {

    @TempDir
    Path state;

    @Test
    void theEmbeddedLedgerAnswersWhileOpenAndSaysSoOnceClosed() {
        Ledger ledger = LedgerFactory.open("", "", "", state, Clock.systemUTC());
        try {
            assertThat(ledger.unreachable()).isEmpty();
            // the probe shares the one connection with the rows' writes and gives it back
            ledger.startRun("abc", "f.csv", state.resolve("r"), Clock.systemUTC().instant());
            assertThat(ledger.unfinishedRuns()).hasSize(1);
            assertThat(ledger.unreachable()).isEmpty();
        } finally {
            ledger.close();
        }
        assertThat(ledger.unreachable()).contains("the ledger is closed");
    }
}

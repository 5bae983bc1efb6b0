package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerFactoryTest {

    @Test
    void anH2FileUrlGetsNoCompactionOnCloseUnlessItSetsItsOwn() {
        assertThat(LedgerFactory.h2WithoutCompactionOnClose("jdbc:h2:file:/s/ledger;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:/s/ledger;WRITE_DELAY=0;MAX_COMPACT_TIME=0");
        assertThat(LedgerFactory.h2WithoutCompactionOnClose("jdbc:h2:file:/s/ledger;"))
                .isEqualTo("jdbc:h2:file:/s/ledger;MAX_COMPACT_TIME=0");
        assertThat(LedgerFactory.h2WithoutCompactionOnClose("jdbc:h2:/s/ledger;max_compact_time=500"))
                .isEqualTo("jdbc:h2:/s/ledger;max_compact_time=500");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertThat(LedgerFactory.h2WithoutCompactionOnClose("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(LedgerFactory.h2WithoutCompactionOnClose("jdbc:postgresql://db/importer"))
                .isEqualTo("jdbc:postgresql://db/importer");
        assertThat(LedgerFactory.h2WithoutCompactionOnClose("jdbc:sqlite:/s/ledger.db?journal_mode=WAL"))
                .isEqualTo("jdbc:sqlite:/s/ledger.db?journal_mode=WAL");
    }
}

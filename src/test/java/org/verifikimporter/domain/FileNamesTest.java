package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void fitKeepsTheExtensionAndNeverSplitsACharacter() {
        assertThat(FileNames.fit("short.csv", "-1", 255)).isEqualTo("short-1.csv");
        String fitted = FileNames.fit("名".repeat(100) + ".csv", "-010203", 255);
        assertThat(FileNames.bytes(fitted)).isLessThanOrEqualTo(255);
        assertThat(fitted).endsWith("名-010203.csv");
        assertThat(FileNames.truncate("aé", 2)).isEqualTo("a");
    }

    @Test
    void printableEscapesControlAndBidiCharacters() {
        assertThat(Printable.of("a\tb\u202Ec\n\\é名")).isEqualTo("a\\u0009b\\u202Ec\\u000A\\\\é名");
    }
}

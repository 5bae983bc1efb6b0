package org.verifikimporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.FileNames;

class ReportFolderTest {

    @TempDir
    Path outbox;

    @Test
    void twoFilesWithOneStemInTheSameSecondGetTwoFolders() throws Exception {
        Instant t = Instant.parse("2026-11-26T01:02:03Z");
        Path a = ReportFolder.create(outbox, "people.csv", t);
        Path b = ReportFolder.create(outbox, "people.CSV", t);
        Path c = ReportFolder.create(outbox, "people.txt.csv", t.plusMillis(10));
        assertThat(a.getFileName()).hasToString("people-20261126T010203Z");
        assertThat(b.getFileName()).hasToString("people-20261126T010203Z-2");
        assertThat(c.getFileName()).hasToString("people.txt-20261126T010203Z");
    }

    @Test
    void stemsAreSafeAndShortInBytes() {
        assertThat(ReportFolder.stem("..hidden.csv")).isEqualTo("hidden");
        assertThat(ReportFolder.stem("a\tb\u202Ec/d.csv")).isEqualTo("d");
        assertThat(ReportFolder.stem("a\tb\u202Ec.csv")).isEqualTo("a_b_c");
        assertThat(ReportFolder.stem("\u202E.csv")).isEqualTo("_");
        assertThat(FileNames.bytes(ReportFolder.stem("名".repeat(200) + ".csv"))).isLessThanOrEqualTo(100);
    }
}

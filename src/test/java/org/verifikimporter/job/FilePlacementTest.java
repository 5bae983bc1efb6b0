package org.verifikimporter.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.FileNames;

/** Where a file goes once it is done with: a name already there is never overwritten. */
class FilePlacementTest {

    @TempDir
    Path tmp;

    FilePlacement placement() {
        return new FilePlacement(tmp.resolve("archive"), tmp.resolve("rejected"), JobFixture.CLOCK);
    }

    @Test
    void theSameNameArchivedTwiceGetsASecondDistinctName() throws Exception {
        FilePlacement placement = placement();
        Path first = placement.archiveTarget("people.csv");
        assertThat(first).isEqualTo(tmp.resolve("archive/2026-11-25/people.csv").toAbsolutePath());
        Files.writeString(first, "monday"); // the file consumer moved the first file there

        Path second = placement.archiveTarget("people.csv");
        Files.writeString(second, "tuesday");
        Path third = placement.archiveTarget("people.csv");

        assertThat(second).isNotEqualTo(first).hasParent(first.getParent());
        assertThat(second.getFileName().toString()).isEqualTo("people-120000.csv");
        assertThat(third.getFileName().toString()).isEqualTo("people-120000-2.csv");
        assertThat(Files.readString(first)).as("never overwritten").isEqualTo("monday");
    }

    @Test
    void theSameNameRejectedTwiceKeepsBothFilesAndBothReasons() throws Exception {
        FilePlacement placement = placement();
        Path firstIn = Files.writeString(Files.createDirectories(tmp.resolve("inbox")).resolve("bad.csv"), "one");
        Path first = placement.reject(firstIn, "the file is empty");
        Path secondIn = Files.writeString(tmp.resolve("inbox/bad.csv"), "two");
        Path second = placement.reject(secondIn, "the first line is empty");

        assertThat(first).isNotEqualTo(second);
        assertThat(Files.readString(first)).isEqualTo("one");
        assertThat(Files.readString(second)).isEqualTo("two");
        assertThat(Files.readString(first.resolveSibling(first.getFileName() + ".reason.txt")))
                .contains("What is wrong: the file is empty.");
        assertThat(Files.readString(second.resolveSibling(second.getFileName() + ".reason.txt")))
                .contains("What is wrong: the first line is empty.");
        assertThat(secondIn).doesNotExist();
    }

    @Test
    void aNameTooLongForItsReasonFileIsShortenedKeepingItsExtension() throws Exception {
        String name = "é".repeat(121) + ".csv"; // 246 bytes: fits the file system, not with ".reason.txt"
        assertThat(FileNames.bytes(name)).isEqualTo(246);

        Path target = placement().rejectTarget(name, "the header names the same column twice");

        String kept = target.getFileName().toString();
        assertThat(kept).isNotEqualTo(name).endsWith(".csv");
        assertThat(FileNames.bytes(kept + ".reason.txt")).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        String reason = Files.readString(target.resolveSibling(kept + ".reason.txt"), StandardCharsets.UTF_8);
        assertThat(reason).as("names the original").contains("\"" + name + "\"");
    }
}

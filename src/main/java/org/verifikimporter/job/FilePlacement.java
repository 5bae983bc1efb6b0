package org.verifikimporter.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.verifikimporter.domain.FileNames;
import org.verifikimporter.report.ReasonFile;

/**
 * Where an input file goes once it is done with, and under what name: {@code {archive}/{yyyy-MM-dd}/} after
 * an import, {@code {rejected}/} with a {@code {name}.reason.txt} beside it when it cannot be imported. A
 * name already there (a re-drop) is never overwritten, and a name too long once a suffix is added is
 * shortened, its extension kept.
 */
public record FilePlacement(Path archive, Path rejected, Clock clock) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    /** Where an imported file is archived (today's folder, created). */
    public Path archiveTarget(String name) throws IOException {
        Path dayDir = archive.resolve(DAY.format(clock.instant()));
        Files.createDirectories(dayDir);
        return unique(dayDir, name, FileNames.MAX_BYTES).toAbsolutePath();
    }

    /** Where a rejected file goes (under the rejected folder as configured); its reason is written beside it first. */
    public Path rejectTarget(String name, String reason) throws IOException {
        // room for ".reason.txt" beside it: a name near the file system's limit is shortened here
        Path target = unique(rejected, name, FileNames.MAX_BYTES - ReasonFile.SUFFIX.length());
        Files.createDirectories(target.getParent());
        Files.writeString(ReasonFile.beside(target), ReasonFile.text(name, reason), StandardCharsets.UTF_8);
        return target;
    }

    /** Rejects a file the file consumer is not to open: moved by the importer itself, with its reason. */
    public Path reject(Path file, String reason) throws IOException {
        Path target = rejectTarget(file.getFileName().toString(), reason);
        Files.move(file, target);
        return target;
    }

    private Path unique(Path dir, String name, int maxBytes) {
        Path candidate = dir.resolve(FileNames.fit(name, "", maxBytes));
        if (!Files.exists(candidate)) {
            return candidate;
        }
        String stamp = TIME.format(clock.instant());
        for (int n = 1; ; n++) {
            candidate = dir.resolve(FileNames.fit(name, "-" + stamp + (n == 1 ? "" : "-" + n), maxBytes));
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }
}

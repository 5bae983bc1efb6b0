package org.verifikimporter.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names and creates {@code {outbox}/{file stem}-{UTC start}/}, never reusing an existing folder. */
public final class ReportFolder {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** In UTF-8 bytes; with the time stamp and a -N the folder name stays far below 255 bytes. */
    private static final int MAX_STEM = 100;

    private ReportFolder() {
    }

    public static Path create(Path outbox, String fileName, Instant startedAt) throws IOException {
        Files.createDirectories(outbox);
        String base = stem(fileName) + "-" + STAMP.format(startedAt);
        for (int n = 1; ; n++) {
            Path dir = outbox.resolve(n == 1 ? base : base + "-" + n);
            try {
                // createDirectory is atomic: two files with one stem in the same second get -2, -3 ...
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // next suffix
            }
        }
    }

    /** The file name without its extension, made safe to be a folder name. */
    static String stem(String fileName) {
        String name = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        stem = stem.replaceAll("[^\\p{L}\\p{N}._ -]", "_").replaceAll("^[.\\s]+", "").strip();
        if (stem.isEmpty()) {
            stem = "file";
        }
        // bytes, not characters: a name in a non-Latin script takes 2-4 bytes a character
        return org.verifikimporter.domain.FileNames.truncate(stem, MAX_STEM).strip();
    }
}

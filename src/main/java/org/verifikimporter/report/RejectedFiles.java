package org.verifikimporter.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the rejected folder holds: each file the importer would not import, when, and the first line of its
 * reason. Read by {@code status} and index.html, since a rejected file has no report folder of its own.
 */
public final class RejectedFiles {

    /**
     * @param reasonFile its {@code .reason.txt}, or null when there is none beside it
     * @param reason     the reason's first line, or null without a reason file
     * @param at         when it was rejected (its reason was written); the file's own time without one
     */
    public record Rejected(String name, Path file, Path reasonFile, String reason, Instant at) {
    }

    /** The newest {@code limit} rejected files, newest first, and how many there are in all. */
    public record Listing(Path folder, List<Rejected> newest, int total) {
        public boolean isEmpty() {
            return total == 0;
        }
    }

    private RejectedFiles() {
    }

    public static Listing newest(Path folder, int limit) throws IOException {
        List<Rejected> all = new ArrayList<>();
        if (folder != null && Files.isDirectory(folder)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
                for (Path f : s) {
                    if (Files.isRegularFile(f) && !isReasonOfAnother(f)) {
                        all.add(read(f));
                    }
                }
            }
        }
        all.sort(Comparator.comparing(Rejected::at).reversed().thenComparing(Rejected::name));
        return new Listing(folder, List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size()))), all.size());
    }

    /**
     * x.csv.reason.txt beside x.csv, or left behind once x.csv was taken away (its case is closed). A rejected
     * file that itself ends in .reason.txt has its own reason beside it.
     */
    private static boolean isReasonOfAnother(Path f) {
        return f.getFileName().toString().endsWith(ReasonFile.SUFFIX) && !Files.exists(ReasonFile.beside(f));
    }

    private static Rejected read(Path f) throws IOException {
        Path reason = ReasonFile.beside(f);
        if (!Files.isRegularFile(reason)) {
            return new Rejected(f.getFileName().toString(), f, null, null, Files.getLastModifiedTime(f).toInstant());
        }
        return new Rejected(f.getFileName().toString(), f, reason, ReasonFile.firstLine(reason),
                Files.getLastModifiedTime(reason).toInstant());
    }
}

package org.verifikimporter.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A report folder's summary.json read back (for index.html, {@code status} and {@code retry}). A folder
 * without one is an import still running or cut short.
 */
public record RunSummaryFile(Path dir, String file, Instant startedAt, Instant finishedAt, boolean dryRun,
                             long total, long created, long failed, Long retryable, Map<String, Long> failures,
                             boolean stopped, boolean interrupted, String sha256) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<RunSummaryFile> read(Path dir) {
        Path f = dir.resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            JsonNode rows = n.path("rows");
            Map<String, Long> failures = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("failures").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                failures.put(e.getKey(), e.getValue().asLong());
            }
            return Optional.of(new RunSummaryFile(dir, n.path("file").asText(""), instant(n.path("startedAt")),
                    instant(n.path("finishedAt")), n.path("dryRun").asBoolean(false), rows.path("total").asLong(),
                    rows.path("created").asLong(), rows.path("failed").asLong(),
                    rows.has("retryable") ? rows.path("retryable").asLong() : null, failures,
                    n.path("stopped").asBoolean(false), n.path("interrupted").asBoolean(false),
                    n.path("sha256").asText("")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every folder of the outbox, in no particular order. */
    public static List<Path> folders(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(outbox)) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        }
        return dirs;
    }

    /** Finished imports in the outbox, newest start first. */
    public static List<RunSummaryFile> all(Path outbox) throws IOException {
        return newest(outbox, Integer.MAX_VALUE);
    }

    /**
     * The newest finished imports, at most {@code limit}: folders are picked by the UTC start in their
     * name, so a years-old outbox is not read whole each time a file finishes.
     */
    public static List<RunSummaryFile> newest(Path outbox, int limit) throws IOException {
        List<Path> dirs = new ArrayList<>(folders(outbox));
        dirs.sort(Comparator.comparing(RunSummaryFile::stampOf).thenComparing(p -> p.getFileName().toString()).reversed());
        List<RunSummaryFile> runs = new ArrayList<>();
        for (Path d : dirs) {
            if (runs.size() >= limit) {
                break;
            }
            read(d).ifPresent(runs::add);
        }
        runs.sort(NEWEST_FIRST);
        return runs;
    }

    private static final java.util.regex.Pattern STAMP = java.util.regex.Pattern.compile("-(\\d{8}T\\d{6}Z)(-\\d+)?$");

    /** yyyyMMddTHHmmssZ from a report folder's name, or "" for a folder named otherwise. */
    static String stampOf(Path dir) {
        java.util.regex.Matcher m = STAMP.matcher(dir.getFileName().toString());
        return m.find() ? m.group(1) : "";
    }

    public static final Comparator<RunSummaryFile> NEWEST_FIRST = Comparator
            .comparing(RunSummaryFile::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.dir().getFileName().toString())
            .reversed();

    /** How the import ended, in a word or two. */
    public String result() {
        if (interrupted) {
            return "interrupted";
        }
        if (stopped) {
            return "stopped by Verifik";
        }
        if (total == 0) {
            return dryRun ? "dry run: no data rows" : "no data rows";
        }
        if (dryRun) {
            return failed == 0 ? "dry run: all valid" : created == 0 ? "dry run: none valid" : "dry run: some invalid";
        }
        return failed == 0 ? "all created" : created == 0 ? "all failed" : "some failed";
    }

    /** What a row that passed is: created, or in a dry run valid (nothing was created). */
    public String passedWord() {
        return dryRun ? "valid" : "created";
    }

    private static Instant instant(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

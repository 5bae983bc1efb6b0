package org.verifikimporter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code retry}: the rows of an earlier import that failed with a retryable code go back into the inbox
 * as a new file with the input's own columns, so the next run sends them again. Rows that need a person
 * to fix them stay out. Cells are copied as failed.csv holds them: the formula guard is undone on the
 * way in, as for any re-dropped report. A marker in the report folder keeps the same rows from being
 * put back twice.
 */
public final class RetryFile {

    public static final String MARKER = "retried.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What retry did: the file written (null when no row qualified), rows put back and rows left out. */
    public record Result(String sourceFile, Path written, int retried, int leftOut, Map<String, Integer> leftOutByCode) {
    }

    /** Why a folder cannot be retried, in words for the person who asked. */
    public static final class NotRetryable extends Exception {
        public NotRetryable(String message) {
            super(message);
        }
    }

    private RetryFile() {
    }

    public static Result write(Path runDir, Path inbox, Instant now, boolean force) throws IOException, NotRetryable {
        RunSummaryFile s = finishedImport(runDir);
        Path marker = runDir.resolve(MARKER);
        if (Files.exists(marker) && !force) {
            throw new NotRetryable("the retryable rows of " + runDir + " were already put back into the inbox ("
                    + describeMarker(marker) + "). Retry the report folder of that later import instead, or use "
                    + "--force to put them back once more");
        }
        FailedRows failed = FailedRows.read(runDir.resolve("failed.csv"));
        List<List<String>> retry = new ArrayList<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        int leftOutCount = 0;
        for (FailedRows.Row row : failed.rows()) {
            if (row.retryable()) {
                retry.add(row.cells());
            } else {
                leftOutCount++;
                leftOut.merge(row.errorCode(), 1, Integer::sum);
            }
        }
        if (failed.header().isEmpty() || retry.isEmpty()) {
            return new Result(s.file(), null, 0, leftOutCount, leftOut);
        }
        Path written;
        try (InboxFile file = InboxFile.write(inbox, stem(s.file(), "retry", now), failed.header(), retry)) {
            written = file.publish();
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("retriedAt", now.toString());
        note.put("file", written.getFileName().toString());
        note.put("inbox", inbox.toAbsolutePath().toString());
        note.put("rows", retry.size());
        JSON.writeValue(marker.toFile(), note);
        return new Result(s.file(), written, retry.size(), leftOutCount, leftOut);
    }

    /**
     * The summary of a finished import that sent its rows, the only kind whose failed rows may go back.
     *
     * @throws NotRetryable naming why not: no such folder, a dry run, an import still running or cut short
     */
    public static RunSummaryFile finishedImport(Path runDir) throws NotRetryable {
        if (!Files.isDirectory(runDir)) {
            throw new NotRetryable(runDir + " is not a folder: name a report folder of the outbox, e.g. "
                    + "data/outbox/users-20261126T012000Z");
        }
        Optional<RunSummaryFile> summary = RunSummaryFile.read(runDir);
        if (summary.isEmpty() || !Files.isRegularFile(runDir.resolve("failed.csv"))) {
            throw new NotRetryable(runDir + " holds no finished import (no summary.json or failed.csv): it is still "
                    + "running, or was cut short and will be resumed by the next run");
        }
        RunSummaryFile s = summary.get();
        if (s.dryRun()) {
            throw new NotRetryable(runDir + " is a dry run (validate): nothing was sent, so there is nothing to retry; "
                    + "drop the file itself into the inbox");
        }
        if (s.stopped() || s.interrupted()) {
            throw new NotRetryable("the import of " + s.file() + " in " + runDir + " did not finish (" + s.result()
                    + "): its file stays in the inbox and the next run resumes it, sending only the rows not created. "
                    + "Nothing to retry here");
        }
        return s;
    }

    /**
     * {@code users-retry-20261126T012000Z}: a retry of a retry is named after the original file again, not
     * users-retry-...-retry-...
     */
    public static String stem(String fileName, String kind, Instant now) {
        return ReportFolder.stem(fileName).replaceFirst("-(retry|unknown|expired|failed-validation|expired-or-failed)-\\d{8}T\\d{6}Z(-\\d+)?$", "")
                + "-" + kind + "-" + ReportFolder.STAMP.format(now);
    }

    private static String describeMarker(Path marker) {
        try {
            var n = JSON.readTree(marker.toFile());
            return "as " + n.path("file").asText("?") + " at " + n.path("retriedAt").asText("?");
        } catch (IOException e) {
            return "see " + marker;
        }
    }
}

package org.verifikimporter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.verifikimporter.domain.ColumnMapping;

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
        if (!Files.isDirectory(runDir)) {
            throw new NotRetryable(runDir + " is not a folder: name a report folder of the outbox, e.g. "
                    + "data/outbox/users-20261126T012000Z");
        }
        Path failedCsv = runDir.resolve("failed.csv");
        Optional<RunSummaryFile> summary = RunSummaryFile.read(runDir);
        if (summary.isEmpty() || !Files.isRegularFile(failedCsv)) {
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
        Path marker = runDir.resolve(MARKER);
        if (Files.exists(marker) && !force) {
            throw new NotRetryable("the retryable rows of " + runDir + " were already put back into the inbox ("
                    + describeMarker(marker) + "). Retry the report folder of that later import instead, or use "
                    + "--force to put them back once more");
        }

        List<String> header;
        List<List<String>> retry = new ArrayList<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        int leftOutCount = 0;
        String text = Files.readString(failedCsv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader r = new StringReader(text);
             CSVParser p = CSVFormat.DEFAULT.builder().get().parse(r)) {
            List<CSVRecord> records = p.getRecords();
            if (records.isEmpty()) {
                throw new NotRetryable(failedCsv + " is empty");
            }
            List<String> all = records.get(0).toList();
            int added = ColumnMapping.REPORT_COLUMNS.size();
            if (all.size() < added || !all.subList(all.size() - added, all.size()).equals(ColumnMapping.REPORT_COLUMNS)) {
                throw new NotRetryable(failedCsv + " does not end with the report's columns "
                        + ColumnMapping.REPORT_COLUMNS + ": was it edited? Drop the fixed rows into the inbox by hand");
            }
            header = all.subList(0, all.size() - added);
            int codeAt = all.size() - added;
            int retryableAt = all.size() - 1;
            for (CSVRecord rec : records.subList(1, records.size())) {
                List<String> cells = rec.toList();
                if (cells.size() != all.size()) {
                    continue;
                }
                if ("true".equalsIgnoreCase(cells.get(retryableAt).strip())) {
                    retry.add(cells.subList(0, header.size()));
                } else {
                    leftOutCount++;
                    leftOut.merge(cells.get(codeAt), 1, Integer::sum);
                }
            }
        }
        if (header.isEmpty() || retry.isEmpty()) {
            return new Result(s.file(), null, 0, leftOutCount, leftOut);
        }
        // a retry of a retry is named after the original file again, not users-retry-...-retry-...
        String stem = ReportFolder.stem(s.file()).replaceFirst("-retry-\\d{8}T\\d{6}Z(-\\d+)?$", "");
        Path written = writeUnique(inbox, stem + "-retry-" + ReportFolder.STAMP.format(now), header, retry);
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("retriedAt", now.toString());
        note.put("file", written.getFileName().toString());
        note.put("inbox", inbox.toAbsolutePath().toString());
        note.put("rows", retry.size());
        JSON.writeValue(marker.toFile(), note);
        return new Result(s.file(), written, retry.size(), leftOutCount, leftOut);
    }

    /**
     * Written under a name the inbox ignores, then renamed: a poller never reads half a file. The name
     * is new: an existing file in the inbox is never overwritten.
     */
    private static Path writeUnique(Path inbox, String stem, List<String> header, List<List<String>> rows)
            throws IOException {
        Files.createDirectories(inbox);
        Path tmp = Files.createTempFile(inbox, "." + stem, ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                w.write("\uFEFF");
                printer.printRecord(header);
                for (List<String> row : rows) {
                    printer.printRecord(row);
                }
            }
            for (int n = 1; ; n++) {
                Path target = inbox.resolve(stem + (n == 1 ? "" : "-" + n) + ".csv");
                if (Files.exists(target)) {
                    continue;
                }
                try {
                    // a rename within the folder; without REPLACE_EXISTING a file that appeared meanwhile is kept
                    Files.move(tmp, target);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    // next suffix
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
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

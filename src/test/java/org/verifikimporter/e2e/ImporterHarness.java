package org.verifikimporter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.verifikimporter.cli.ImporterCli;

/**
 * Runs the real CLI in-process on folders of its own, and reads back what a person would look at: the
 * exit code, stdout, the report files and where the inputs went.
 */
public final class ImporterHarness {

    public static final String P1 = "6650f1a2b3c4d5e6f7a80001";
    public static final String P2 = "6650f1a2b3c4d5e6f7a80002";
    public static final String F_ONBOARDING = "6650f1a2b3c4d5e6f7a8f001";
    public static final String F_LOGIN = "6650f1a2b3c4d5e6f7a8f002";
    public static final String F_PAUSED = "6650f1a2b3c4d5e6f7a8f003";
    public static final String F_P2_LOGIN = "6650f1a2b3c4d5e6f7a8f004";

    public final Path root;
    public final Path inbox;
    public final Path outbox;
    public final Path archive;
    public final Path rejected;
    public final Path state;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    public ImporterHarness(Path root, String baseUrl, String token) {
        this.root = root;
        this.inbox = root.resolve("inbox");
        this.outbox = root.resolve("outbox");
        this.archive = root.resolve("archive");
        this.rejected = root.resolve("rejected");
        this.state = root.resolve("state");
        if (token != null) {
            env.put("VERIFIK_TOKEN", token);
        }
        set("verifik.base-url", baseUrl);
        set("importer.inbox", inbox.toString());
        set("importer.outbox", outbox.toString());
        set("importer.archive", archive.toString());
        set("importer.rejected", rejected.toString());
        set("importer.state", state.toString());
        // tests write whole files at once; waiting for them to age would only slow the suite
        set("importer.file-min-age", "0");
        set("importer.rate", "0");
        set("importer.retry-initial-delay", "10");
        set("importer.retry-max-delay", "50");
        // the simulator and the stubs list a validation the moment it exists: no need to wait before a lookup
        set("importer.reconcile-grace", "0");
    }

    public ImporterHarness set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    private boolean traceLogs;

    /** Run with every logger at TRACE. */
    public ImporterHarness traceLogs() {
        this.traceLogs = true;
        return this;
    }

    public ImporterHarness env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public Path drop(String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path f = inbox.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    public Result run(String command, String... extra) {
        List<String> args = new ArrayList<>();
        args.add(command);
        settings.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (LogCapture logs = traceLogs ? LogCapture.everything() : LogCapture.start()) {
            int code = ImporterCli.execute(args.toArray(String[]::new), Map.copyOf(env), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            return new Result(code, out.toString(), err.toString(), logs.text());
        }
    }

    /** stdout and stderr of the CLI itself, and every log line (with stack traces) written meanwhile. */
    public record Result(int exitCode, String out, String err, String logs) {
    }

    /** Report folders, oldest first. */
    public List<Path> reportDirs() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    public Path onlyReportDir() throws IOException {
        List<Path> dirs = reportDirs();
        if (dirs.size() != 1) {
            throw new AssertionError("expected one report folder, found " + dirs);
        }
        return dirs.get(0);
    }

    public static List<Map<String, String>> csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = new java.io.StringReader(text);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (CSVRecord rec : p) {
                rows.add(new LinkedHashMap<>(rec.toMap()));
            }
        }
        return rows;
    }

    public static List<String> header(Path file) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        return List.of(first.replace("\uFEFF", "").split(",", -1));
    }

    public static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    public List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    public static String row(String... cells) {
        return String.join(",", cells) + "\n";
    }
}

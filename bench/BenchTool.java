// Helper for bench/run.sh. JDK only, run as a single-file program: java bench/BenchTool.java COMMAND ...
//
//   gen N FILE TAG              writes a CSV of N people with unique identifiers bench-TAG-0000001..., all on the
//                               simulator's demo project 6650f1a2b3c4d5e6f7a80001 / login flow 6650f1a2b3c4d5e6f7a8f002
//   requests FILE               reads a GET /_simulator/requests log; prints key=value figures: POSTs by answered
//                               status, the largest number of POSTs in any one second and where that second starts
//   reports OUTBOX INPUT        reads every created.csv/failed.csv/summary.json under OUTBOX and checks them against
//                               the INPUT csv: each identifier in exactly one report, each failed row with a code
//   cluster FILE KILL_MS TAG    reads a GET /_simulator/requests log of several importer instances, one of which was
//                               SIGKILLed at KILL_MS (epoch milliseconds) while importing the file of TAG; prints when
//                               the first create call for that file came after the kill, and the largest number of
//                               API calls (creates and lookups alike) in any one second
//   threads DUMP...             condenses jcmd Thread.print dumps: threads by pool and state, and the frames the row
//                               threads are in
//
// Output is one line of key=value pairs (or, for threads, a few readable lines) for run.sh to print.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class BenchTool {

    static final String PROJECT = "6650f1a2b3c4d5e6f7a80001";
    static final String LOGIN_FLOW = "6650f1a2b3c4d5e6f7a8f002";

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "gen" -> gen(Long.parseLong(args[1]), Path.of(args[2]), args[3]);
            case "requests" -> requests(Path.of(args[1]));
            case "reports" -> reports(Path.of(args[1]), Path.of(args[2]));
            case "cluster" -> cluster(Path.of(args[1]), Long.parseLong(args[2]), args[3]);
            case "threads" -> threads(List.of(args).subList(1, args.length));
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("usage: BenchTool gen N FILE TAG | requests FILE | reports OUTBOX INPUT"
                + " | cluster FILE KILL_MS TAG | threads DUMP...");
        System.exit(64);
    }

    // ---------------------------------------------------------------------------------------------------- gen

    static void gen(long n, Path file, String tag) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("identifier,project,projectFlow,type\n");
            for (long i = 1; i <= n; i++) {
                out.write(identifier(tag, i));
                out.write(',');
                out.write(PROJECT);
                out.write(',');
                out.write(LOGIN_FLOW);
                out.write(",login\n");
            }
        }
    }

    static String identifier(String tag, long i) {
        return "bench-" + tag + "-" + String.format("%07d", i);
    }

    // ---------------------------------------------------------------------------------------------------- requests

    // The log is a JSON array of {"method":..,"path":..,...,"receivedAt":"..","status":N}; bodies are JSON strings
    // (their quotes escaped), so these two patterns only match the record's own fields.
    static final Pattern METHOD_PATH = Pattern.compile("\"method\":\"([A-Z]+)\",\"path\":\"([^\"]*)\"");
    static final Pattern RECEIVED_STATUS = Pattern.compile("\"receivedAt\":\"([^\"]+)\",\"status\":(-?\\d+)");

    static void requests(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher mp = METHOD_PATH.matcher(text);
        Matcher rs = RECEIVED_STATUS.matcher(text);
        List<Long> times = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        int from = 0;
        while (mp.find(from)) {
            boolean post = mp.group(1).equals("POST") && mp.group(2).equals("/v2/biometric-validations");
            if (!rs.find(mp.end())) {
                break;
            }
            from = rs.end();
            if (!post) {
                continue;
            }
            Instant at = Instant.parse(rs.group(1));
            times.add(at.getEpochSecond() * 1_000_000_000L + at.getNano());
            int status = Integer.parseInt(rs.group(2));
            statuses.merge(status == -1 ? "dropped" : String.valueOf(status), 1, Integer::sum);
        }
        Collections.sort(times);
        StringBuilder line = new StringBuilder();
        line.append("log_posts=").append(times.size());
        line.append(" answers=").append(statuses.isEmpty() ? "none" : statuses.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        if (!times.isEmpty()) {
            long first = times.get(0);
            long last = times.get(times.size() - 1);
            long[] best = maxWindow(times, 0);
            long[] steady = maxWindow(times, first + 2_000_000_000L);
            line.append(String.format(" post_span_s=%.3f", (last - first) / 1e9));
            line.append(" log_max_1s_window=").append(best[0]);
            line.append(String.format(" window_starts_at_s=%.3f", (best[1] - first) / 1e9));
            line.append(" max_1s_window_after_2s=").append(steady[0]);
        }
        System.out.println(line);
    }

    static void cluster(Path file, long killMillis, String tag) throws IOException {
        String text = Files.readString(file);
        Matcher mp = METHOD_PATH.matcher(text);
        Matcher rs = RECEIVED_STATUS.matcher(text);
        String identifier = "bench-" + tag + "-";
        long killNanos = killMillis * 1_000_000L;
        List<Long> calls = new ArrayList<>();
        long lookups = 0;
        long firstAfter = Long.MAX_VALUE;
        long lastBefore = Long.MIN_VALUE;
        int from = 0;
        while (mp.find(from)) {
            if (!rs.find(mp.end())) {
                break;
            }
            from = rs.end();
            if (!mp.group(2).startsWith("/v2/")) {
                continue;
            }
            Instant at = Instant.parse(rs.group(1));
            long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            calls.add(nanos);
            if (mp.group(1).equals("GET")) {
                lookups++;
            } else if (mp.group(1).equals("POST") && text.substring(mp.end(), rs.start()).contains(identifier)) {
                if (nanos > killNanos) {
                    firstAfter = Math.min(firstAfter, nanos);
                } else {
                    lastBefore = Math.max(lastBefore, nanos);
                }
            }
        }
        Collections.sort(calls);
        StringBuilder line = new StringBuilder();
        line.append("max_1s_window_all_calls=").append(maxWindow(calls, 0)[0]);
        line.append(" lookups=").append(lookups);
        line.append(firstAfter == Long.MAX_VALUE ? " first_call_after_kill_s=none"
                : String.format(" first_call_after_kill_s=%.2f", (firstAfter - killNanos) / 1e9));
        line.append(lastBefore == Long.MIN_VALUE ? " last_call_before_kill_s=none"
                : String.format(" last_call_before_kill_s=%.2f", (killNanos - lastBefore) / 1e9));
        System.out.println(line);
    }

    /** {count, start} of the one-second window holding most POSTs among those at or after notBefore. */
    static long[] maxWindow(List<Long> sorted, long notBefore) {
        long best = 0;
        long bestStart = sorted.isEmpty() ? 0 : sorted.get(0);
        int start = 0;
        while (start < sorted.size() && sorted.get(start) < notBefore) {
            start++;
        }
        for (int end = start; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= 1_000_000_000L) {
                start++;
            }
            if (end - start + 1 > best) {
                best = end - start + 1;
                bestStart = sorted.get(start);
            }
        }
        return new long[] {best, bestStart};
    }

    // ---------------------------------------------------------------------------------------------------- reports

    static final Pattern SUMMARY_ROWS = Pattern.compile(
            "\"total\"\\s*:\\s*(\\d+)\\s*,\\s*\"created\"\\s*:\\s*(\\d+)\\s*,\\s*\"failed\"\\s*:\\s*(\\d+)");
    static final Pattern TIMES = Pattern.compile(
            "\"startedAt\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"finishedAt\"\\s*:\\s*\"([^\"]+)\"");

    static void reports(Path outbox, Path input) throws IOException {
        // identifier -> how many times it appears in the reports; start with every input identifier at 0
        Map<String, Integer> seen = new HashMap<>();
        long inputRows = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(in);
            int idCol = csv.next().indexOf("identifier");
            for (List<String> row; (row = csv.next()) != null; ) {
                seen.put(row.get(idCol), 0);
                inputRows++;
            }
        }
        long total = 0, summaryCreated = 0, summaryFailed = 0, created = 0, failed = 0, failedWithoutCode = 0;
        long unknownIdentifiers = 0;
        double fileSeconds = 0;
        Map<String, Long> codes = new TreeMap<>();
        List<Path> folders;
        try (Stream<Path> s = Files.list(outbox)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path folder : folders) {
            Path summary = folder.resolve("summary.json");
            if (Files.exists(summary)) {
                String json = Files.readString(summary);
                Matcher m = SUMMARY_ROWS.matcher(json);
                if (m.find()) {
                    total += Long.parseLong(m.group(1));
                    summaryCreated += Long.parseLong(m.group(2));
                    summaryFailed += Long.parseLong(m.group(3));
                }
                Matcher t = TIMES.matcher(json);
                if (t.find()) {
                    Instant a = Instant.parse(t.group(1));
                    Instant b = Instant.parse(t.group(2));
                    fileSeconds += (b.toEpochMilli() - a.toEpochMilli()) / 1000.0;
                }
            }
            Path createdCsv = folder.resolve("created.csv");
            if (Files.exists(createdCsv)) {
                try (BufferedReader in = Files.newBufferedReader(createdCsv, StandardCharsets.UTF_8)) {
                    CsvReader csv = new CsvReader(in);
                    int idCol = csv.next().indexOf("identifier");
                    for (List<String> row; (row = csv.next()) != null; ) {
                        created++;
                        if (seen.computeIfPresent(row.get(idCol), (k, v) -> v + 1) == null) {
                            unknownIdentifiers++;
                        }
                    }
                }
            }
            Path failedCsv = folder.resolve("failed.csv");
            if (Files.exists(failedCsv)) {
                try (BufferedReader in = Files.newBufferedReader(failedCsv, StandardCharsets.UTF_8)) {
                    CsvReader csv = new CsvReader(in);
                    List<String> header = csv.next();
                    int idCol = header.indexOf("identifier");
                    int codeCol = header.indexOf("errorCode");
                    for (List<String> row; (row = csv.next()) != null; ) {
                        failed++;
                        String code = codeCol >= 0 && codeCol < row.size() ? row.get(codeCol) : "";
                        if (code.isBlank()) {
                            failedWithoutCode++;
                        } else {
                            codes.merge(code, 1L, Long::sum);
                        }
                        String id = idCol >= 0 && idCol < row.size() ? row.get(idCol) : "";
                        if (seen.computeIfPresent(id, (k, v) -> v + 1) == null) {
                            unknownIdentifiers++;
                        }
                    }
                }
            }
        }
        long missing = seen.values().stream().filter(v -> v == 0).count();
        long twice = seen.values().stream().filter(v -> v > 1).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report_folders", folders.size());
        out.put("input_rows", inputRows);
        out.put("summary_total", total);
        out.put("summary_created", summaryCreated);
        out.put("summary_failed", summaryFailed);
        out.put("created_csv", created);
        out.put("failed_csv", failed);
        out.put("rows_missing_from_reports", missing);
        out.put("rows_in_reports_twice", twice);
        out.put("unknown_rows_in_reports", unknownIdentifiers);
        out.put("failed_without_code", failedWithoutCode);
        out.put("failure_codes", codes.isEmpty() ? "none" : codes.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        out.put("file_seconds", String.format("%.3f", fileSeconds));
        System.out.println(out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
    }

    /** RFC 4180 reader: quoted cells with commas, doubled quotes and line breaks; a leading BOM is skipped. */
    static final class CsvReader {
        private final Reader in;
        private boolean first = true;
        private boolean eof;

        CsvReader(Reader in) {
            this.in = in;
        }

        List<String> next() throws IOException {
            if (eof) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            while (true) {
                int c = in.read();
                if (first) {
                    first = false;
                    if (c == '\uFEFF') {
                        c = in.read();
                    }
                }
                if (c == -1) {
                    eof = true;
                    if (!any && cell.length() == 0 && cells.isEmpty()) {
                        return null;
                    }
                    cells.add(cell.toString());
                    return cells;
                }
                any = true;
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int d = in.read();
                        if (d == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (d != -1) {
                                ((BufferedReader) in).reset();
                            }
                        }
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n') {
                    cells.add(cell.toString());
                    return cells;
                } else if (c != '\r') {
                    cell.append((char) c);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- threads

    static final Pattern THREAD_HEADER = Pattern.compile("^\"([^\"]*)\".*");
    static final Pattern STATE = Pattern.compile("^\\s+java.lang.Thread.State: (\\S+)(.*)");

    static void threads(List<String> dumps) throws IOException {
        for (String dump : dumps) {
            List<String> lines = Files.readAllLines(Path.of(dump));
            Map<String, Integer> pools = new TreeMap<>();
            Map<String, Integer> rowFrames = new HashMap<>();
            String name = null;
            String state = null;
            List<String> frames = new ArrayList<>();
            lines = new ArrayList<>(lines);
            lines.add("");
            for (String line : lines) {
                Matcher h = THREAD_HEADER.matcher(line);
                if (h.matches()) {
                    name = h.group(1);
                    state = "?";
                    frames.clear();
                    continue;
                }
                Matcher s = STATE.matcher(line);
                if (name != null && s.matches()) {
                    state = s.group(1);
                    continue;
                }
                if (name != null && line.trim().startsWith("at ")) {
                    frames.add(line.trim().substring(3));
                    continue;
                }
                if (name != null && line.isBlank()) {
                    String pool = name.replaceAll("[-#\\s]*\\d+$", "").replaceAll("\\d+", "N");
                    pools.merge(pool + " [" + state + "]", 1, Integer::sum);
                    String lower = name.toLowerCase();
                    if (lower.equals("row") || lower.startsWith("row-") || lower.startsWith("row ")
                            || lower.matches("row\\W?\\d+") || lower.contains("ledger-writer") || lower.equals("main")) {
                        rowFrames.merge(name.replaceAll("\\d+$", "N") + " " + state + " in "
                                + interestingFrames(frames), 1, Integer::sum);
                    }
                    name = null;
                }
            }
            System.out.println("== " + dump);
            System.out.println("threads by pool [state]: " + pools.entrySet().stream()
                    .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining("; ")));
            System.out.println("row, ledger-writer and main threads, by where they are:");
            rowFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> System.out.println("  " + e.getValue() + " x " + e.getKey()));
        }
    }

    /** The top frame, plus the first frame of the project's own code, if any, plus the first non-JDK frame. */
    static String interestingFrames(List<String> frames) {
        if (frames.isEmpty()) {
            return "(no frames)";
        }
        List<String> picked = new ArrayList<>();
        picked.add(frames.get(0));
        frames.stream().filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
                .findFirst().ifPresent(f -> { if (!picked.contains(f)) picked.add(f); });
        frames.stream().filter(f -> f.startsWith("org.verifikimporter")).findFirst()
                .ifPresent(f -> { if (!picked.contains(f)) picked.add(f); });
        return String.join(" <- ", picked);
    }
}

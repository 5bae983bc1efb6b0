package org.verifikimporter.jar;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.simulator.CreatedValidation;
import org.verifikimporter.simulator.RecordedRequest;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * Instances of the packaged jar sharing one inbox, outbox, archive and rejected folder and one PostgreSQL ledger,
 * each with a state folder of its own; and the checks of what they leave behind. Used by {@link ClusterIT}.
 */
final class Cluster implements AutoCloseable {

    static final String PROJECT = ImporterHarness.P1;
    static final String FLOW = ImporterHarness.F_LOGIN;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path inbox;
    final Path outbox;
    final Path archive;
    final Path rejected;
    private final String database;
    private final EmbeddedPostgres postgres;
    private final List<JarProcess> started = new ArrayList<>();

    Cluster(Path root, String database, EmbeddedPostgres postgres) throws IOException {
        deleteTree(root);
        this.root = Files.createDirectories(root);
        this.inbox = Files.createDirectories(root.resolve("inbox"));
        this.outbox = Files.createDirectories(root.resolve("outbox"));
        this.archive = Files.createDirectories(root.resolve("archive"));
        this.rejected = Files.createDirectories(root.resolve("rejected"));
        this.database = database;
        this.postgres = postgres;
    }

    /**
     * Starts one instance: {@code java -jar verifik-importer.jar COMMAND} with the shared folders, its own state
     * folder, the shared ledger (its connections named after the instance, so pg_stat_activity tells who is
     * connected), a lease of {@link ClusterIT#LEASE_SECONDS} s, a 1 s poll and no minimum file age.
     */
    JarProcess start(String name, VerifikSimulator sim, Map<String, String> extra, String command) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("VERIFIK_TOKEN", ClusterIT.TOKEN);
        env.put("VERIFIK_BASE_URL", sim.baseUrl());
        env.put("IMPORTER_INBOX", inbox.toString());
        env.put("IMPORTER_OUTBOX", outbox.toString());
        env.put("IMPORTER_ARCHIVE", archive.toString());
        env.put("IMPORTER_REJECTED", rejected.toString());
        env.put("IMPORTER_STATE", root.resolve("state-" + name).toString());
        String url = jdbcUrl();
        env.put("IMPORTER_LEDGER_URL", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name);
        env.put("IMPORTER_LEDGER_USER", "postgres");
        env.put("IMPORTER_LEDGER_PASSWORD", "postgres");
        env.put("IMPORTER_CLUSTER_LEASE", Integer.toString(ClusterIT.LEASE_SECONDS));
        env.put("IMPORTER_CLUSTER_INSTANCE", name);
        env.put("IMPORTER_POLL_INTERVAL", "1");
        env.put("IMPORTER_FILE_MIN_AGE", "0");
        env.put("IMPORTER_RECONCILE_GRACE", "0");
        env.put("IMPORTER_RATE", "0");
        env.put("IMPORTER_CONCURRENCY", Integer.toString(ClusterIT.CONCURRENCY));
        env.put("IMPORTER_RETRY_INITIAL_DELAY", "50");
        env.putAll(extra);
        JarProcess p = JarProcess.start(root, name, env, command);
        started.add(p);
        return p;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", database);
    }

    /** Waits until every instance has opened its ledger connections (they start polling right after). */
    void awaitConnected(List<JarProcess> instances) {
        Set<String> names = instances.stream().map(JarProcess::name).collect(Collectors.toSet());
        await("instances connected to the ledger: " + names).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    instances.forEach(Cluster::running);
                    return connected().containsAll(names);
                });
    }

    private Set<String> connected() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = ?")) {
            s.setString(1, database);
            Set<String> names = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        }
    }

    /** One input file: {@code rows} people {@code STEM-N@example.com}, dropped as an upload would be, by a rename. */
    InputFile drop(String stem, int rows) throws IOException {
        return dropTogether(List.of(stem), rows).get(0);
    }

    /** Several files written aside first (a name starting with a dot is never read), then renamed in one go. */
    List<InputFile> dropTogether(List<String> stems, int rows) throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (String stem : stems) {
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type\n");
            for (int i = 1; i <= rows; i++) {
                csv.append(stem).append('-').append(i).append("@example.com,").append(PROJECT).append(',')
                        .append(FLOW).append(",login\n");
            }
            Files.writeString(inbox.resolve("." + stem + ".csv.part"), csv.toString(), StandardCharsets.UTF_8);
            files.add(new InputFile(stem, rows));
        }
        for (InputFile f : files) {
            Files.move(inbox.resolve("." + f.stem() + ".csv.part"), inbox.resolve(f.name()),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return files;
    }

    /**
     * Waits until the file is in the archive; returns when that was seen (to ~50 ms), or empty after {@code atMost}
     * (a soft failure: the checks that follow show what was left).
     */
    Optional<Instant> awaitArchived(SoftAssertions soft, InputFile file, Duration atMost) {
        try {
            await(file.name() + " archived").atMost(atMost).pollInterval(Duration.ofMillis(50))
                    .until(() -> !archived(file).isEmpty());
            return Optional.of(Instant.now());
        } catch (ConditionTimeoutException e) {
            soft.fail("%s not archived within %s", file.name(), atMost);
            return Optional.empty();
        }
    }

    /** Waits until every file is in the archive and no CSV file is left in the inbox; a soft failure after atMost. */
    boolean awaitArchived(SoftAssertions soft, List<InputFile> files, Duration atMost) {
        try {
            await("every file archived, the inbox empty").atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        for (InputFile f : files) {
                            if (archived(f).isEmpty()) {
                                return false;
                            }
                        }
                        return csvInInbox().isEmpty();
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            soft.fail("not every file archived within %s", atMost);
            return false;
        }
    }

    List<Path> archived(InputFile file) throws IOException {
        try (Stream<Path> s = Files.walk(archive)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().equals(file.name())
                            || p.getFileName().toString().startsWith(file.stem() + "-"))
                    .toList();
        }
    }

    List<String> csvInInbox() throws IOException {
        try (Stream<Path> s = Files.list(inbox)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.toLowerCase().endsWith(".csv")).sorted().toList();
        }
    }

    /** SIGTERM to each, then waits for each to end. */
    void stop(List<JarProcess> instances) throws InterruptedException {
        instances.forEach(JarProcess::terminate);
        for (JarProcess p : instances) {
            if (!p.waitFor(60)) {
                throw new AssertionError(p.name() + " did not stop within 60 s of SIGTERM");
            }
        }
    }

    /** The report folders of one input: {@code {stem}-{yyyyMMddTHHmmssZ}}, with a {@code -N} when the name was taken. */
    List<Path> reportDirs(InputFile file) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(file.stem()) + "-\\d{8}T\\d{6}Z(-\\d+)?");
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(Files::isDirectory).filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        }
    }

    /**
     * What a user would check once the instances are done:
     * <ul>
     * <li>at the simulator, no person (project + identifier) created twice;</li>
     * <li>one report folder per input file, every data row of the file in exactly one of its created.csv and
     * failed.csv, once, and nowhere else; summary.json counts every row and is not marked interrupted;</li>
     * <li>only the failure codes allowed for the file (after a kill: OUTCOME_UNKNOWN for the rows in flight), never
     * NOT_ATTEMPTED; every validation at the simulator reported created with its id, or OUTCOME_UNKNOWN;</li>
     * <li>every input archived once, no CSV left in the inbox, nothing rejected;</li>
     * <li>no stack trace and no ERROR line in any instance's stderr (a claim lost to a pause says so at ERROR).</li>
     * </ul>
     */
    Map<InputFile, Map<String, Integer>> checkEverything(SoftAssertions soft, VerifikSimulator sim,
            List<InputFile> inputs, Function<InputFile, Set<String>> allowedFailures, List<JarProcess> instances)
            throws IOException {
        List<CreatedValidation> validations = sim.validations();
        Map<String, Long> perPerson = validations.stream()
                .collect(Collectors.groupingBy(v -> v.project() + " " + v.identifier(), TreeMap::new, Collectors.counting()));
        List<String> twice = perPerson.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        soft.assertThat(twice).as("persons created more than once at the simulator (%d of %d)", twice.size(),
                perPerson.size()).isEmpty();

        Map<InputFile, Map<String, Integer>> failures = new HashMap<>();
        for (InputFile file : inputs) {
            failures.put(file, checkFile(soft, file, validations, allowedFailures.apply(file)));
        }
        soft.assertThat(csvInInbox()).as("CSV files left in the inbox").isEmpty();
        try (Stream<Path> s = Files.list(rejected)) {
            soft.assertThat(s.map(p -> p.getFileName().toString()).toList()).as("rejected files").isEmpty();
        }
        for (JarProcess p : instances) {
            List<String> traces = p.stderr().lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception"))
                    .limit(8).toList();
            soft.assertThat(traces).as("stack trace lines in %s's stderr", p.name()).isEmpty();
            List<String> errors = p.stderr().lines().filter(l -> l.matches("\\S+ ERROR .*")).limit(8).toList();
            soft.assertThat(errors).as("ERROR lines in %s's stderr", p.name()).isEmpty();
        }
        return failures;
    }

    /** Checks one input's report folder against the file and the simulator; returns its failed rows by code. */
    private Map<String, Integer> checkFile(SoftAssertions soft, InputFile file, List<CreatedValidation> validations,
            Set<String> allowedFailures) throws IOException {
        List<Path> dirs = reportDirs(file);
        soft.assertThat(dirs.stream().map(d -> d.getFileName().toString()).toList())
                .as("report folders of %s", file.name()).hasSize(1);

        Map<Integer, List<String>> seen = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        Map<String, String> createdIds = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        List<String> badCodes = new ArrayList<>();
        Map<String, Integer> codes = new TreeMap<>();
        for (Path dir : dirs) {
            String folder = dir.getFileName().toString();
            if (!Files.exists(dir.resolve("created.csv"))) {
                soft.fail("%s has no created.csv", folder);
            } else {
                for (Map<String, String> c : readReport(soft, dir.resolve("created.csv"))) {
                    Integer row = rowNumber(c);
                    if (row == null) {
                        unreadable.add(folder + "/created.csv: " + c);
                        continue;
                    }
                    seen.computeIfAbsent(row, r -> new ArrayList<>()).add(folder + "/created.csv");
                    createdIds.put(c.get("identifier"), c.get("validationId"));
                }
            }
            if (!Files.exists(dir.resolve("failed.csv"))) {
                soft.fail("%s has no failed.csv", folder);
            } else {
                for (Map<String, String> f : readReport(soft, dir.resolve("failed.csv"))) {
                    Integer row = rowNumber(f);
                    if (row == null) {
                        unreadable.add(folder + "/failed.csv: " + f);
                        continue;
                    }
                    seen.computeIfAbsent(row, r -> new ArrayList<>())
                            .add(folder + "/failed.csv " + f.get("errorCode"));
                    codes.merge(f.get("errorCode"), 1, Integer::sum);
                    if (!allowedFailures.contains(f.get("errorCode"))) {
                        badCodes.add("row " + row + ": " + f.get("errorCode") + " " + f.get("errorMessage"));
                    }
                    if ("OUTCOME_UNKNOWN".equals(f.get("errorCode"))) {
                        unknown.add(f.get("identifier"));
                    }
                }
            }
            JsonNode summary = readSummary(soft, dir);
            if (summary != null) {
                soft.assertThat(summary.at("/rows/total").asInt()).as("%s summary.json rows.total", folder)
                        .isEqualTo(file.rows());
                soft.assertThat(summary.at("/rows/created").asInt() + summary.at("/rows/failed").asInt())
                        .as("%s summary.json rows.created + rows.failed", folder).isEqualTo(file.rows());
                soft.assertThat(summary.path("interrupted").asBoolean(false)).as("%s summary.json interrupted", folder)
                        .isFalse();
            }
        }
        soft.assertThat(unreadable.stream().limit(5).toList())
                .as("%s: report lines that are not a row (%d, the first 5 shown)", file.name(), unreadable.size())
                .isEmpty();
        List<String> repeated = seen.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> "row " + e.getKey() + " in " + e.getValue()).toList();
        soft.assertThat(repeated.stream().limit(10).toList())
                .as("%s: rows in more than one report line (%d, the first 10 shown)", file.name(), repeated.size())
                .isEmpty();
        List<Integer> missing = new ArrayList<>();
        for (int row = 2; row <= file.rows() + 1; row++) {
            if (!seen.containsKey(row)) {
                missing.add(row);
            }
        }
        soft.assertThat(ranges(missing)).as("%s: rows in no report (%d)", file.name(), missing.size()).isEmpty();
        soft.assertThat(seen.keySet().stream().filter(r -> r < 2 || r > file.rows() + 1).toList())
                .as("%s: row numbers the file does not have", file.name()).isEmpty();
        soft.assertThat(badCodes.stream().limit(10).toList())
                .as("%s: failures other than %s (%d, the first 10 shown)", file.name(), allowedFailures, badCodes.size())
                .isEmpty();

        List<String> unreported = new ArrayList<>();
        Map<String, String> atServer = new HashMap<>();
        for (CreatedValidation v : validations) {
            if (!file.owns(v.identifier())) {
                continue;
            }
            atServer.put(v.identifier(), v.id());
            if (!createdIds.containsKey(v.identifier()) && !unknown.contains(v.identifier())) {
                unreported.add(v.identifier());
            }
        }
        soft.assertThat(unreported.stream().limit(10).toList()).as("%s: created at the simulator but neither created"
                + " nor OUTCOME_UNKNOWN in the reports (%d, the first 10 shown)", file.name(), unreported.size()).isEmpty();
        List<String> wrongIds = createdIds.entrySet().stream()
                .filter(e -> !e.getValue().equals(atServer.get(e.getKey())))
                .map(e -> e.getKey() + " reported " + e.getValue() + ", simulator has " + atServer.get(e.getKey()))
                .sorted().limit(10).toList();
        soft.assertThat(wrongIds).as("%s: created.csv ids the simulator does not have for that person", file.name())
                .isEmpty();
        soft.assertThat(archived(file).stream().map(p -> root.relativize(p).toString()).toList())
                .as("%s in the archive", file.name()).hasSize(1);
        return codes;
    }

    /** The lines of created.csv or failed.csv; none, with a soft failure, when it cannot be read as CSV. */
    private static List<Map<String, String>> readReport(SoftAssertions soft, Path file) {
        try {
            return ImporterHarness.csv(file);
        } catch (IOException | RuntimeException e) {
            soft.fail("%s cannot be read as CSV: %s", file, e);
            return List.of();
        }
    }

    private static JsonNode readSummary(SoftAssertions soft, Path dir) {
        try {
            return ImporterHarness.summary(dir);
        } catch (IOException | RuntimeException e) {
            soft.fail("%s/summary.json cannot be read: %s", dir.getFileName(), e);
            return null;
        }
    }

    /** The row number of a report line; null when the line is broken (two writers interleaved, say). */
    private static Integer rowNumber(Map<String, String> line) {
        try {
            return Integer.valueOf(line.get("row"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** 2,3,4,7 -> "2-4", "7": a long list of row numbers readable in a message. */
    static List<String> ranges(List<Integer> sorted) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            out.add(i == j ? String.valueOf(sorted.get(i)) : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return out;
    }

    /** Throws, with its output, if the instance has ended: a wait for it to do something would only time out. */
    static boolean running(JarProcess p) {
        if (!p.isAlive()) {
            throw new AssertionError(p.name() + " ended (exit " + p.exitValue() + ")\n" + p.output());
        }
        return true;
    }

    /** The most input files whose create calls overlapped in time at the simulator (first to last call of each). */
    int mostFilesSentAtOnce(VerifikSimulator sim, List<InputFile> files) {
        Map<InputFile, Instant[]> spans = new HashMap<>();
        for (RecordedRequest r : sim.requests()) {
            if (!r.method().equals("POST")) {
                continue;
            }
            String id = identifier(r);
            for (InputFile f : files) {
                if (f.owns(id)) {
                    spans.merge(f, new Instant[] {r.receivedAt(), r.receivedAt()}, (a, b) -> new Instant[] {
                            a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                }
            }
        }
        int most = 0;
        for (Instant[] span : spans.values()) {
            Instant at = span[0];
            int open = (int) spans.values().stream().filter(s -> !s[0].isAfter(at) && !s[1].isBefore(at)).count();
            most = Math.max(most, open);
        }
        return most;
    }

    /** Create calls per second at the simulator, first to last. */
    double postsPerSecond(VerifikSimulator sim) {
        List<Instant> at = sim.requests().stream().filter(r -> r.method().equals("POST")).map(RecordedRequest::receivedAt)
                .sorted().toList();
        if (at.size() < 2) {
            return 0;
        }
        return (at.size() - 1) / (Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1000.0);
    }

    /** The identifier a create call was for ("" when its body is not JSON). */
    static String identifier(RecordedRequest r) {
        try {
            return JSON.readTree(r.body()).path("identifier").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (JarProcess p : started) {
            p.close();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** An input file: {@code STEM.csv} with {@code rows} data rows for {@code STEM-1@example.com}... */
    record InputFile(String stem, int rows) {

        String name() {
            return stem + ".csv";
        }

        boolean owns(String identifier) {
            return identifier.startsWith(stem + "-") && identifier.endsWith("@example.com");
        }
    }
}

package org.verifikimporter.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: `java -jar target/verifik-importer.jar ...` in a folder of its own. */
class ExecutableJarIT {

    static final Path JAR = JarProcess.JAR;

    @TempDir
    Path workDir;

    record Run(int exit, String out, String err) {
    }

    Run java(Map<String, String> env, String... args) throws Exception {
        try (JarProcess p = JarProcess.start(workDir, "importer", env, args)) {
            assertThat(p.waitFor(120)).as("the jar finished").isTrue();
            return new Run(p.exitValue(), p.stdout(), p.stderr());
        }
    }

    @Test
    void theDemoRunsFromTheJarAloneAndLeavesReports() throws Exception {
        Run r = java(Map.of(), "demo");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains("users.csv: 25 rows, 16 created, 9 failed").contains("exit 2");
        try (Stream<Path> files = Files.walk(workDir.resolve("data/demo/outbox"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .contains("created.csv", "failed.csv", "summary.json");
        }
        String summary = findSummary();
        assertThat(summary).contains("\"total\" : 25").contains("\"created\" : 16").contains("\"failed\" : 9");

        // a second demo is a new demo, not a duplicate of the first
        Run again = java(Map.of(), "demo");
        assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(2);
        assertThat(again.out()).contains("users.csv: 25 rows, 16 created, 9 failed");
    }

    @Test
    void runWithoutATokenSaysWhatToSetAndExitsOne() throws Exception {
        Run r = java(Map.of(), "run");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("configuration error: VERIFIK_TOKEN is not set");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void everyCommandExplainsItself() throws Exception {
        for (String command : List.of("run", "watch", "validate", "simulate", "demo")) {
            Run r = java(Map.of(), command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: verifik-importer " + command);
        }
    }

    private String findSummary() throws IOException {
        try (Stream<Path> files = Files.walk(workDir.resolve("data/demo/outbox"))) {
            Path s = files.filter(f -> f.getFileName().toString().equals("summary.json")).findFirst().orElseThrow();
            return Files.readString(s, StandardCharsets.UTF_8);
        }
    }
}

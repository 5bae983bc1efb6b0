package org.verifikimporter.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * A file several times larger than the heap imports: the file is read as a stream, never held whole.
 * (Camel 4 caches stream bodies by default, which read a whole inbox file into one String first.)
 */
class SmallHeapIT {

    static final String TOKEN = "small-heap-token";
    static final int ROWS = 7_000;
    /** Two 3,900-character columns the importer ignores make each row ~8 KB: a ~55 MB file. */
    static final String FILLER = "x".repeat(3_900);

    @TempDir
    Path work;

    @Test
    void aFileBiggerThanTheHeapImportsEveryRow() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("data/inbox"));
        Path file = inbox.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("identifier,project,projectFlow,type,notes,moreNotes\n");
            for (int i = 0; i < ROWS; i++) {
                w.write("person" + i + "@example.com," + ImporterHarness.P1 + "," + ImporterHarness.F_LOGIN + ",login,"
                        + FILLER + "," + FILLER + "\n");
            }
        }
        long heapMb = 48;
        assertThat(Files.size(file)).as("the file is bigger than the heap").isGreaterThan(heapMb * 1024 * 1024);

        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start();
             JarProcess p = JarProcess.start(work, "importer", List.of("-Xmx" + heapMb + "m"),
                     Map.of("VERIFIK_TOKEN", TOKEN, "VERIFIK_BASE_URL", sim.baseUrl(), "IMPORTER_RATE", "0",
                             "IMPORTER_CONCURRENCY", "16", "IMPORTER_FILE_MIN_AGE", "0"), "run")) {
            boolean ended = p.waitFor(300);
            String output = p.output();
            assertThat(ended).as("the run ended: " + output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("OutOfMemoryError");

            Path reports;
            try (Stream<Path> s = Files.list(work.resolve("data/outbox"))) {
                List<Path> dirs = s.filter(Files::isDirectory).toList();
                assertThat(dirs).hasSize(1);
                reports = dirs.get(0);
            }
            assertThat(ImporterHarness.csv(reports.resolve("created.csv"))).hasSize(ROWS);
            assertThat(ImporterHarness.csv(reports.resolve("failed.csv"))).isEmpty();
            assertThat(JarProcess.posts(sim)).isEqualTo(ROWS);
            assertThat(file).doesNotExist();
        }
    }
}

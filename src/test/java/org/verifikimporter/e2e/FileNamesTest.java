package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.summary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.verifikimporter.domain.FileNames;

/** Any name the file system allows is imported or rejected clearly, and reports never overwrite each other. */
class FileNamesTest extends AgainstSimulator {

    static final String TOKEN = "names-token";
    @Override
    String token() {
        return TOKEN;
    }

    static String file(String id) {
        return "identifier,project,projectFlow,type\n" + id + "@example.com," + P1 + "," + F_LOGIN + ",login\n";
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void spacesUnicodeControlCharactersVeryLongNamesAndTwinStemsAllImport() throws Exception {
        String longName = "ñ".repeat(118) + "-x.csv";                                          // 242 bytes
        assertThat(FileNames.bytes(longName)).isEqualTo(242);
        List<String> names = List.of("people with spaces ünïcödé 名前.csv", "tab\there.csv",
                "spoof\u202Evsc.exe.csv", "price ${date:now:yyyy}.csv", longName, "twin.csv", "twin.CSV", " lead.csv",
                "new\nline.csv", "per%20cent #1?*:.csv", "'quoted' \"name\".csv");
        int i = 0;
        for (String name : names) {
            h.drop(name, file("name" + i++));
        }
        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.logs()).isZero();
        assertThat(sim.validations()).as(r.out() + r.logs()).hasSize(names.size());
        assertThat(h.filesUnder(h.inbox)).isEmpty();
        Path archive = h.archive.resolve(LocalDate.now(ZoneOffset.UTC).toString());
        Map<String, Path> reports = new HashMap<>();
        for (Path dir : h.reportDirs()) {
            assertThat(reports.put(summary(dir).get("file").asText(), dir)).as("one report per file").isNull();
            assertThat(FileNames.bytes(dir.getFileName().toString())).isLessThanOrEqualTo(255);
            assertThat(dir.getFileName().toString()).doesNotContain("\t").doesNotContain("\u202E").doesNotContain("$");
        }
        for (String name : names) {
            assertThat(archive.resolve(name)).as(name).exists();
            assertThat(reports).as(name).containsKey(name);
            assertThat(ImporterHarness.csv(reports.get(name).resolve("created.csv"))).as(name).hasSize(1);
        }
        // two stems "twin": two folders, neither overwritten
        assertThat(reports.get("twin.csv")).isNotEqualTo(reports.get("twin.CSV"));
        // names with control or bidi characters are escaped in logs and on stdout
        assertThat(r.logs() + r.out()).doesNotContain("\u202E").doesNotContain("tab\there")
                .contains("spoof\\u202Evsc.exe.csv").contains("tab\\u0009here.csv");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void namesTheFileConsumerCannotOpenAreRejectedWithTheirReasonBeside() throws Exception {
        String notCsv = "ñ".repeat(120) + ".csv";                                               // 244 bytes
        String tooLong = "ü".repeat(124) + ".csv";                                              // 252 bytes
        String backslash = "back\\slash.csv";
        Files.createDirectories(h.inbox);
        Files.write(h.inbox.resolve(notCsv), new byte[] {'P', 'K', 3, 4, 0, 0});
        Files.writeString(h.inbox.resolve(tooLong), file("toolong"));
        Files.writeString(h.inbox.resolve(backslash), file("backslash"));
        h.drop("good.csv", file("good"));
        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.logs()).isEqualTo(3);
        assertThat(h.filesUnder(h.inbox)).isEmpty();
        assertThat(sim.validations()).extracting(v -> v.identifier()).containsExactly("good@example.com");
        List<Path> rejected = h.filesUnder(h.rejected);
        assertThat(rejected).hasSize(6);
        for (Path moved : rejected.stream().filter(p -> !p.toString().endsWith(".reason.txt")).toList()) {
            String name = moved.getFileName().toString();
            assertThat(name).endsWith(".csv");
            Path reason = moved.resolveSibling(name + ".reason.txt");
            assertThat(FileNames.bytes(reason.getFileName().toString())).isLessThanOrEqualTo(255);
            String text = Files.readString(reason, StandardCharsets.UTF_8);
            if (name.startsWith("ñ")) {
                assertThat(text).contains(notCsv).contains("ZIP archive");
            } else if (name.equals(backslash)) {
                assertThat(text).contains("\"back\\\\slash.csv\"").contains("contains a backslash");
            } else {
                assertThat(text).contains(tooLong).contains("the file name is 252 bytes long").contains("rename");
            }
        }
        assertThat(r.out()).contains(tooLong + ": rejected: the file name is 252 bytes long");
    }

    @Test
    void aNameStartingWithADotIsAnUploadInProgressAndIsLeftAlone() throws Exception {
        h.drop(".uploading.csv", file("hidden"));
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isZero();
        assertThat(h.inbox.resolve(".uploading.csv")).exists();
        assertThat(sim.validations()).isEmpty();
        assertThat(r.out()).contains(".uploading.csv").contains("starts with a dot");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aFileStillBeingWrittenAtTheEndOfThePollDoesNotHoldUpTheRun() throws Exception {
        h.drop("first.csv", file("first"));
        Path growing = h.drop("growing.csv", file("growing"));
        // an upload that goes on past the read lock's timeout; being the newest file, it is the poll's last
        java.util.concurrent.ScheduledExecutorService upload = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        upload.scheduleAtFixedRate(() -> {
            try {
                Files.writeString(growing, "more" + n.incrementAndGet() + "@example.com," + P1 + "," + F_LOGIN
                        + ",login\n", java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        ImporterHarness.Result r;
        try {
            r = h.run("run");
        } finally {
            upload.shutdownNow();
            upload.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(r.exitCode()).as(r.out() + r.logs()).isZero();
        assertThat(sim.validations()).extracting(v -> v.identifier()).contains("first@example.com");
        assertThat(r.out()).contains("growing.csv: not read in this run");
    }
}

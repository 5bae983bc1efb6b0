package org.verifikimporter.camel.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.job.FilePlacement;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.job.RunResults;

/**
 * Around each poll of the inbox: names the file consumer cannot open are rejected with a reason before it
 * looks, its filter leaves exactly those (and folders) out, and the end of the poll ends {@code run}.
 */
class InboxPollStrategyTest {

    /** 245 bytes: the longest name whose lock file ({@code .camelLock}) still fits in 255. */
    static final String LONGEST = "a".repeat(241) + ".csv";
    static final String TOO_LONG = "a".repeat(242) + ".csv";
    static final String BACKSLASH = "north\\south.csv";

    @TempDir
    Path tmp;
    Path inbox;
    Path rejected;
    CamelContext camel;
    Endpoint endpoint;
    final RunResults results = new RunResults();
    final CountDownLatch ended = new CountDownLatch(1);
    InboxPollStrategy strategy;

    @BeforeEach
    void start() throws Exception {
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        rejected = tmp.resolve("rejected");
        camel = new DefaultCamelContext();
        camel.start();
        endpoint = camel.getEndpoint("file:" + inbox);
        strategy = new InboxPollStrategy(inbox, new FilePlacement(tmp.resolve("archive"), rejected, JobFixture.CLOCK),
                results, ended::countDown);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    Path drop(String name) throws Exception {
        return Files.writeString(inbox.resolve(name), "identifier,project,projectFlow,type\n");
    }

    static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void beginRejectsTheNamesTheConsumerCannotOpenWithAReason() throws Exception {
        assertThat(TOO_LONG.length()).isEqualTo(246);
        drop(BACKSLASH);
        drop(TOO_LONG);
        drop("people.csv");
        drop(".upload.csv");
        drop(LONGEST);
        Files.createDirectories(inbox.resolve("folder\\with.csv"));

        assertThat(strategy.begin(null, endpoint)).as("the poll goes ahead").isTrue();

        assertThat(names(inbox)).containsExactlyInAnyOrder("people.csv", ".upload.csv", LONGEST, "folder\\with.csv");
        List<String> out = names(rejected);
        assertThat(out).hasSize(4).contains(BACKSLASH, BACKSLASH + ".reason.txt");
        assertThat(Files.readString(rejected.resolve(BACKSLASH + ".reason.txt")))
                .as("the name as logs show it: a backslash doubled, so an escape cannot be forged")
                .contains("did not import \"north\\\\south.csv\"").contains("contains a backslash");
        // too long to keep ".reason.txt" beside it as it is: shortened, and the reason names the original
        String shortened = out.stream().filter(n -> n.startsWith("aaa") && n.endsWith(".csv")).findFirst().orElseThrow();
        assertThat(shortened).isNotEqualTo(TOO_LONG);
        assertThat(Files.readString(rejected.resolve(shortened + ".reason.txt")))
                .contains("\"" + TOO_LONG + "\"").contains("the file name is 246 bytes long");

        assertThat(results.outcomes()).extracting(FileOutcome::fileName).containsExactlyInAnyOrder(BACKSLASH, TOO_LONG);
        assertThat(results.outcomes()).allSatisfy(o -> {
            assertThat(o.rejected()).isTrue();
            assertThat(o.reason()).isNotBlank();
        });
        assertThat(results.exitCode()).isEqualTo(ExitCode.FILE_REJECTED);
        assertThat(ended.getCount()).as("begin does not end the run").isEqualTo(1);
    }

    @Test
    void anInboxOfOpenableNamesIsLeftAlone() throws Exception {
        drop("people.csv");
        drop("PEOPLE 2.CSV");

        strategy.begin(null, endpoint);

        assertThat(names(inbox)).containsExactlyInAnyOrder("people.csv", "PEOPLE 2.CSV");
        assertThat(rejected).doesNotExist();
        assertThat(results.outcomes()).isEmpty();
    }

    static GenericFile<File> seen(Path path, boolean directory) {
        GenericFile<File> file = new GenericFile<>();
        file.setFile(path.toFile());
        file.setFileName(path.getFileName().toString());
        file.setDirectory(directory);
        return file;
    }

    @Test
    void theFilterRefusesExactlyTheUnopenableNamesAndFolders() {
        InboxFilter filter = new InboxFilter();

        assertThat(filter.accept(seen(inbox.resolve("people.csv"), false))).isTrue();
        assertThat(filter.accept(seen(inbox.resolve("José Muñoz – lista.csv"), false))).isTrue();
        assertThat(filter.accept(seen(inbox.resolve(LONGEST), false))).isTrue();
        assertThat(filter.accept(seen(inbox.resolve(".upload.csv"), false))).isTrue();

        assertThat(filter.accept(seen(inbox.resolve(TOO_LONG), false))).isFalse();
        assertThat(filter.accept(seen(inbox.resolve(BACKSLASH), false))).isFalse();
        assertThat(filter.accept(seen(inbox.resolve("folder.csv"), true))).isFalse();
    }

    @Test
    void theEndOfThePollEndsTheRun() throws Exception {
        strategy.commit(null, endpoint, 2);

        assertThat(ended.await(0, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailedPollEndsTheRunToo() throws Exception {
        boolean retry = strategy.rollback(null, endpoint, 0, new IllegalStateException("inbox gone"));

        assertThat(retry).as("not polled again at once").isFalse();
        assertThat(ended.await(0, TimeUnit.SECONDS)).isTrue();
    }
}

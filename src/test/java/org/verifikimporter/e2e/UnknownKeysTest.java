package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistyped key, wherever it was written, stops the command with exit 1 and the one line naming the right key. */
class UnknownKeysTest {

    @TempDir
    Path tmp;

    ImporterHarness h;
    Path file;

    ImporterHarness harness() throws Exception {
        h = new ImporterHarness(tmp, "http://127.0.0.1:9", "t");
        file = h.drop("people.csv", "identifier,project,projectFlow,type\na@example.com," + P1 + "," + F_LOGIN
                + ",login\n");
        return h;
    }

    /** One line on stderr, nothing on stdout, the file untouched, no report. */
    void refused(ImporterHarness.Result r, String line) {
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("configuration error: " + line + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(file).exists();
        assertThat(h.outbox).doesNotExist();
    }

    @Test
    void aMistypedSet() throws Exception {
        refused(harness().run("run", "--set", "importer.rat=10"),
                "unknown key importer.rat; did you mean importer.rate?");
    }

    @Test
    void aMistypedKeyInAConfigFile() throws Exception {
        Path config = Files.writeString(tmp.resolve("site.properties"), "importer.rate=3\nimporter.concurency=2\n");
        refused(harness().run("run", "--config", config.toString()),
                "unknown key importer.concurency in " + config + "; did you mean importer.concurrency?");
    }

    @Test
    void aMistypedEnvironmentVariable() throws Exception {
        refused(harness().env("IMPORTER_RAT", "10").run("run"),
                "unknown environment variable IMPORTER_RAT; did you mean IMPORTER_RATE?");
    }

    /** validate needs no token, but its settings are checked the same way. */
    @Test
    void validateAndStatusRefuseItToo() throws Exception {
        harness();
        refused(h.run("validate", file.toString(), "--set", "importer.defaults.projectflow=x"),
                "unknown key importer.defaults.projectflow; did you mean importer.defaults.project-flow?");
        refused(h.run("status", "--set", "importer.colums.type=tipo"),
                "unknown key importer.colums.type; did you mean importer.columns.type?");
    }

    /** The variables read elsewhere, and a key a command itself sets, are known. */
    @Test
    void theKnownOnesRunAsBefore() throws Exception {
        ImporterHarness.Result r = harness().env("IMPORTER_LOG_LEVEL", "INFO").env("IMPORTER_RATE", "0")
                .run("validate", file.toString(), "--log-format", "text", "--set", "importer.columns.type=tipo");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}

package org.verifikimporter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bench/no-ledger.patch (the ledger-cost scenario builds HEAD with it) still applies to the sources: each hunk's
 * context and removed lines stand in its file as they are. The scenario only finds out when it is run, after the
 * code it patches has moved on (it did once: the ImportJob line it changed had gone).
 */
class NoLedgerPatchTest {

    static final Path PATCH = Path.of("bench", "no-ledger.patch");

    record Hunk(String file, String before) {
    }

    @Test
    void everyHunkOfTheNoLedgerPatchMatchesTheSourcesItPatches() throws Exception {
        List<Hunk> hunks = hunks(Files.readAllLines(PATCH, StandardCharsets.UTF_8));
        assertThat(hunks).as("hunks in " + PATCH).isNotEmpty();
        for (Hunk h : hunks) {
            String source = Files.readString(Path.of(h.file()), StandardCharsets.UTF_8);
            assertThat(source).as(h.file() + " still has the lines " + PATCH + " changes").contains(h.before());
        }
    }

    /** The text each hunk expects in its file: its context and removed lines, in order. */
    static List<Hunk> hunks(List<String> patch) {
        List<Hunk> hunks = new ArrayList<>();
        String file = null;
        StringBuilder before = null;
        for (String line : patch) {
            boolean header = line.startsWith("diff ") || line.startsWith("index ") || line.startsWith("--- ")
                    || line.startsWith("+++ ");
            if ((header || line.startsWith("@@")) && before != null) {
                hunks.add(new Hunk(file, before.toString()));
                before = null;
            }
            if (line.startsWith("--- a/")) {
                file = line.substring("--- a/".length());
            } else if (line.startsWith("@@")) {
                before = new StringBuilder();
            } else if (before != null && (line.startsWith(" ") || line.startsWith("-"))) {
                before.append(line.substring(1)).append('\n');
            }
        }
        if (before != null) {
            hunks.add(new Hunk(file, before.toString()));
        }
        return hunks;
    }
}

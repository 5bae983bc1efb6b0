package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the importer will not import is seen where people look: `run` says where it went, `status` and
 * index.html list it with what is wrong and its reason file; `validate` says what is wrong and names no folder.
 */
class RejectedFilesTest {

    static final String NOT_A_HEADER = "just,some,columns\n1,2,3\n";
    static final Pattern REASON = Pattern.compile("(?m)^bad\\.csv: rejected: (.+)$");

    @TempDir
    Path tmp;

    @Test
    void runSaysWhereTheFileWentAndStatusAndTheIndexListItWithItsReason() throws Exception {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", "t");
        h.drop("bad.csv", NOT_A_HEADER);

        ImporterHarness.Result run = h.run("run");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        Path moved = h.rejected.resolve("bad.csv");
        Path reasonFile = h.rejected.resolve("bad.csv.reason.txt");
        assertThat(moved).exists();
        assertThat(run.out()).contains("  moved to " + moved + "; its reason: " + reasonFile)
                .contains("Result: a file was rejected whole: see its reason above (exit 3)");
        Matcher m = REASON.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        String reason = m.group(1);
        assertThat(reason).startsWith("no column of the header names an API field");

        ImporterHarness.Result status = h.run("status");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("Rejected " + h.rejected + ": 1 file not imported; fix each and drop it into "
                + "the inbox again");
        assertThat(status.out()).containsPattern("(?m)^  bad\\.csv +rejected \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: "
                + Pattern.quote(reason) + "$");
        assertThat(status.out()).contains("    reason: " + reasonFile);

        String index = Files.readString(h.outbox.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(index).contains("1 file was rejected</a> and not imported")
                .contains("<td class=\"name\">bad.csv</td>")
                .contains("<td class=\"codes\">" + reason.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&#39;") + "</td>")
                .contains(">" + reasonFile.toAbsolutePath() + "</a>")
                .contains("href=\"" + reasonFile.toAbsolutePath().toUri().toASCIIString() + "\"");
    }

    @Test
    void statusWithNothingRejectedSaysNone() {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);

        ImporterHarness.Result status = h.run("status");

        assertThat(status.out()).contains("Rejected " + h.rejected + ": none");
    }

    @Test
    void validatePrintsTheReasonAndNamesNoFolderItDidNotWrite() throws Exception {
        ImporterHarness h = new ImporterHarness(tmp, "http://127.0.0.1:9", null);
        Path bad = h.drop("bad.csv", NOT_A_HEADER);

        ImporterHarness.Result r = h.run("validate", bad.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).containsPattern("(?m)^bad\\.csv: cannot be imported: no column of the header names an API "
                + "field .+$");
        assertThat(r.out()).contains("Result: a file cannot be imported as it is: see its reason above (exit 3)");
        assertThat(r.out()).doesNotContain("rejected").doesNotContain(h.rejected.toString());
        assertThat(h.rejected).doesNotExist();
        assertThat(bad).exists();
    }
}

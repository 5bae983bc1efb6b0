package org.verifikimporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.UnknownCause;

/** report.html and index.html as text (the rendered pages are checked in ReportPageBrowserTest). */
class ReportPagesTest {

    @TempDir
    Path outbox;

    Path finishedImport(String name, Instant start, int failures) throws Exception {
        Path dir = ReportFolder.create(outbox, name, start);
        FileReport report = new FileReport(dir, name, "ab".repeat(32), start, false);
        report.columns(ColumnMapping.of(List.of("identifier", "project", "projectFlow", "type")));
        // rows finish out of order; the page lists the smallest row numbers
        for (int i = failures; i >= 1; i--) {
            report.failed(new CsvRow(i + 1, List.of("p" + i + "@example.com", "", "f", "login")),
                    RowFailure.of(ErrorCode.MISSING_FIELD, "project is empty"), 0);
        }
        report.failed(new CsvRow(100, List.of("q@example.com", "p", "f", "login")),
                new RowFailure("<img src=x onerror=alert(1)>", "bad", 400, false), 1);
        report.failed(new CsvRow(101, List.of("r@example.com", "p", "f", "login")),
                RowFailure.of(ErrorCode.SERVER_ERROR, "503", 503), 5);
        report.finish(start.plusSeconds(10), Map.of("stopped", true, "stopReason", "<b>401</b> Unauthorized"));
        return dir;
    }

    @Test
    void everyValueIsEscapedAndRowsAreNamedByNumberOnly() throws Exception {
        Path dir = finishedImport("<script>x</script>.csv", Instant.parse("2026-11-26T01:00:00Z"), 7);
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;x&lt;/script&gt;.csv");
        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).doesNotContain("<b>401").contains("&lt;b&gt;401&lt;/b&gt; Unauthorized");
        assertThat(html).doesNotContain("@example.com");
        // the first five of seven MISSING_FIELD rows, smallest first, and a mark that there are more
        assertThat(html).contains("<td class=\"rows\"><span class=\"n\">2</span>, <span class=\"n\">3</span>, "
                + "<span class=\"n\">4</span>, <span class=\"n\">5</span>, <span class=\"n\">6</span>, \u2026</td>");
        assertThat(html).contains(ErrorCode.MISSING_FIELD.advice()).contains(ErrorCode.SERVER_ERROR.advice());
        // a stopped import is resumed, not retried
        assertThat(html).contains("Verifik stopped the run").doesNotContain("verifik-importer retry");
        assertThat(html).contains("Achieved rate").contains("0.6 calls per second");
    }

    @Test
    void theLegendNamesTheColoursTheChartUsesAndNoOthers() throws Exception {
        // SERVER_ERROR is retryable: orange bars, and an orange entry
        String withRetryable = Files.readString(finishedImport("r.csv", Instant.parse("2026-11-26T01:00:00Z"), 1)
                .resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(withRetryable).contains("id=\"legend-retryable\"").contains("id=\"bar-all-retryable\"")
                .contains("id=\"legend-failed\"").doesNotContain("id=\"legend-created\"");

        Path dir = ReportFolder.create(outbox, "fix.csv", Instant.parse("2026-11-26T02:00:00Z"));
        FileReport report = new FileReport(dir, "fix.csv", "cd".repeat(32), Instant.parse("2026-11-26T02:00:00Z"), true);
        report.columns(ColumnMapping.of(List.of("identifier", "project", "projectFlow", "type")));
        report.created(new CsvRow(2, List.of("a", "p", "f", "login")),
                new org.verifikimporter.domain.CreateRequest(Map.of("project", "p", "projectFlow", "f", "identifier", "a",
                        "type", "login")), new org.verifikimporter.domain.CreatedSession("", "valid (dry run)", ""), 0,
                Instant.parse("2026-11-26T02:00:01Z"));
        report.failed(new CsvRow(3, List.of("b", "p", "f", "nope")), RowFailure.of(ErrorCode.INVALID_TYPE, "nope"), 0);
        report.finish(Instant.parse("2026-11-26T02:00:02Z"), Map.of());
        String dryRun = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(dryRun).contains("id=\"legend-created\"").contains("</span> valid</span>")
                .contains("id=\"legend-failed\"").doesNotContain("legend-retryable").doesNotContain("bar-all-retryable");
    }

    @Test
    void theIndexListsEveryImportNewestFirstAndNamesTheUnfinishedOnes() throws Exception {
        finishedImport("older.csv", Instant.parse("2026-11-25T09:00:00Z"), 1);
        finishedImport("newer.csv", Instant.parse("2026-11-26T09:00:00Z"), 2);
        Files.createDirectories(outbox.resolve("running-20261126T100000Z"));
        OutboxIndex.write(outbox, null);

        String html = Files.readString(outbox.resolve("index.html"), StandardCharsets.UTF_8);

        assertThat(html.indexOf("newer.csv")).isPositive().isLessThan(html.indexOf("older.csv"));
        assertThat(html).contains("href=\"newer-20261126T090000Z/report.html\"")
                .contains("running-20261126T100000Z").contains("2 imports");
        assertThat(outbox.resolve("index.html")).exists();
        try (var files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theNewestImportsArePickedByTheStartInTheFolderName() throws Exception {
        finishedImport("b.csv", Instant.parse("2026-01-02T00:00:00Z"), 1);
        finishedImport("a.csv", Instant.parse("2026-03-01T00:00:00Z"), 1);
        finishedImport("c.csv", Instant.parse("2025-12-31T00:00:00Z"), 1);
        Files.createDirectories(outbox.resolve("not-a-report"));

        assertThat(RunSummaryFile.newest(outbox, 2)).extracting(RunSummaryFile::file).containsExactly("a.csv", "b.csv");
        assertThat(RunSummaryFile.all(outbox)).extracting(RunSummaryFile::file).containsExactly("a.csv", "b.csv", "c.csv");
        assertThat(RunSummaryFile.stampOf(Path.of("users-20260101T000000Z-2"))).isEqualTo("20260101T000000Z");
    }

    @Test
    void theResultOfAnImportIsNamedByWhatHappenedToItsRows() {
        assertThat(result(false, 8, 0)).isEqualTo("all failed");
        assertThat(result(false, 8, 3)).isEqualTo("some failed");
        assertThat(result(false, 0, 5)).isEqualTo("all created");
        assertThat(result(false, 0, 0)).isEqualTo("no data rows");
        assertThat(result(true, 2, 0)).isEqualTo("dry run: none valid");
        assertThat(result(true, 2, 1)).isEqualTo("dry run: some invalid");
        assertThat(result(true, 0, 3)).isEqualTo("dry run: all valid");
    }

    static String result(boolean dryRun, long failed, long created) {
        return new RunSummaryFile(Path.of("x"), "x.csv", null, null, dryRun, failed + created, created, failed, 0L,
                Map.of(), false, false, null).result();
    }

    @Test
    void theUnknownOutcomeAdviceSaysWhatHappenedToItsRows() throws Exception {
        Instant start = Instant.parse("2026-11-26T03:00:00Z");
        Path dir = ReportFolder.create(outbox, "u.csv", start);
        FileReport report = new FileReport(dir, "u.csv", "ef".repeat(32), start, false);
        report.columns(ColumnMapping.of(List.of("identifier", "project", "projectFlow", "type")));
        List<String> cells = List.of("a", "p", "f", "login");
        report.failed(new CsvRow(2, cells), RowFailure.of(ErrorCode.OUTCOME_UNKNOWN,
                UnknownCause.TIMEOUT.message("SocketTimeoutException: Read timed out")), 1);
        report.failed(new CsvRow(3, cells), RowFailure.of(ErrorCode.OUTCOME_UNKNOWN,
                UnknownCause.TIMEOUT.message("SocketTimeoutException: Read timed out") + "; no validation found"), 1);
        report.failed(new CsvRow(4, cells), RowFailure.of(ErrorCode.OUTCOME_UNKNOWN,
                UnknownCause.DROPPED.message("SocketException: Connection reset")), 1);
        report.failed(new CsvRow(5, cells), RowFailure.of(ErrorCode.OUTCOME_UNKNOWN,
                UnknownCause.CRASH.message(null)), 1);

        FileReport.Summary s = report.finish(start.plusSeconds(5), Map.of());

        assertThat(s.details().get("OUTCOME_UNKNOWN").advice()).startsWith("The request was sent, then: "
                + "the call timed out after the request was sent (2 rows); "
                + "the connection was dropped after the request was sent (1 row); "
                + "the importer stopped (crash, kill or power loss) while the request was in flight (1 row).");
        assertThat(Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8))
                .contains("the call timed out after the request was sent (2 rows)");
        assertThat(FailureAdvice.unknownOutcome(Map.of(UnknownCause.DROPPED, 1L), 1))
                .startsWith("The connection was dropped after the request was sent. The validation may exist")
                .doesNotContain("timed out");
    }

    @Test
    void adviceCoversTheApiCodesToo() {
        assertThat(FailureAdvice.of("Unauthorized", 401)).contains("VERIFIK_TOKEN");
        assertThat(FailureAdvice.of("INSUFFICIENT_CREDITS", 402)).contains("credits");
        assertThat(FailureAdvice.of("HTTP_418", 418)).contains("without naming a code");
        assertThat(FailureAdvice.of("INVALID_PROJECT_FLOW", 400)).contains("Verifik rejected the row");
        assertThat(FailureAdvice.of("NETWORK_ERROR", null)).isEqualTo(ErrorCode.NETWORK_ERROR.advice());
    }
}

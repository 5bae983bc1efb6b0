package org.verifikimporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.CreateRequest;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.ledger.Funnel;
import org.verifikimporter.ledger.RunStatus;

/** status.csv as an import writes it and as a tracking pass rewrites it, on real report folders. */
class StatusFileTest {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final List<String> HEADER = List.of("identifier", "project", "projectFlow", "type", "email", "note");

    @TempDir
    Path outbox;

    /** Rows 2..4 created (row 4 with a formula-looking note), row 5 failed. */
    Path finishedImport() throws Exception {
        Path dir = ReportFolder.create(outbox, "people.csv", START);
        FileReport report = new FileReport(dir, "people.csv", "ab".repeat(32), START, false);
        report.columns(ColumnMapping.of(HEADER));
        created(report, 2, "id-2", "a@example.com", "first");
        created(report, 4, "id-4", "c@example.com", "=HYPERLINK(\"x\")");
        created(report, 3, "id-3", "b@example.com", "+573001234567");
        report.failed(new CsvRow(5, List.of("d", "", "f", "login", "d@example.com", "")),
                RowFailure.of(ErrorCode.MISSING_FIELD, "project is empty"), 0);
        report.finish(START.plusSeconds(5), Map.of());
        return dir;
    }

    private static void created(FileReport report, long row, String id, String email, String note) {
        report.created(new CsvRow(row, List.of("person" + row, "p", "f", "login", email, note)),
                new CreateRequest(Map.of("project", "p", "projectFlow", "f", "identifier", "person" + row, "type", "login")),
                new CreatedSession(id, "new", "https://v/" + id), 1, START.plusSeconds(row));
    }

    static List<String> lines(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return text.substring(1).lines().toList();
    }

    @Test
    void theImportWritesEachCreatedRowWithItsCreateStatusAndOwnColumns() throws Exception {
        Path dir = finishedImport();

        assertThat(lines(dir.resolve("status.csv"))).containsExactly(
                "row,identifier,validationId,status,changedAt,identifier,project,projectFlow,type,email,note",
                "2,person2,id-2,new,2026-12-01T10:00:02Z,person2,p,f,login,a@example.com,first",
                "4,person4,id-4,new,2026-12-01T10:00:04Z,person4,p,f,login,c@example.com,\"'=HYPERLINK(\"\"x\"\")\"",
                "3,person3,id-3,new,2026-12-01T10:00:03Z,person3,p,f,login,b@example.com,'+573001234567");
        String page = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"funnel\"").contains("not checked yet").contains("href=\"status.csv\"");
    }

    @Test
    void aRewriteTakesTheStatusesByRowKeepsTheOwnColumnsGuardedOnceAndRefreshesTheFunnel() throws Exception {
        Path dir = finishedImport();
        Instant read = Instant.parse("2026-12-01T11:00:00Z");
        List<RunStatus> statuses = List.of(
                new RunStatus(2, "id-2", "completed", read, read),
                new RunStatus(3, "id-3", "new", START.plusSeconds(3), read),
                new RunStatus(4, "id-4", "expired", read, read));

        StatusFile.rewrite(dir, statuses);

        assertThat(lines(dir.resolve("status.csv"))).containsExactly(
                "row,identifier,validationId,status,changedAt,identifier,project,projectFlow,type,email,note",
                "2,person2,id-2,completed,2026-12-01T11:00:00Z,person2,p,f,login,a@example.com,first",
                "3,person3,id-3,new,2026-12-01T10:00:03Z,person3,p,f,login,b@example.com,'+573001234567",
                "4,person4,id-4,expired,2026-12-01T11:00:00Z,person4,p,f,login,c@example.com,\"'=HYPERLINK(\"\"x\"\")\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(RunFunnel.read(dir)).contains(new Funnel(3, 1, 1, 0, 1, read));
        String page = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("last checked 2026-12-01 11:00:00 UTC").doesNotContain("not checked yet")
                .contains("<tr id=\"funnel-completed\"><th>Completed</th><td class=\"num\">1</td>")
                .contains("<tr id=\"funnel-expired\"><th>Expired</th><td class=\"num\">1</td>");
        // the rest of the page is still there, once
        assertThat(page.split("id=\"funnel\"", -1)).hasSize(2);
        assertThat(page).contains("id=\"failures\"").contains("MISSING_FIELD");

        // a second rewrite with the same statuses writes the same file
        String before = Files.readString(dir.resolve("status.csv"));
        StatusFile.rewrite(dir, statuses);
        assertThat(Files.readString(dir.resolve("status.csv"))).isEqualTo(before);
    }

    @Test
    void aFolderFromBeforeStatusCsvTakesTheIdentifierFromCreatedCsv() throws Exception {
        Path dir = finishedImport();
        Files.delete(dir.resolve("status.csv"));
        Instant read = Instant.parse("2026-12-01T11:00:00Z");

        StatusFile.rewrite(dir, List.of(new RunStatus(3, "id-3", "failed", read, read)));

        assertThat(lines(dir.resolve("status.csv"))).containsExactly(
                "row,identifier,validationId,status,changedAt",
                "2,person2,id-2,new,2026-12-01T10:00:02Z",
                "3,person3,id-3,failed,2026-12-01T11:00:00Z",
                "4,person4,id-4,new,2026-12-01T10:00:04Z");
    }

    @Test
    void aFolderWhoseImportIsNotFinishedIsLeftAlone() throws Exception {
        Path dir = ReportFolder.create(outbox, "running.csv", START);
        FileReport report = new FileReport(dir, "running.csv", "ab".repeat(32), START, false);
        report.columns(ColumnMapping.of(HEADER));
        created(report, 2, "id-2", "a@example.com", "first");
        String before = Files.readString(dir.resolve("status.csv"));

        StatusFile.rewrite(dir, List.of(new RunStatus(2, "id-2", "completed", START, START)));

        assertThat(Files.readString(dir.resolve("status.csv"))).isEqualTo(before);
        assertThat(dir.resolve(RunFunnel.FILE_NAME)).doesNotExist();
        report.close();
    }

    @Test
    void theIndexShowsTheCompletedShareAndADryRunHasNoFunnel() throws Exception {
        Path dir = finishedImport();
        Instant read = Instant.parse("2026-12-01T11:00:00Z");
        OutboxIndex.write(outbox, null);
        assertThat(Files.readString(outbox.resolve("index.html"))).contains("not checked yet");

        RunPage.refreshFunnel(dir, new Funnel(3, 1, 2, 0, 0, read));
        OutboxIndex.write(outbox, null);
        assertThat(Files.readString(outbox.resolve("index.html"))).contains(">67% completed<").contains("67% (2 of 3), last checked")
                .doesNotContain("not checked yet");

        Path dry = ReportFolder.create(outbox, "dry.csv", START.plusSeconds(60));
        FileReport report = new FileReport(dry, "dry.csv", "cd".repeat(32), START.plusSeconds(60), true);
        report.columns(ColumnMapping.of(HEADER));
        report.created(new CsvRow(2, List.of("a", "p", "f", "login", "", "")),
                new CreateRequest(Map.of("project", "p", "projectFlow", "f", "identifier", "a", "type", "login")),
                new CreatedSession("", "valid (dry run)", ""), 0, START.plusSeconds(61));
        report.finish(START.plusSeconds(62), Map.of());
        assertThat(dry.resolve("status.csv")).doesNotExist();
        assertThat(Files.readString(dry.resolve("report.html"))).doesNotContain("id=\"funnel\"");
    }
}

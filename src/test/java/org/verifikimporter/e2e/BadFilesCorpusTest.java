package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.e2e.ImporterHarness.summary;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.verifikimporter.simulator.CreatedValidation;

/**
 * One inbox of files as they really come (src/test/resources/corpus/, each named for what is wrong with
 * it, plus two generated here because of their size) and one good file, imported by one {@code run}:
 * every readable row is sent or reported, every unreadable file is rejected with a reason, the run ends
 * with exit 3.
 */
class BadFilesCorpusTest extends AgainstSimulator {

    static final String TOKEN = "corpus-token";
    static final Path CORPUS = Paths.get("src/test/resources/corpus");

    /** What should become of a file: its report (rows created, failure codes), or a reject reason. */
    record Expect(int created, Map<String, Integer> failures, String rejectReason) {
        static Expect rows(int created, Object... codeCounts) {
            Map<String, Integer> f = new TreeMap<>();
            for (int i = 0; i < codeCounts.length; i += 2) {
                f.put((String) codeCounts[i], (Integer) codeCounts[i + 1]);
            }
            return new Expect(created, f, null);
        }

        static Expect rejected(String reason) {
            return new Expect(0, Map.of(), reason);
        }
    }

    static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

    static {
        // readable as they come: every row sent
        EXPECTED.put("good.csv", Expect.rows(5));
        EXPECTED.put("excel-csv-utf8-with-bom-crlf.csv", Expect.rows(3));
        EXPECTED.put("excel-semicolon-windows-1252.csv", Expect.rows(2, "INVALID_TYPE", 1));
        EXPECTED.put("utf16le-with-bom-tab-delimited.csv", Expect.rows(2, "MISSING_FIELD", 1));
        EXPECTED.put("utf16be-with-bom.csv", Expect.rows(2));
        EXPECTED.put("iso-8859-1-latin1-accents.csv", Expect.rows(2, "INVALID_TYPE", 1));
        EXPECTED.put("libreoffice-multiline-cells.csv", Expect.rows(3));
        EXPECTED.put("classic-mac-cr-line-ends.csv", Expect.rows(2));
        EXPECTED.put("pipe-delimited.csv", Expect.rows(2));
        EXPECTED.put("cells-with-surrounding-spaces.csv", Expect.rows(2));
        EXPECTED.put("blank-lines-and-delimiter-only-lines.csv", Expect.rows(2));
        EXPECTED.put("quote-inside-unquoted-cell.csv", Expect.rows(2));
        EXPECTED.put("header-only.csv", Expect.rows(0));
        // row-level problems: the row fails, the rest of the file goes on
        EXPECTED.put("wrong-cell-count.csv", Expect.rows(2, "MALFORMED_ROW", 2));
        EXPECTED.put("unbalanced-quote-mid-file.csv", Expect.rows(3, "MALFORMED_ROW", 1));
        EXPECTED.put("unclosed-quote-at-end-of-file.csv", Expect.rows(2, "MALFORMED_ROW", 1));
        EXPECTED.put("closing-quote-followed-by-text.csv", Expect.rows(2, "MALFORMED_ROW", 1));
        EXPECTED.put("truncated-upload.csv", Expect.rows(3, "MALFORMED_ROW", 1));
        EXPECTED.put("truncated-inside-a-utf8-character.csv", Expect.rows(2, "MALFORMED_ROW", 1));
        EXPECTED.put("cell-over-4kb.csv", Expect.rows(1, "FIELD_TOO_LONG", 1));
        EXPECTED.put("formula-cells.csv", Expect.rows(2, "INVALID_TYPE", 1));
        EXPECTED.put("bidi-override-in-identifier.csv", Expect.rows(1, "INVALID_CHARACTER", 1));
        EXPECTED.put("control-characters-in-identifier.csv", Expect.rows(2, "INVALID_CHARACTER", 2));
        EXPECTED.put("duplicate-rows.csv", Expect.rows(2, "DUPLICATE_ROW", 1));
        // the whole file is rejected, with a reason
        EXPECTED.put("empty.csv", Expect.rejected("the file is empty"));
        EXPECTED.put("only-a-bom.csv", Expect.rejected("the file is empty"));
        EXPECTED.put("only-blank-lines.csv", Expect.rejected("the file is empty"));
        EXPECTED.put("first-line-blank.csv", Expect.rejected("the first line is empty"));
        EXPECTED.put("zip-renamed.csv", Expect.rejected("the file is a ZIP archive renamed to .csv"));
        EXPECTED.put("xlsx-renamed.csv", Expect.rejected("Excel workbook (.xlsx) renamed to .csv"));
        EXPECTED.put("xls-renamed.csv", Expect.rejected("old Excel workbook (.xls) renamed to .csv"));
        EXPECTED.put("pdf-renamed.csv", Expect.rejected("PDF document"));
        EXPECTED.put("gzip-renamed.csv", Expect.rejected("gzip-compressed"));
        EXPECTED.put("png-renamed.csv", Expect.rejected("an image"));
        EXPECTED.put("random-binary-with-nul-bytes.csv", Expect.rejected("binary data (NUL bytes)"));
        EXPECTED.put("utf16le-without-bom.csv", Expect.rejected("UTF-16 text without a byte-order mark"));
        EXPECTED.put("utf32-with-bom.csv", Expect.rejected("UTF-32"));
        EXPECTED.put("utf8-bom-but-windows-1252-bytes.csv", Expect.rejected("is not valid UTF-8"));
        EXPECTED.put("no-header-first-line-is-data.csv", Expect.rejected("no column of the header names an API field"));
        EXPECTED.put("header-names-no-api-field.csv", Expect.rejected("no column of the header names an API field"));
        EXPECTED.put("required-column-missing.csv", Expect.rejected("required column(s) type missing"));
        EXPECTED.put("duplicate-column.csv", Expect.rejected("the same column twice: columns 1 (\"identifier\") and 5"));
        EXPECTED.put("duplicate-column-differently-spelled.csv", Expect.rejected("the same column twice"));
        EXPECTED.put("same-extra-column-twice.csv", Expect.rejected("the same column twice"));
        EXPECTED.put("header-with-unclosed-quote.csv", Expect.rejected("the header line (line 1) cannot be read as CSV"));
        // generated by this test (too large to keep in the repository)
        EXPECTED.put("over-max-file-size.csv", Expect.rejected("more than importer.max-file-size (256 KB)"));
        EXPECTED.put("line-over-max-line-length.csv", Expect.rejected("line 3 is longer than importer.max-line-length"));
    }

    @Override
    String token() {
        return TOKEN;
    }

    @BeforeEach
    void limits() {
        h.set("importer.max-file-size", "256KB");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyFileOfARealWorldInboxIsImportedOrRejectedWithAReason() throws Exception {
        Files.createDirectories(h.inbox);
        List<Path> corpus;
        try (Stream<Path> s = Files.list(CORPUS)) {
            corpus = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        for (Path f : corpus) {
            Files.copy(f, h.inbox.resolve(f.getFileName().toString()));
        }
        String row = ",x," + P1 + "," + F_LOGIN + ",login\n";
        StringBuilder big = new StringBuilder("identifier,name,project,projectFlow,type\n");
        for (int i = 0; big.length() <= 300 * 1024; i++) {
            big.append("big").append(i).append("@example.com").append(row);
        }
        Files.writeString(h.inbox.resolve("over-max-file-size.csv"), big);
        Files.writeString(h.inbox.resolve("line-over-max-line-length.csv"), "identifier,name,project,projectFlow,type\n"
                + "long1@example.com" + row + "long2@example.com," + "y".repeat(70_000) + row.substring(2));
        Set<String> dropped;
        try (Stream<Path> s = Files.list(h.inbox)) {
            dropped = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        // every file in the inbox has an expectation, and every expectation a file
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(dropped);

        ImporterHarness.Result r = h.run("run");

        assertThat(r.exitCode()).as(r.out() + r.logs()).isEqualTo(3);
        assertThat(h.filesUnder(h.inbox)).as("nothing is left behind").isEmpty();
        Map<String, Path> reports = new HashMap<>();
        for (Path dir : h.reportDirs()) {
            reports.put(summary(dir).get("file").asText(), dir);
        }
        Path archive = h.archive.resolve(LocalDate.now(ZoneOffset.UTC).toString());
        int createdInAll = 0;
        for (Map.Entry<String, Expect> e : EXPECTED.entrySet()) {
            String name = e.getKey();
            Expect expect = e.getValue();
            if (expect.rejectReason() != null) {
                assertThat(h.rejected.resolve(name)).as(name).exists();
                String reason = Files.readString(h.rejected.resolve(name + ".reason.txt"), StandardCharsets.UTF_8);
                assertThat(reason).as(name).contains(expect.rejectReason()).contains("What to do");
                assertThat(reports).as(name + " has no report").doesNotContainKey(name);
                assertThat(r.out()).as(name).contains(name + ": rejected: ");
                continue;
            }
            assertThat(archive.resolve(name)).as(name).exists();
            Path dir = reports.get(name);
            assertThat(dir).as("report of " + name).isNotNull();
            JsonNode s = summary(dir);
            Map<String, Integer> failures = new TreeMap<>();
            s.get("failures").fields().forEachRemaining(f -> failures.put(f.getKey(), f.getValue().asInt()));
            assertThat(s.at("/rows/created").asInt()).as(name).isEqualTo(expect.created());
            assertThat(failures).as(name).isEqualTo(expect.failures());
            int failed = expect.failures().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(s.at("/rows/total").asInt()).as(name).isEqualTo(expect.created() + failed);
            assertThat(csv(dir.resolve("created.csv"))).as(name).hasSize(expect.created());
            assertThat(csv(dir.resolve("failed.csv"))).as(name).hasSize(failed);
            createdInAll += expect.created();
        }
        // every created row reached the server exactly once
        assertThat(sim.validations()).hasSize(createdInAll);
        assertThat(sim.validations().stream().map(CreatedValidation::identifier).distinct()).hasSize(createdInAll);

        // read correctly, not as mojibake
        assertThat(failedCell(reports, "excel-semicolon-windows-1252.csv", "name")).isEqualTo("José Muñoz");
        assertThat(failedCell(reports, "iso-8859-1-latin1-accents.csv", "name")).isEqualTo("Señor Peña");
        assertThat(failedCell(reports, "utf16le-with-bom-tab-delimited.csv", "name")).isEqualTo("Ñandú");
        assertThat(identifiers()).contains("w1252a@example.com", "u16le1@example.com", "u16be2@example.com",
                "bom1@example.com", "cr2@example.com", "pipe2@example.com");
        // cells trimmed before sending
        assertThat(identifiers()).contains("space1@example.com", "space2@example.com");
        // a multi-line cell is one row; rows after it keep their spreadsheet numbers
        assertThat(csv(reports.get("libreoffice-multiline-cells.csv").resolve("created.csv")))
                .extracting(c -> c.get("row")).containsExactlyInAnyOrder("2", "3", "4");
        // the broken quote is reported on its own row; the rows after it were read and sent
        Map<String, String> broken = failedRows(reports, "unbalanced-quote-mid-file.csv").get(0);
        assertThat(broken).containsEntry("row", "3").containsEntry("errorCode", "MALFORMED_ROW");
        assertThat(broken.get("errorMessage")).contains("never closed").contains("line 3 of the file");
        assertThat(identifiers()).contains("ubq3@example.com", "ubq4@example.com");
        // formulas never reach a report unguarded, and reach Verifik as they were written
        assertThat(identifiers()).contains("+573001234567", "@handle");
        assertThat(csv(reports.get("formula-cells.csv").resolve("created.csv"))).extracting(c -> c.get("identifier"))
                .containsExactlyInAnyOrder("'+573001234567", "'@handle");
        assertThat(failedCell(reports, "formula-cells.csv", "name")).startsWith("'=HYPERLINK(");
        // a hostile identifier is neither sent nor logged
        assertThat(failedRows(reports, "bidi-override-in-identifier.csv").get(0).get("errorMessage"))
                .contains("identifier").contains("U+202E");
        assertThat(r.logs()).doesNotContain("\u202E").doesNotContain("\u0007").doesNotContain("gpj.exe");
        assertThat(r.logs()).doesNotContain("good1@example.com").doesNotContain("José");
    }

    List<String> identifiers() {
        return sim.validations().stream().map(CreatedValidation::identifier).toList();
    }

    static List<Map<String, String>> failedRows(Map<String, Path> reports, String file) throws IOException {
        return csv(reports.get(file).resolve("failed.csv"));
    }

    static String failedCell(Map<String, Path> reports, String file, String column) throws IOException {
        List<Map<String, String>> rows = failedRows(reports, file);
        assertThat(rows).as(file).hasSize(1);
        return rows.get(0).get(column);
    }
}

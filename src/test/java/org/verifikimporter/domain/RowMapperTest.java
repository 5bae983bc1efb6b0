package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowMapperTest {

    final RowRules rules = new RowRules(RowRulesTest.NOW);

    RowMapper mapper(List<String> header, Map<ApiField, String> defaults) {
        return new RowMapper(ColumnMapping.of(header), defaults, rules);
    }

    @Test
    void headersMatchIgnoringCaseUnderscoresDashesAndSpaces() {
        RowMapper m = mapper(List.of("Project", "project_flow", "IDENTIFIER", "Type", "send-via-email", "E Mail", "note"),
                Map.of());
        MappedRow row = m.map(new CsvRow(2, List.of("p", "f", "id1", "login", "no", "a@example.com", "x")));
        assertThat(row.isValid()).isTrue();
        assertThat(row.request().body()).containsEntry("projectFlow", "f").containsEntry("sendViaEmail", false)
                .containsEntry("email", "a@example.com").doesNotContainKey("note");
    }

    @Test
    void cellsAreTrimmedAndEmptyCellsAreNotSent() {
        RowMapper m = mapper(List.of("project", "projectFlow", "identifier", "type", "language", "redirectUrl"), Map.of());
        MappedRow row = m.map(new CsvRow(2, List.of(" p ", "f", " id ", "login", "", "  ")));
        assertThat(row.request().body()).containsOnlyKeys("project", "projectFlow", "identifier", "type")
                .containsEntry("project", "p").containsEntry("identifier", "id");
    }

    @Test
    void defaultsFillEmptyCellsButTheRowWins() {
        RowMapper m = mapper(List.of("identifier", "type", "language"),
                Map.of(ApiField.PROJECT, "dp", ApiField.PROJECT_FLOW, "df", ApiField.LANGUAGE, "es", ApiField.TYPE, "login"));
        MappedRow a = m.map(new CsvRow(2, List.of("id1", "", "")));
        MappedRow b = m.map(new CsvRow(3, List.of("id2", "onboarding", "en")));
        assertThat(a.request().body()).containsEntry("project", "dp").containsEntry("type", "login").containsEntry("language", "es");
        assertThat(b.request().body()).containsEntry("type", "onboarding").containsEntry("language", "en");
    }

    @Test
    void wrongCellCountIsMalformed() {
        RowMapper m = mapper(List.of("project", "projectFlow", "identifier", "type"), Map.of());
        MappedRow row = m.map(new CsvRow(7, List.of("p", "f", "id")));
        assertThat(row.failure().code()).isEqualTo("MALFORMED_ROW");
        assertThat(row.failure().message()).contains("3 cells").contains("4");
        assertThat(row.rowNumber()).isEqualTo(7);
    }

    @Test
    void aCellOver4KbIsTooLong() {
        RowMapper m = mapper(List.of("project", "projectFlow", "identifier", "type", "notes"), Map.of());
        MappedRow row = m.map(new CsvRow(2, List.of("p", "f", "id", "login", "n".repeat(4097))));
        assertThat(row.failure().code()).isEqualTo("FIELD_TOO_LONG");
        assertThat(row.failure().message()).contains("notes");
    }

    @Test
    void formulaGuardFromAReportIsUndoneOnTheWayIn() {
        RowMapper m = mapper(List.of("project", "projectFlow", "identifier", "type"), Map.of());
        MappedRow row = m.map(new CsvRow(2, List.of("p", "f", "'+573001234567", "login")));
        assertThat(row.request().identifier()).isEqualTo("+573001234567");
    }

    @Test
    void aReRoppedFailureReportIgnoresItsAddedColumns() {
        List<String> header = List.of("project", "projectFlow", "identifier", "type",
                "errorCode", "errorMessage", "httpStatus", "attempts", "row", "retryable");
        ColumnMapping columns = ColumnMapping.of(header);
        assertThat(columns.inputColumns()).containsExactly(0, 1, 2, 3);
        MappedRow row = new RowMapper(columns, Map.of(), rules)
                .map(new CsvRow(2, List.of("p", "f", "id", "login", "MISSING_FIELD", "x", "", "0", "9", "false")));
        assertThat(row.request().body()).containsOnlyKeys("project", "projectFlow", "identifier", "type");
    }

    @Test
    void aHeaderWithNoApiFieldIsAFileProblem() {
        assertThatThrownBy(() -> mapper(List.of("name", "phone"), Map.of()))
                .isInstanceOf(FileProblem.class).hasMessageContaining("no column");
    }

    @Test
    void aRequiredColumnWithoutDefaultIsAFileProblem() {
        assertThatThrownBy(() -> mapper(List.of("identifier", "type"), Map.of(ApiField.PROJECT, "p")))
                .isInstanceOf(FileProblem.class).hasMessageContaining("projectFlow");
    }

    @Test
    void theSameFieldTwiceIsAFileProblem() {
        assertThatThrownBy(() -> ColumnMapping.of(List.of("identifier", "Identifier ", "type")))
                .isInstanceOf(FileProblem.class).hasMessageContaining("columns 1").hasMessageContaining("2");
    }

    @Test
    void theSameColumnTwiceIsAFileProblemEvenWhenItIsNoField() {
        assertThatThrownBy(() -> ColumnMapping.of(List.of("identifier", "project", "projectFlow", "type", "notes", "Notes")))
                .isInstanceOf(FileProblem.class).hasMessageContaining("the same column twice")
                .hasMessageContaining("columns 5 (\"notes\") and 6 (\"Notes\")");
        // empty names (trailing delimiters of a spreadsheet export) are not duplicates
        assertThat(ColumnMapping.of(List.of("identifier", "project", "projectFlow", "type", "", "")).header()).hasSize(6);
    }

    @Test
    void headerNamesInAFileProblemAreEscaped() {
        assertThatThrownBy(() -> ColumnMapping.of(List.of("x\u202Ey", "X\u202EY", "identifier")))
                .isInstanceOf(FileProblem.class).hasMessageContaining("x\\u202Ey").hasMessageNotContaining("\u202E");
    }

    @Test
    void aGuardedHeaderFromAReportIsUnguarded() {
        assertThat(ColumnMapping.of(List.of("identifier", "project", "projectFlow", "type", "'=notes")).header())
                .contains("=notes");
    }

    @Test
    void controlBidiAndInvisibleCharactersInASentFieldFailTheRow() {
        RowMapper m = mapper(List.of("project", "projectFlow", "identifier", "type", "notes"), Map.of());
        for (String bad : List.of("ana\u202Egpj.exe", "ana\u0007x", "a\u200Bna", "an\na", "ana\uFFFD", "a\u2066na")) {
            MappedRow row = m.map(new CsvRow(4, List.of("p", "f", bad, "login", "")));
            assertThat(row.failure().code()).as(bad).isEqualTo("INVALID_CHARACTER");
            assertThat(row.failure().message()).as(bad).contains("identifier").contains("position")
                    .doesNotContain("ana").doesNotContain("gpj");
        }
        // a multi-line note is fine: it is never sent
        assertThat(m.map(new CsvRow(5, List.of("p", "f", "ana", "login", "two\r\nlines"))).isValid()).isTrue();
        // letters of any script are fine
        assertThat(m.map(new CsvRow(6, List.of("p", "f", "José Ñandú 名前", "login", ""))).isValid()).isTrue();
    }

    @Test
    void aRowTheReaderCouldNotParseIsMalformedWithItsReason() {
        RowMapper m = mapper(List.of("project", "projectFlow", "identifier", "type"), Map.of());
        MappedRow row = m.map(new CsvRow(3, List.of("p", "\"f"), "a quote opened in this row is never closed (line 3)"));
        assertThat(row.failure().code()).isEqualTo("MALFORMED_ROW");
        assertThat(row.failure().message()).contains("never closed").contains("line 3");
    }
}

package org.verifikimporter.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns one CSV record into a create request (or a failure), using the file's columns and the defaults. */
public final class RowMapper {

    /** Longest cell accepted; anything longer is almost surely a broken quote swallowing lines. */
    public static final int MAX_CELL_LENGTH = 4096;

    private static final List<ApiField> REQUIRED =
            List.of(ApiField.PROJECT, ApiField.PROJECT_FLOW, ApiField.IDENTIFIER, ApiField.TYPE);

    private final ColumnMapping columns;
    private final Map<ApiField, String> defaults;
    private final RowRules rules;

    public RowMapper(ColumnMapping columns, Map<ApiField, String> defaults, RowRules rules) {
        this.columns = columns;
        this.defaults = Map.copyOf(defaults);
        this.rules = rules;
        requireFieldsOrDefaults();
    }

    /**
     * Without a column or a default for a required field every row would fail: reject the file instead, saying
     * which columns it has and which of them might be the missing field.
     */
    private void requireFieldsOrDefaults() {
        List<ApiField> missing = new ArrayList<>();
        for (ApiField f : REQUIRED) {
            if (!columns.hasField(f) && (defaults.get(f) == null || defaults.get(f).isBlank())) {
                missing.add(f);
            }
        }
        if (columns.fields().isEmpty()) {
            throw new FileProblem("no column of the header names an API field (expected columns such as "
                    + "project, projectFlow, identifier, type); is the first line the header? "
                    + HeaderAdvice.of(columns, missing));
        }
        if (!missing.isEmpty()) {
            throw new FileProblem("required column(s) " + String.join(", ", missing.stream().map(ApiField::jsonName)
                    .toList()) + " missing from the header and no default configured (importer.defaults.*); "
                    + HeaderAdvice.of(columns, missing));
        }
    }

    public MappedRow map(CsvRow row) {
        if (row.problem() != null) {
            return MappedRow.invalid(row, RowFailure.of(ErrorCode.MALFORMED_ROW, row.problem()));
        }
        int expected = columns.header().size();
        if (row.cells().size() != expected) {
            return MappedRow.invalid(row, RowFailure.of(ErrorCode.MALFORMED_ROW, String.format(Locale.ROOT,
                    "the row has %d cells but the header has %d", row.cells().size(), expected)));
        }
        for (int i = 0; i < row.cells().size(); i++) {
            String cell = row.cells().get(i);
            if (cell != null && cell.length() > MAX_CELL_LENGTH) {
                return MappedRow.invalid(row, RowFailure.of(ErrorCode.FIELD_TOO_LONG, String.format(Locale.ROOT,
                        "column \"%s\" has %d characters, at most %d are allowed",
                        columns.header().get(i), cell.length(), MAX_CELL_LENGTH)));
            }
        }
        Map<ApiField, String> values = new EnumMap<>(ApiField.class);
        for (ApiField field : ApiField.values()) {
            String cell = FormulaGuard.unguard(strip(columns.cell(row, field)));
            String value = cell == null || cell.isEmpty() ? defaults.get(field) : cell;
            if (value != null && !value.isBlank()) {
                values.put(field, value.strip());
            }
            if (cell != null && !cell.isEmpty()) {
                RowFailure hidden = hiddenCharacter(field, cell.strip());
                if (hidden != null) {
                    return MappedRow.invalid(row, hidden);
                }
            }
        }
        RowRules.Result result = rules.check(values);
        return result.isValid() ? MappedRow.valid(row, result.request()) : MappedRow.invalid(row, result.failure());
    }

    /**
     * A control character, a bidi override or another invisible character in a value that would be sent:
     * it would make the person's identifier look like something else (or break a link), so the row is
     * not sent. The message names the column, the position and the code point, never the cell.
     */
    private RowFailure hiddenCharacter(ApiField field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Printable.isHidden(c)) {
                String what = c == '\uFFFD' ? "a character that could not be read (U+FFFD: wrong encoding?)"
                        : String.format(Locale.ROOT, "an invisible or control character (U+%04X)", (int) c);
                return RowFailure.of(ErrorCode.INVALID_CHARACTER, String.format(Locale.ROOT,
                        "%s has %s at position %d; remove it (retype the cell)", field.jsonName(), what, i + 1));
            }
        }
        return null;
    }

    public ColumnMapping columns() {
        return columns;
    }

    private static String strip(String cell) {
        return cell == null ? null : cell.strip();
    }
}

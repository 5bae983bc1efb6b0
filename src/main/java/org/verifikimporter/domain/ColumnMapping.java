package org.verifikimporter.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Which header column feeds which API field, by the names of {@link ColumnNames}. Columns that match no field
 * are kept (they go back out in failed.csv) and otherwise ignored; the columns failed.csv adds are ignored so
 * a fixed report can be dropped back in.
 */
public final class ColumnMapping {

    /** Added by failed.csv; a re-dropped report carries them, and they must not become input. */
    public static final List<String> REPORT_COLUMNS =
            List.of("errorCode", "errorMessage", "httpStatus", "attempts", "row", "retryable");

    private static final Set<String> REPORT_COLUMNS_NORMALIZED = Set.copyOf(
            REPORT_COLUMNS.stream().map(ApiField::normalizeColumn).toList());

    private final List<String> header;
    private final Map<ApiField, Integer> indexByField;
    private final List<Integer> inputColumns;
    private final ColumnNames names;

    private ColumnMapping(List<String> header, Map<ApiField, Integer> indexByField, List<Integer> inputColumns,
                          ColumnNames names) {
        this.header = header;
        this.indexByField = indexByField;
        this.inputColumns = inputColumns;
        this.names = names;
    }

    /** With the field names and the built-in aliases only. */
    public static ColumnMapping of(List<String> rawHeader) {
        return of(rawHeader, ColumnNames.builtIn());
    }

    /**
     * A field takes the column its configured names ({@code importer.columns.*}) find, else the column with
     * its own name, else the column one of its aliases names. A column a configured name takes is read only as
     * the fields configured for it: {@code importer.columns.project-flow=tipo} must not also make it the type.
     *
     * @throws FileProblem when a field is named by two columns of the same rank: which one wins would be a guess
     */
    public static ColumnMapping of(List<String> rawHeader, ColumnNames names) {
        // a header cell guarded in a report (failed.csv) is unguarded when the report comes back
        List<String> header = rawHeader.stream().map(h -> h == null ? "" : FormulaGuard.unguard(h.strip()).strip())
                .toList();
        refuseRepeatedNames(header);
        List<Integer> inputColumns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!REPORT_COLUMNS_NORMALIZED.contains(ApiField.normalizeColumn(header.get(i)))) {
                inputColumns.add(i);
            }
        }
        Map<ApiField, Integer> byField = new EnumMap<>(ApiField.class);
        Set<Integer> configuredColumns = new HashSet<>();
        for (ApiField field : ApiField.values()) {
            Integer column = only(header, inputColumns, field, i -> names.configuredAs(field, header.get(i)),
                    "are both named by " + ColumnNames.settingKey(field) + "; keep one of them");
            if (column != null) {
                byField.put(field, column);
                configuredColumns.add(column);
            }
        }
        List<Integer> free = inputColumns.stream().filter(i -> !configuredColumns.contains(i)).toList();
        String advice = "both mean the field %s; keep one of them, or name the one to read with "
                + "%s=<column>";
        for (ApiField field : ApiField.values()) {
            if (byField.containsKey(field)) {
                continue;
            }
            String ambiguous = String.format(Locale.ROOT, advice, field.jsonName(), ColumnNames.settingKey(field));
            Integer column = only(header, free, field, i -> names.isFieldName(field, header.get(i)), ambiguous);
            if (column == null) {
                column = only(header, free, field, i -> names.isAlias(field, header.get(i)), ambiguous);
            }
            if (column != null) {
                byField.put(field, column);
            }
        }
        return new ColumnMapping(header, byField, List.copyOf(inputColumns), names);
    }

    private static void refuseRepeatedNames(List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(ApiField.normalizeColumn(name), i);
            if (earlier != null) {
                throw new FileProblem(String.format(Locale.ROOT,
                        "the header names the same column twice: columns %d (\"%s\") and %d (\"%s\"); keep one of them",
                        earlier + 1, Printable.of(header.get(earlier)), i + 1, Printable.of(name)));
            }
        }
    }

    /** The one column among {@code columns} that {@code means}, or null; two are a FileProblem. */
    private static Integer only(List<String> header, List<Integer> columns, ApiField field, IntPredicate means,
                                String bothMean) {
        Integer found = null;
        for (int i : columns) {
            if (!means.test(i)) {
                continue;
            }
            if (found != null) {
                throw new FileProblem(String.format(Locale.ROOT, "columns %d (\"%s\") and %d (\"%s\") %s",
                        found + 1, Printable.of(header.get(found)), i + 1, Printable.of(header.get(i)), bothMean));
            }
            found = i;
        }
        return found;
    }

    /** The file's header, trimmed, in file order. */
    public List<String> header() {
        return header;
    }

    /** Indexes of the columns that came from the person's file (report columns of a re-drop left out). */
    public List<Integer> inputColumns() {
        return inputColumns;
    }

    public boolean hasField(ApiField field) {
        return indexByField.containsKey(field);
    }

    /** The names the mapping was made with, for the advice on a header that lacks a field. */
    public ColumnNames names() {
        return names;
    }

    public Map<ApiField, Integer> fields() {
        return Collections.unmodifiableMap(indexByField);
    }

    /** The raw cell for a field, or null when the file has no such column. */
    public String cell(CsvRow row, ApiField field) {
        Integer index = indexByField.get(field);
        if (index == null || index >= row.cells().size()) {
            return null;
        }
        return row.cells().get(index);
    }
}

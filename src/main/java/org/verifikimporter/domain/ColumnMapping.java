package org.verifikimporter.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which header column feeds which API field. Columns that match no field are kept (they go back out in
 * failed.csv) and otherwise ignored; the columns failed.csv adds are ignored so a fixed report can be
 * dropped back in.
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

    private ColumnMapping(List<String> header, Map<ApiField, Integer> indexByField, List<Integer> inputColumns) {
        this.header = header;
        this.indexByField = indexByField;
        this.inputColumns = inputColumns;
    }

    /**
     * @throws FileProblem when a field is named by two columns: which one wins would be a guess
     */
    public static ColumnMapping of(List<String> rawHeader) {
        // a header cell guarded in a report (failed.csv) is unguarded when the report comes back
        List<String> header = rawHeader.stream().map(h -> h == null ? "" : FormulaGuard.unguard(h.strip()).strip())
                .toList();
        Map<String, Integer> seen = new java.util.HashMap<>();
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
        Map<ApiField, Integer> byField = new EnumMap<>(ApiField.class);
        List<Integer> inputColumns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (REPORT_COLUMNS_NORMALIZED.contains(ApiField.normalizeColumn(name))) {
                continue;
            }
            inputColumns.add(i);
            int column = i;
            ApiField.forColumn(name).ifPresent(field -> {
                Integer earlier = byField.putIfAbsent(field, column);
                if (earlier != null) {
                    throw new FileProblem(String.format(Locale.ROOT,
                            "columns %d (\"%s\") and %d (\"%s\") both mean the field %s; keep one of them",
                            earlier + 1, Printable.of(header.get(earlier)), column + 1, Printable.of(name),
                            field.jsonName()));
                }
            });
        }
        return new ColumnMapping(header, byField, List.copyOf(inputColumns));
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

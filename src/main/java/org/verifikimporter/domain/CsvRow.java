package org.verifikimporter.domain;

import java.util.List;

/**
 * One data record as read from the file. {@code rowNumber} is what a spreadsheet shows: the header is
 * row 1, and a record whose quoted cell spans several lines is still one row.
 */
public record CsvRow(long rowNumber, List<String> cells) {
    public CsvRow {
        cells = List.copyOf(cells);
    }

    public boolean isBlank() {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}

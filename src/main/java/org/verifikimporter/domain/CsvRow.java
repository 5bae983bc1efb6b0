package org.verifikimporter.domain;

import java.util.List;

/**
 * One data record as read from the file. {@code rowNumber} is what a spreadsheet shows: the header is
 * row 1, and a record whose quoted cell spans several lines is still one row. {@code problem} is set
 * (and the cells are the line as it stands, quotes included) when the record could not be read as CSV.
 */
public record CsvRow(long rowNumber, List<String> cells, String problem) {
    public CsvRow {
        cells = List.copyOf(cells);
    }

    public CsvRow(long rowNumber, List<String> cells) {
        this(rowNumber, cells, null);
    }

    public boolean isBlank() {
        return problem == null && cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}

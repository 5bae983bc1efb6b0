package org.verifikimporter.domain;

/** A row after mapping and the rules: either a request to send, or the reason it will not be sent. */
public record MappedRow(CsvRow row, CreateRequest request, RowFailure failure) {

    public static MappedRow valid(CsvRow row, CreateRequest request) {
        return new MappedRow(row, request, null);
    }

    public static MappedRow invalid(CsvRow row, RowFailure failure) {
        return new MappedRow(row, null, failure);
    }

    public boolean isValid() {
        return failure == null;
    }

    public long rowNumber() {
        return row.rowNumber();
    }
}

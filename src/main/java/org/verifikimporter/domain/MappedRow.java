package org.verifikimporter.domain;

/**
 * A row after mapping and the rules: a request to send, the reason it will not be sent, or (when a cut-off
 * import resumes) the validation an earlier attempt already created for it.
 *
 * @param attempts calls already made for this row by an earlier attempt of the same import
 */
public record MappedRow(CsvRow row, CreateRequest request, RowFailure failure, CreatedSession alreadyCreated,
                        int attempts) {

    public static MappedRow valid(CsvRow row, CreateRequest request) {
        return new MappedRow(row, request, null, null, 0);
    }

    public static MappedRow invalid(CsvRow row, RowFailure failure) {
        return new MappedRow(row, null, failure, null, 0);
    }

    /** Failed in an earlier attempt of this import; reported again, not resent. */
    public static MappedRow failedBefore(CsvRow row, RowFailure failure, int attempts) {
        return new MappedRow(row, null, failure, null, attempts);
    }

    /** Created in an earlier attempt of this import; reported again, not resent. */
    public static MappedRow createdBefore(CsvRow row, CreateRequest request, CreatedSession session, int attempts) {
        return new MappedRow(row, request, null, session, attempts);
    }

    public boolean isValid() {
        return failure == null;
    }

    public long rowNumber() {
        return row.rowNumber();
    }
}

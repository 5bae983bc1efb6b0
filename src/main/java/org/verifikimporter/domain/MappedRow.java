package org.verifikimporter.domain;

/**
 * A row after mapping and the rules: a request to send, the reason it will not be sent, or (when a cut-off
 * import resumes) the validation an earlier attempt already created for it.
 *
 * @param attempts calls already made for this row by an earlier attempt of the same import
 */
public record MappedRow(CsvRow row, CreateRequest request, RowFailure failure, CreatedSession alreadyCreated,
                        int attempts, java.time.Instant unknownSince) {

    public static MappedRow valid(CsvRow row, CreateRequest request) {
        return new MappedRow(row, request, null, null, 0, null);
    }

    public static MappedRow invalid(CsvRow row, RowFailure failure) {
        return new MappedRow(row, null, failure, null, 0, null);
    }

    /** Failed in an earlier attempt of this import; reported again, not resent. */
    public static MappedRow failedBefore(CsvRow row, RowFailure failure, int attempts) {
        return new MappedRow(row, null, failure, null, attempts, null);
    }

    /** Sent by an earlier attempt of this import, outcome unknown: may still be looked up, never resent. */
    public static MappedRow unknownBefore(CsvRow row, CreateRequest request, RowFailure failure, int attempts,
                                          java.time.Instant sentAt) {
        return new MappedRow(row, request, failure, null, attempts, sentAt);
    }

    /** Created in an earlier attempt of this import; reported again, not resent. */
    public static MappedRow createdBefore(CsvRow row, CreateRequest request, CreatedSession session, int attempts) {
        return new MappedRow(row, request, null, session, attempts, null);
    }

    public boolean isValid() {
        return failure == null;
    }

    public long rowNumber() {
        return row.rowNumber();
    }
}

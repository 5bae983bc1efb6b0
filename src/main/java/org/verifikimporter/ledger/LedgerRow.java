package org.verifikimporter.ledger;

import java.time.Instant;

/** What the ledger knows of one sent row. */
public record LedgerRow(long runId, long rowNumber, State state, int attempts, String validationId, String status,
                        String url, String errorCode, String errorMessage, Integer httpStatus, Boolean retryable,
                        Instant sendingAt, Instant finishedAt) {

    public enum State { SENDING, CREATED, FAILED, UNKNOWN }
}

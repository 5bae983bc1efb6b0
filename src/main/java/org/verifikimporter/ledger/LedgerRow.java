package org.verifikimporter.ledger;

import java.time.Instant;

/** What the ledger knows of one sent row. */
public record LedgerRow(long runId, long rowNumber, State state, int attempts, String validationId, String status,
                        String url, String errorCode, String errorMessage, Integer httpStatus, Boolean retryable,
                        Instant sendingAt, Instant finishedAt) {

    /**
     * PUT_BACK: was UNKNOWN, and an operator put it back into the inbox once Verifik still listed nothing for it
     * ({@code retry --unknown}); it no longer blocks its person within the dedupe window.
     */
    public enum State { SENDING, CREATED, FAILED, UNKNOWN, PUT_BACK }
}

package org.verifikimporter.ledger;

import java.time.Instant;

/** A validation already created (or possibly created) for the same person by an earlier run. */
public record EarlierCreate(String fileName, long rowNumber, LedgerRow.State state, String validationId, Instant at) {
}

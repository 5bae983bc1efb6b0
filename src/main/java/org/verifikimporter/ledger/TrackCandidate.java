package org.verifikimporter.ledger;

import java.time.Instant;

/**
 * A created validation whose status is not final yet, for a tracking pass to read.
 *
 * @param status its current status in the ledger
 * @param sentAt when its row was sent: Verifik created it at or after that moment
 */
public record TrackCandidate(long runId, long rowNumber, String validationId, String status, Instant sentAt) {
}

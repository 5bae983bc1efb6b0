package org.verifikimporter.ledger;

import java.time.Instant;

/**
 * A created validation of a run and its current status: the last one Verifik told (a read or a webhook), else
 * its create answer's.
 *
 * @param changedAt when this status was first seen (for the create answer's, when the row was created)
 * @param checkedAt the last read or webhook that confirmed it; null when it was never checked since its creation
 */
public record RunStatus(long rowNumber, String validationId, String status, Instant changedAt, Instant checkedAt) {
}

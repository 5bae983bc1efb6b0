package org.verifikimporter.ledger;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A created validation whose status is not final yet, for a tracking pass to read.
 *
 * @param status    its current status in the ledger
 * @param sentAt    when its row was sent: Verifik created it at or after that moment
 * @param fileName  the input file of its run, for the pass's summary
 * @param reportDir its run's folder, whose status.csv the pass rewrites when a status changed
 */
public record TrackCandidate(long runId, long rowNumber, String validationId, String status, Instant sentAt,
                             String fileName, Path reportDir) {
}

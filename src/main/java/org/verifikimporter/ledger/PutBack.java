package org.verifikimporter.ledger;

import java.time.Instant;

/**
 * An operator's decision on a row whose outcome stayed unknown: Verifik listed no validation for it, so it was put
 * back into the inbox as {@code fileName}, whose content is {@code sha256}.
 */
public record PutBack(long runId, long rowNumber, String fileName, String sha256, Instant decidedAt) {
}

package org.verifikimporter.job;

/**
 * Raised instead of recording a row as about to be sent, once this instance is no longer the file's importer
 * (its claim in the shared ledger was lost): the row is left to the instance that took the file over.
 */
public final class ClaimLostException extends RuntimeException {
    public ClaimLostException() {
        super("this instance lost its claim on the file; the row is left to the instance that took it over", null,
                false, false);
    }
}

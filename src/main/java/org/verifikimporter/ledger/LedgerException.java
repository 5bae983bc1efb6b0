package org.verifikimporter.ledger;

/** The ledger could not be read or written; nothing may be sent without it. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.verifikimporter.camel.call;

/** Raised instead of sending a row once the run has been stopped: the row is reported NOT_ATTEMPTED. */
public class NotAttemptedException extends RuntimeException {
    public NotAttemptedException(String reason) {
        super(reason, null, false, false);
    }
}

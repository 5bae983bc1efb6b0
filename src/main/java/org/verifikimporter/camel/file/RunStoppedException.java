package org.verifikimporter.camel.file;

/**
 * Verifik stopped the run (401/402/403). Thrown at the end of a file (or at the start of the next one) so
 * that the file consumer rolls back and leaves the input in the inbox for the next run.
 */
public class RunStoppedException extends RuntimeException {
    public RunStoppedException(String reason) {
        super(reason, null, false, false);
    }
}

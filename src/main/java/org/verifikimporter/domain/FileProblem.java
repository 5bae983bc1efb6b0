package org.verifikimporter.domain;

/** A problem with a whole file (not one row): the file is rejected with this message as its reason. */
public class FileProblem extends RuntimeException {
    public FileProblem(String message) {
        super(message, null, false, false);
    }
}

package org.verifikimporter.simulator;

/** Ends the handling of a request with the given answer; lets the rules read top to bottom. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    ApiException(Reply reply) {
        super("HTTP " + reply.status(), null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }
}

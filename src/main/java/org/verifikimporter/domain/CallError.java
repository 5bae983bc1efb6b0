package org.verifikimporter.domain;

/**
 * One failed attempt of a create call, as far as the importer can tell.
 *
 * @param kind       what went wrong
 * @param httpStatus the answer's status for {@link Kind#HTTP_STATUS}, else 0
 * @param body       the answer's body, or null
 * @param retryAfter the raw {@code Retry-After} header, or null
 * @param detail     a short technical description (exception class and message) for the report
 */
public record CallError(Kind kind, int httpStatus, String body, String retryAfter, String detail) {

    public enum Kind {
        /** The server answered with a non-2xx status. */
        HTTP_STATUS,
        /** The request never left: connection refused, connect timeout, unknown host. Safe to resend. */
        NOT_SENT,
        /** The request was sent, then the connection was dropped (reset, closed) before an answer: it may exist. */
        NO_ANSWER,
        /** The request was sent and no answer came within the request timeout: the validation may exist. */
        TIMED_OUT
    }

    public static CallError http(int status, String body, String retryAfter) {
        return new CallError(Kind.HTTP_STATUS, status, body, retryAfter, "HTTP " + status);
    }

    public static CallError notSent(String detail) {
        return new CallError(Kind.NOT_SENT, 0, null, null, detail);
    }

    public static CallError noAnswer(String detail) {
        return new CallError(Kind.NO_ANSWER, 0, null, null, detail);
    }

    public static CallError timedOut(String detail) {
        return new CallError(Kind.TIMED_OUT, 0, null, null, detail);
    }
}

package org.verifikimporter.domain;

import java.util.Locale;

/**
 * Why a row's outcome is unknown: its request was sent and no usable answer came back. The row's errorMessage
 * starts with which it was, so report.html can say what really happened without a column more in failed.csv.
 */
public enum UnknownCause {
    TIMEOUT("no answer within importer.request-timeout after the request was sent",
            "the call timed out after the request was sent"),
    DROPPED("the connection was dropped after the request was sent, before any answer",
            "the connection was dropped after the request was sent"),
    CRASH("the importer stopped (crash, kill or power loss) while this request was in flight",
            "the importer stopped (crash, kill or power loss) while the request was in flight"),
    NO_ID("Verifik answered 2xx but the body held no validation id",
            "Verifik answered 2xx without a validation id");

    /** Written by builds before the cause was told apart; the exception named in it still tells. */
    private static final String EARLIER_NO_ANSWER = "no answer after the request was sent";

    private final String opening;
    private final String happened;

    UnknownCause(String opening, String happened) {
        this.opening = opening;
        this.happened = happened;
    }

    /**
     * The row's errorMessage: the cause, the technical detail, and why the row was not sent again.
     *
     * @param detail the exception or answer, for whoever looks into it; null when there is none (a crash)
     */
    public String message(String detail) {
        return opening + (detail == null ? "" : " (" + detail + ")")
                + "; the validation may exist, so it was not sent again: check in Verifik before sending it again";
    }

    /** What happened, as the advice in report.html says it. */
    public String happened() {
        return happened;
    }

    /** The cause an OUTCOME_UNKNOWN row's errorMessage names; null for a message that names none. */
    public static UnknownCause of(String message) {
        if (message == null) {
            return null;
        }
        for (UnknownCause c : values()) {
            if (message.startsWith(c.opening)) {
                return c;
            }
        }
        if (message.contains("holds no validation id")) {
            return NO_ID;
        }
        if (message.startsWith(EARLIER_NO_ANSWER)) {
            String m = message.toLowerCase(Locale.ROOT);
            return m.contains("timeout") || m.contains("timed out") ? TIMEOUT : DROPPED;
        }
        return null;
    }
}

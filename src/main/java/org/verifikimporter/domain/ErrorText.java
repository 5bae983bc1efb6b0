package org.verifikimporter.domain;

/** An exception as one printable line for a log or a report: its type and message, no stack trace. */
public final class ErrorText {

    private ErrorText() {
    }

    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage() == null ? "" : Printable.of(t.getMessage().replaceAll("[\\r\\n]+", " "));
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The innermost cause: what actually went wrong under the wrappers. */
    public static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}

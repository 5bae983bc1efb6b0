package org.verifikimporter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.UnknownCause;

/** What a person should do about a failure code: the importer's own codes, Verifik's codes, HTTP_<status>. */
public final class FailureAdvice {

    private FailureAdvice() {
    }

    /**
     * OUTCOME_UNKNOWN, saying what really happened to its rows: one cause in words, several with their counts.
     *
     * @param causes how many rows met each cause; rows whose message names none are the rest of {@code count}
     */
    public static String unknownOutcome(Map<UnknownCause, Long> causes, long count) {
        String what;
        if (causes.size() == 1 && causes.values().iterator().next() == count) {
            String happened = causes.keySet().iterator().next().happened();
            what = Character.toUpperCase(happened.charAt(0)) + happened.substring(1) + ".";
        } else {
            List<String> parts = new ArrayList<>();
            causes.forEach((cause, n) -> parts.add(cause.happened() + " (" + rows(n) + ")"));
            long other = count - causes.values().stream().mapToLong(Long::longValue).sum();
            if (other > 0) {
                parts.add("no usable answer came back (" + rows(other) + ")");
            }
            what = "The request was sent, then: " + String.join("; ", parts) + ".";
        }
        return what + " The validation may exist: check in Verifik before sending the row again (errorMessage in "
                + "failed.csv has each row's detail); it is never resent automatically.";
    }

    private static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }

    public static String of(String code, Integer httpStatus) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(code)) {
                return c.advice();
            }
        }
        if (httpStatus != null && (httpStatus == 401 || httpStatus == 403)) {
            return "Verifik refused the token and stopped the run: fix VERIFIK_TOKEN, then run again (the file stays in "
                    + "the inbox and is resumed).";
        }
        if (httpStatus != null && httpStatus == 402) {
            return "Verifik has no credits left and stopped the run: add credits, then run again (the file stays in the "
                    + "inbox and is resumed).";
        }
        if (code != null && code.startsWith("HTTP_")) {
            return "Verifik rejected the row without naming a code: read errorMessage in failed.csv, fix the row and "
                    + "re-drop it.";
        }
        return "Verifik rejected the row: read errorMessage in failed.csv, fix the row (or the project/flow in "
                + "Verifik) and re-drop it.";
    }
}

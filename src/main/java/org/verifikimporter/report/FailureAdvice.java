package org.verifikimporter.report;

import org.verifikimporter.domain.ErrorCode;

/** What a person should do about a failure code: the importer's own codes, Verifik's codes, HTTP_<status>. */
public final class FailureAdvice {

    private FailureAdvice() {
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

package org.verifikimporter.domain;

/**
 * The importer's own codes for failed.csv. Codes the API answers with (e.g. {@code MissingParameter}) are
 * reported verbatim beside these, or as {@code HTTP_<status>} when the body carries none. {@code retryable} says whether dropping the
 * row back in unchanged can succeed; the advice is what the README tells a person to do.
 */
public enum ErrorCode {
    MISSING_FIELD(false, "Fill in the named field (or set importer.defaults.*), then re-drop the row."),
    INVALID_TYPE(false, "Use one of validation, login, onboarding, oneTimeLink."),
    INVALID_LANGUAGE(false, "Use en or es, or leave the cell empty."),
    INVALID_BOOLEAN(false, "Use true/false, yes/no or 1/0."),
    INVALID_EXPIRES_AT(false, "Write an ISO-8601 date-time with a zone, e.g. 2026-12-31T23:59:59Z."),
    EXPIRES_AT_IN_PAST(false, "Pick an expiry in the future."),
    INVALID_URL(false, "Use an absolute URL: http(s) for redirectUrl, https for webhookUrl."),
    INVALID_IP_ADDRESS(false, "Use an IPv4 or IPv6 address, or leave the cell empty."),
    INVALID_EMAIL(false, "Correct the email address."),
    EMAIL_REQUIRED(false, "sendViaEmail is true: add the email address, or set sendViaEmail to false."),
    FIELD_TOO_LONG(false, "Shorten the cell (identifier: 256 characters; any cell: 4 KB)."),
    INVALID_CHARACTER(false, "Remove the control, bidi or invisible character the message points at (retype the cell)."),
    MALFORMED_ROW(false, "The row does not have the header's number of cells or has a broken quote: fix it in the file."),
    DUPLICATE_ROW(false, "The same person (project, flow, identifier, type) appears earlier in the file; delete the copy."),
    ALREADY_CREATED(false, "A validation already exists for this person; nothing to do unless a second one is wanted."),
    RATE_LIMITED(true, "Verifik kept answering 429; re-drop later or lower importer.rate."),
    SERVER_ERROR(true, "Verifik kept failing with 5xx; re-drop the row later."),
    NETWORK_ERROR(true, "Verifik could not be reached; check the network/base URL, then re-drop."),
    OUTCOME_UNKNOWN(false, "The request was sent but no usable answer came back (a timeout, a dropped connection, a "
            + "crash, or a 2xx without an id): check in Verifik whether the validation exists before re-sending."),
    NOT_ATTEMPTED(true, "The run stopped (token or credits problem) before this row; fix that and re-run.");

    private final boolean retryable;
    private final String advice;

    ErrorCode(boolean retryable, String advice) {
        this.retryable = retryable;
        this.advice = advice;
    }

    public boolean retryable() {
        return retryable;
    }

    public String advice() {
        return advice;
    }
}

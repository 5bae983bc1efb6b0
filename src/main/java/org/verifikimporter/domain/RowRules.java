package org.verifikimporter.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks of DESIGN section 2, applied before any call. Every problem of a row is named in the
 * message; the first one gives the row its error code.
 */
public final class RowRules {

    public static final int MAX_IDENTIFIER_LENGTH = 256;
    private static final List<String> TYPES = List.of("validation", "login", "onboarding", "oneTimeLink");
    private static final List<String> LANGUAGES = List.of("en", "es");

    private final Clock clock;

    public RowRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param values the field values after defaults were applied; absent or blank means not given
     */
    public Result check(Map<ApiField, String> values) {
        Checker c = new Checker(values);
        c.required(ApiField.PROJECT);
        c.required(ApiField.PROJECT_FLOW);
        c.required(ApiField.IDENTIFIER);
        c.required(ApiField.TYPE);
        c.identifierLength();
        c.oneOf(ApiField.TYPE, TYPES, ErrorCode.INVALID_TYPE);
        c.expiresAt();
        c.url(ApiField.REDIRECT_URL, false);
        c.url(ApiField.WEBHOOK_URL, true);
        c.bool(ApiField.REQUIRES_2FA);
        c.ipAddress();
        c.bool(ApiField.SEND_VIA_EMAIL);
        c.email();
        c.oneOf(ApiField.LANGUAGE, LANGUAGES, ErrorCode.INVALID_LANGUAGE);
        return c.result();
    }

    /** Either the request body or the failure; never both. */
    public record Result(CreateRequest request, RowFailure failure) {
        public boolean isValid() {
            return failure == null;
        }
    }

    private final class Checker {
        private final Map<ApiField, String> values;
        private final Map<ApiField, Object> body = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private ErrorCode firstCode;

        Checker(Map<ApiField, String> values) {
            this.values = values;
        }

        private String value(ApiField field) {
            String v = values.get(field);
            return v == null || v.isBlank() ? null : v.strip();
        }

        private void problem(ErrorCode code, String message) {
            if (firstCode == null) {
                firstCode = code;
            }
            problems.add(message);
        }

        void required(ApiField field) {
            String v = value(field);
            if (v == null) {
                problem(ErrorCode.MISSING_FIELD, field.jsonName() + " is empty");
            } else {
                body.put(field, v);
            }
        }

        void identifierLength() {
            String v = value(ApiField.IDENTIFIER);
            if (v != null && v.length() > MAX_IDENTIFIER_LENGTH) {
                body.remove(ApiField.IDENTIFIER);
                problem(ErrorCode.FIELD_TOO_LONG, String.format(Locale.ROOT,
                        "identifier has %d characters, at most %d are allowed", v.length(), MAX_IDENTIFIER_LENGTH));
            }
        }

        void oneOf(ApiField field, List<String> allowed, ErrorCode code) {
            String v = value(field);
            if (v == null) {
                return;
            }
            for (String a : allowed) {
                if (a.equalsIgnoreCase(v)) {
                    body.put(field, a);
                    return;
                }
            }
            body.remove(field);
            problem(code, field.jsonName() + " " + quote(v) + " is not one of " + String.join(", ", allowed));
        }

        void bool(ApiField field) {
            String v = value(field);
            if (v == null) {
                return;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> body.put(field, Boolean.TRUE);
                case "false", "no", "0" -> body.put(field, Boolean.FALSE);
                default -> problem(ErrorCode.INVALID_BOOLEAN,
                        field.jsonName() + " " + quote(v) + " is not true/false, yes/no or 1/0");
            }
        }

        void expiresAt() {
            String v = value(ApiField.EXPIRES_AT);
            if (v == null) {
                return;
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                problem(ErrorCode.INVALID_EXPIRES_AT, "expiresAt " + quote(v)
                        + " is not an ISO-8601 date-time with a zone, like 2026-12-31T23:59:59Z");
                return;
            }
            if (!at.isAfter(clock.instant())) {
                problem(ErrorCode.EXPIRES_AT_IN_PAST, "expiresAt " + quote(v) + " is not in the future");
                return;
            }
            // One unambiguous form for the API: UTC with 'Z', as its own examples use.
            body.put(ApiField.EXPIRES_AT, at.toString());
        }

        void url(ApiField field, boolean webhook) {
            String v = value(field);
            if (v == null) {
                return;
            }
            String why = Addresses.urlProblem(v, webhook);
            if (why == null) {
                body.put(field, v);
            } else {
                problem(ErrorCode.INVALID_URL, field.jsonName() + " " + quote(v) + " " + why);
            }
        }

        void ipAddress() {
            String v = value(ApiField.IP_ADDRESS);
            if (v == null) {
                return;
            }
            if (Addresses.isIpLiteral(v)) {
                body.put(ApiField.IP_ADDRESS, v);
            } else {
                problem(ErrorCode.INVALID_IP_ADDRESS, "ipAddress " + quote(v) + " is not an IPv4 or IPv6 address");
            }
        }

        void email() {
            String v = value(ApiField.EMAIL);
            if (v != null) {
                if (Addresses.isEmail(v)) {
                    body.put(ApiField.EMAIL, v);
                } else {
                    problem(ErrorCode.INVALID_EMAIL, "email " + quote(v) + " is not a valid address");
                }
            } else if (Boolean.TRUE.equals(body.get(ApiField.SEND_VIA_EMAIL))) {
                problem(ErrorCode.EMAIL_REQUIRED, "sendViaEmail is true but email is empty");
            }
        }

        Result result() {
            if (firstCode != null) {
                return new Result(null, RowFailure.of(firstCode, String.join("; ", problems)));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            for (ApiField field : ApiField.values()) {
                Object v = body.get(field);
                if (v != null) {
                    json.put(field.jsonName(), v);
                }
            }
            return new Result(new CreateRequest(json), null);
        }
    }

    /** Cell values appear in the person's own report, shortened so one huge cell cannot flood it. */
    static String quote(String v) {
        String shown = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return "\"" + shown + "\"";
    }
}

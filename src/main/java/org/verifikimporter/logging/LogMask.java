package org.verifikimporter.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safety net every log line passes before it is written. The importer's own lines name files and
 * row numbers only; this catches what might slip in through an exception message or a library's log:
 * the API token and other registered secrets, bearer and basic credentials, email addresses and long
 * digit runs (phone numbers, national ids).
 */
public final class LogMask {

    static final String REDACTED = "[REDACTED]";
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();
    private static final Pattern AUTH = Pattern.compile("(?i)\\b(bearer|basic)(\\s+|\\s*[:=]\\s*)([A-Za-z0-9._~+/=-]{4,})");
    /** A JSON or form field named like a credential, e.g. the session "token" in Verifik's answer. */
    private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
            "(?i)(\\\\?\"(?:token|access_?token|refresh_?token|password|secret|api_?key)\\\\?\"\\s*:\\s*\\\\?\")([^\"\\\\]+)");
    /** A URL's query parameter named like a credential, e.g. the webhook URL's {@code ?secret=}. */
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile(
            "(?i)([?&](?:secret|token|access_?token|password|api_?key)=)([^&\\s\"']+)");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    /**
     * 8 or more digits standing alone: not part of a timestamp like 20261126T0120, a hash, a folder name
     * or a file name such as 12345678.csv.
     */
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<![\\w.:/-])\\+?\\d[\\d ]{6,}\\d(?!\\w|\\.\\w)");

    private LogMask() {
    }

    /** A value that must never be written, such as the token; blank or very short values are ignored. */
    public static void secret(String value) {
        if (value != null && value.strip().length() >= 6 && !SECRETS.contains(value.strip())) {
            SECRETS.add(value.strip());
        }
    }

    public static String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String s = line;
        for (String secret : SECRETS) {
            if (s.contains(secret)) {
                s = s.replace(secret, REDACTED);
            }
        }
        s = CREDENTIAL_FIELD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        s = CREDENTIAL_PARAM.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        s = AUTH.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
        if (s.indexOf('@') >= 0) {
            s = EMAIL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@***"));
        }
        s = LONG_NUMBER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(digitsMasked(m.group())));
        return s;
    }

    /** Keeps the last two digits, so two numbers in one line can still be told apart. */
    private static String digitsMasked(String number) {
        String digits = number.replace(" ", "");
        return (digits.startsWith("+") ? "+" : "") + "***" + digits.substring(digits.length() - 2);
    }
}

package org.verifikimporter.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.verifikimporter.config.Setting.MustBe;
import org.verifikimporter.config.Setting.Parser;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.ColumnNames;
import org.verifikimporter.logging.LogSetup;

/** The kinds of value settings take, each shared by every key of that kind. */
final class Parsers {

    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KB|MB|GB)?");
    private static final Pattern WINDOW = Pattern.compile("(\\d+)\\s*([smhd]?)");
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9A-Fa-f:]+");

    static final Parser<String> TEXT = raw -> raw;

    private Parsers() {
    }

    static long wholeNumber(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new MustBe("a whole number");
        }
    }

    static Parser<Long> between(long min, long max, String expected) {
        return raw -> within(wholeNumber(raw), min, max, expected);
    }

    /**
     * Like {@link #between}, but the range is checked after the number is cut to an int, as the counts always
     * were: 4294967301 passes as 5. Kept so that this rewrite changes no outcome; see ImporterSettingsValuesTest.
     */
    static Parser<Integer> count(int min, int max, String expected) {
        return raw -> (int) within((int) wholeNumber(raw), min, max, expected);
    }

    private static long within(long n, long min, long max, String expected) {
        if (n < min || n > max) {
            throw new MustBe(expected);
        }
        return n;
    }

    static final Parser<Long> ABOVE_0 = between(1, Long.MAX_VALUE, "a whole number above 0");
    static final Parser<Long> ZERO_OR_MORE = between(0, Long.MAX_VALUE, "a whole number, 0 or more");

    /** Exactly true or false: Boolean.parseBoolean would take "yes" for false without a word. */
    static final Parser<Boolean> FLAG = raw -> switch (raw) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new MustBe("true or false");
    };

    static final Parser<Path> FOLDER = raw -> {
        if (raw.isBlank()) {
            throw new MustBe("a folder path");
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new MustBe("a folder path");
        }
    };

    /** Null stands for "auto": each file's header line decides. */
    static final Parser<Character> DELIMITER = raw -> switch (raw.toLowerCase(Locale.ROOT)) {
        case "", "auto" -> null;
        case ",", "comma" -> ',';
        case ";", "semicolon" -> ';';
        case "tab", "\\t" -> '\t';
        case "|", "pipe" -> '|';
        default -> throw new MustBe("auto, or one of , ; tab |");
    };

    /** "100MB", "512KB", "1GB" or a number of bytes; a unit is 1024 of the one below. */
    static final Parser<Long> SIZE_IN_BYTES = raw -> {
        Matcher m = SIZE.matcher(raw.toUpperCase(Locale.ROOT).replace(" ", ""));
        if (!m.matches()) {
            throw new MustBe("a size like 100MB, 512KB, 1GB or a number of bytes");
        }
        long n = Long.parseLong(m.group(1));
        long bytes = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KB" -> n * 1024;
            case "MB" -> n * 1024 * 1024;
            case "GB" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
        if (bytes < 1) {
            throw new MustBe("a size above 0, e.g. 100MB, 512KB or a number of bytes");
        }
        return bytes;
    };

    /** "24h", "90m", "7d", "3600s"; a bare number is hours, and 0 turns the check off. */
    static final Parser<Duration> WINDOW_LENGTH = raw -> {
        Matcher m = WINDOW.matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new MustBe("a duration like 24h, 90m, 7d, or 0 to turn the check off");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofHours(n);
        };
    };

    /** "14d", "6h", "15m", "90s" (a bare number is hours), or 0: a period of the tracking of statuses. */
    static final Parser<Duration> PERIOD = raw -> {
        try {
            return WINDOW_LENGTH.parse(raw);
        } catch (Setting.MustBe e) {
            throw new Setting.MustBe("a duration like 14d, 6h, 15m or 90s, or 0");
        }
    };

    /**
     * Header names separated by commas, as {@code importer.columns.*} takes them; empty for none. A name that
     * is only separators, or one of the columns failed.csv adds, could never name a column of a person's file.
     */
    static final Parser<List<String>> HEADER_NAMES = raw -> {
        List<String> names = Arrays.stream(raw.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        for (String name : names) {
            String key = ColumnNames.key(name);
            if (key.isEmpty() || ColumnMapping.REPORT_COLUMNS.stream().map(ColumnNames::key).anyMatch(key::equals)) {
                throw new MustBe("header names separated by commas (not one of the columns failed.csv adds: "
                        + String.join(", ", ColumnMapping.REPORT_COLUMNS) + ")");
            }
        }
        return names;
    };

    static final Parser<LogSetup.Format> TEXT_OR_JSON = raw -> {
        try {
            return LogSetup.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new MustBe("text or json");
        }
    };

    /**
     * The URL without one trailing slash, so that paths can be appended. Its messages are its own, not the
     * usual "must be" line: they name the variable alone, which is how operators set it.
     */
    static final Parser<String> API_URL = raw -> {
        URI base = uri(raw);
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigException("VERIFIK_BASE_URL must start with https:// (got \"" + raw + "\")");
        }
        if (scheme.equals("http") && !isLoopback(base.getHost())) {
            throw new ConfigException("VERIFIK_BASE_URL uses plain http to " + base.getHost()
                    + ", which would send the token unencrypted: use https:// (http is only allowed to localhost)");
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    };

    private static URI uri(String raw) {
        try {
            URI uri = new URI(raw);
            if (uri.getHost() == null) {
                throw new URISyntaxException(raw, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("VERIFIK_BASE_URL \"" + raw + "\" is not a URL like https://api.verifik.co");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!ADDRESS.matcher(h).matches()) {
            return false; // a name: resolving it here would let DNS decide where the token goes
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

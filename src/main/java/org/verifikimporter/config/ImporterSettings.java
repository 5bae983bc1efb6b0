package org.verifikimporter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.verifikimporter.domain.ApiField;

/**
 * Every setting the importer runs with, resolved once at start-up and checked, so that a mistake is one
 * clear line before any file is touched. Sources, later ones winning: the built-in
 * {@code application.properties}, an optional file given with {@code --config}, environment variables
 * ({@code importer.max-attempts} is {@code IMPORTER_MAX_ATTEMPTS}), then {@code --set key=value}.
 */
public final class ImporterSettings {

    public static final String TOKEN_ENV = "VERIFIK_TOKEN";
    public static final String TOKEN_FILE_ENV = "VERIFIK_TOKEN_FILE";

    private final Map<String, String> values;
    private final String token;

    private ImporterSettings(Map<String, String> values, String token) {
        this.values = values;
        this.token = token;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the sources in order; {@link #build()} resolves and checks them. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Map<String, String> env = Map.of();
        private boolean tokenRequired = true;

        private Builder() {
            loadBuiltIn();
        }

        private void loadBuiltIn() {
            try (InputStream in = ImporterSettings.class.getResourceAsStream("/application.properties")) {
                if (in == null) {
                    throw new ConfigException("application.properties is missing from the jar; rebuild it");
                }
                putAll(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read the built-in application.properties: " + e.getMessage());
            }
        }

        private void putAll(InputStream in) throws IOException {
            Properties p = new Properties();
            try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String key : p.stringPropertyNames()) {
                values.put(key, p.getProperty(key).strip());
            }
        }

        /** A properties file given by the operator; its keys override the built-in ones. */
        public Builder file(Path path) {
            if (path == null) {
                return this;
            }
            if (!Files.isReadable(path)) {
                throw new ConfigException("the configuration file " + path + " does not exist or cannot be read");
            }
            try (InputStream in = Files.newInputStream(path)) {
                putAll(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read the configuration file " + path + ": " + e.getMessage());
            }
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** Wins over files and the environment, as {@code --set key=value} does on the command line. */
        public Builder override(String key, String value) {
            overrides.put(key, value == null ? "" : value.strip());
            return this;
        }

        public Builder override(Map<String, String> more) {
            more.forEach(this::override);
            return this;
        }

        /** validate and simulate-only runs make no call, so they need no token. */
        public Builder tokenRequired(boolean required) {
            this.tokenRequired = required;
            return this;
        }

        public ImporterSettings build() {
            Map<String, String> resolved = new TreeMap<>(values);
            for (ApiField f : ApiField.values()) {
                resolved.putIfAbsent("importer.defaults." + f.defaultsKey(), "");
            }
            for (String key : resolved.keySet()) {
                String fromEnv = env.get(envName(key));
                if (fromEnv != null) {
                    resolved.put(key, fromEnv.strip());
                }
            }
            resolved.putAll(overrides);
            String token = tokenRequired ? readToken(env) : optionalToken(env);
            ImporterSettings s = new ImporterSettings(Map.copyOf(resolved), token);
            s.check();
            return s;
        }
    }

    /** importer.max-attempts -> IMPORTER_MAX_ATTEMPTS */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String readToken(Map<String, String> env) {
        String token = optionalToken(env);
        if (token == null) {
            throw new ConfigException(TOKEN_ENV + " is not set: set " + TOKEN_ENV
                    + " to your Verifik API token, or " + TOKEN_FILE_ENV + " to a file that holds it");
        }
        return token;
    }

    private static String optionalToken(Map<String, String> env) {
        String direct = env.get(TOKEN_ENV);
        if (direct != null && !direct.isBlank()) {
            return direct.strip();
        }
        String file = env.get(TOKEN_FILE_ENV);
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String fromFile = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
            if (fromFile.isEmpty()) {
                throw new ConfigException(TOKEN_FILE_ENV + " names " + file.strip() + ", which is empty: put the token in it");
            }
            return fromFile;
        } catch (IOException e) {
            throw new ConfigException(TOKEN_FILE_ENV + " names " + file.strip()
                    + ", which cannot be read: check the path and its permissions");
        }
    }

    private void check() {
        URI base = baseUri();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigException("VERIFIK_BASE_URL must start with https:// (got \"" + get("verifik.base-url") + "\")");
        }
        if (scheme.equals("http") && !isLoopback(base.getHost())) {
            throw new ConfigException("VERIFIK_BASE_URL uses plain http to " + base.getHost()
                    + ", which would send the token unencrypted: use https:// (http is only allowed to localhost)");
        }
        if (rate() < 0) {
            throw bad("importer.rate", "a whole number of calls per second, 0 for no limit");
        }
        if (concurrency() < 1 || concurrency() > 256) {
            throw bad("importer.concurrency", "a whole number from 1 to 256");
        }
        if (maxAttempts() < 1 || maxAttempts() > 50) {
            throw bad("importer.max-attempts", "a whole number from 1 to 50");
        }
        positive("importer.request-timeout");
        positive("importer.connect-timeout");
        nonNegative("importer.max-retry-after");
        positive("importer.retry-initial-delay");
        positive("importer.retry-max-delay");
        nonNegative("importer.file-min-age");
        positive("importer.poll-interval");
        csvDelimiter();
        if (maxFileSize() < 1) {
            throw bad("importer.max-file-size", "a size above 0, e.g. 100MB, 512KB or a number of bytes");
        }
        if (number("importer.max-line-length") < 256 || number("importer.max-line-length") > 100_000_000) {
            throw bad("importer.max-line-length", "a whole number of characters from 256 to 100000000");
        }
        dedupeWindow();
        nonNegative("importer.reconcile-grace");
        String reconcile = get("importer.reconcile-unknown");
        if (!reconcile.equals("true") && !reconcile.equals("false")) {
            throw bad("importer.reconcile-unknown", "true or false");
        }
        String force = get("importer.force-reimport");
        if (!force.equals("true") && !force.equals("false")) {
            throw bad("importer.force-reimport", "true or false");
        }
        try {
            org.verifikimporter.logging.LogSetup.parse(get("importer.log-format"));
        } catch (IllegalArgumentException e) {
            throw bad("importer.log-format", "text or json");
        }
        positive("importer.progress-interval");
        for (String dir : new String[] {"inbox", "outbox", "archive", "rejected", "state"}) {
            if (get("importer." + dir).isBlank()) {
                throw bad("importer." + dir, "a folder path");
            }
        }
    }

    private URI baseUri() {
        String raw = get("verifik.base-url");
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
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name: resolving it here would let DNS decide where the token goes
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void positive(String key) {
        if (number(key) <= 0) {
            throw bad(key, "a whole number above 0");
        }
    }

    private void nonNegative(String key) {
        if (number(key) < 0) {
            throw bad(key, "a whole number, 0 or more");
        }
    }

    private ConfigException bad(String key, String expected) {
        return new ConfigException(key + " (" + envName(key) + ") is \"" + get(key) + "\" but must be " + expected);
    }

    private long number(String key) {
        String v = get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, "a whole number");
        }
    }

    public String get(String key) {
        String v = values.get(key);
        return v == null ? "" : v;
    }

    public String baseUrl() {
        String raw = get("verifik.base-url");
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** Null only where no token was required. Never log it. */
    public String token() {
        return token;
    }

    public Path inbox() {
        return Path.of(get("importer.inbox"));
    }

    public Path outbox() {
        return Path.of(get("importer.outbox"));
    }

    public Path archive() {
        return Path.of(get("importer.archive"));
    }

    public Path rejected() {
        return Path.of(get("importer.rejected"));
    }

    public Path state() {
        return Path.of(get("importer.state"));
    }

    public int rate() {
        return (int) number("importer.rate");
    }

    public int concurrency() {
        return (int) number("importer.concurrency");
    }

    public int maxAttempts() {
        return (int) number("importer.max-attempts");
    }

    public Duration requestTimeout() {
        return Duration.ofSeconds(number("importer.request-timeout"));
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(number("importer.connect-timeout"));
    }

    public Duration maxRetryAfter() {
        return Duration.ofSeconds(number("importer.max-retry-after"));
    }

    public Duration retryInitialDelay() {
        return Duration.ofMillis(number("importer.retry-initial-delay"));
    }

    public Duration retryMaxDelay() {
        return Duration.ofMillis(number("importer.retry-max-delay"));
    }

    public Duration fileMinAge() {
        return Duration.ofSeconds(number("importer.file-min-age"));
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(number("importer.poll-interval"));
    }

    /**
     * The CSV delimiter the operator set, or null for "auto": found from each file's header line.
     */
    public Character csvDelimiter() {
        String v = get("importer.csv.delimiter").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> null;
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "tab", "\\t" -> '\t';
            case "|", "pipe" -> '|';
            default -> throw bad("importer.csv.delimiter", "auto, or one of , ; tab |");
        };
    }

    /** "100MB", "512KB", "1GB" or a number of bytes. */
    public long maxFileSize() {
        String v = get("importer.max-file-size").toUpperCase(Locale.ROOT).replace(" ", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(B|KB|MB|GB)?").matcher(v);
        if (!m.matches()) {
            throw bad("importer.max-file-size", "a size like 100MB, 512KB, 1GB or a number of bytes");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KB" -> n * 1024;
            case "MB" -> n * 1024 * 1024;
            case "GB" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    public int maxLineLength() {
        return (int) number("importer.max-line-length");
    }

    /** "24h", "90m", "7d", "3600s" or "0". */
    public Duration dedupeWindow() {
        String v = get("importer.dedupe-window").toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smhd]?)").matcher(v);
        if (!m.matches()) {
            throw bad("importer.dedupe-window", "a duration like 24h, 90m, 7d, or 0 to turn the check off");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofHours(n);
        };
    }

    public boolean reconcileUnknown() {
        return Boolean.parseBoolean(get("importer.reconcile-unknown"));
    }

    public Duration reconcileGrace() {
        return Duration.ofSeconds(number("importer.reconcile-grace"));
    }

    public boolean forceReimport() {
        return Boolean.parseBoolean(get("importer.force-reimport"));
    }

    public String ledgerUrl() {
        return get("importer.ledger.url");
    }

    public String ledgerUser() {
        return get("importer.ledger.user");
    }

    /** Never log it. */
    public String ledgerPassword() {
        return get("importer.ledger.password");
    }

    public org.verifikimporter.logging.LogSetup.Format logFormat() {
        return org.verifikimporter.logging.LogSetup.parse(get("importer.log-format"));
    }

    /** Seconds between two progress lines in the logs (no terminal). */
    public Duration progressInterval() {
        return Duration.ofSeconds(number("importer.progress-interval"));
    }

    /** Row field defaults that are set (blank ones are left out). */
    public Map<ApiField, String> defaults() {
        Map<ApiField, String> d = new EnumMap<>(ApiField.class);
        for (ApiField f : ApiField.values()) {
            String v = get("importer.defaults." + f.defaultsKey());
            if (!v.isBlank()) {
                d.put(f, v);
            }
        }
        return d;
    }

    /** Every resolved key, for Camel's property placeholders. Holds no token and no password. */
    public Map<String, String> asMap() {
        Map<String, String> copy = new TreeMap<>(values);
        copy.remove("importer.ledger.password");
        return copy;
    }

    @Override
    public String toString() {
        return "ImporterSettings" + asMap() + " (token " + (token == null ? "absent" : "set") + ")";
    }
}

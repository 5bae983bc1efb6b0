package org.verifikimporter.config;

import static org.verifikimporter.config.SettingsCatalog.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnNames;
import org.verifikimporter.logging.LogSetup;

/**
 * Every setting the importer runs with, resolved and parsed once at start-up, so that a mistake is one clear
 * line before any file is touched. Sources, later ones winning: the built-in {@code application.properties}
 * (the defaults of the keys {@link SettingsCatalog} declares), an optional file given with {@code --config},
 * environment variables ({@code importer.max-attempts} is {@code IMPORTER_MAX_ATTEMPTS}), then
 * {@code --set key=value}. A key under {@code importer.} or {@code verifik.} (or a variable under
 * {@code IMPORTER_} or {@code VERIFIK_}) that nothing declares is refused ({@link KnownNames}).
 * Immutable; the getters hand out what was parsed.
 */
public final class ImporterSettings {

    public static final String TOKEN_ENV = Token.ENV;
    public static final String TOKEN_FILE_ENV = Token.FILE_ENV;
    /** A file holding the ledger's password, instead of {@code IMPORTER_LEDGER_PASSWORD}. */
    public static final String LEDGER_PASSWORD_FILE_ENV = LedgerPassword.FILE_ENV;
    /** A file holding the webhook receiver's secret, instead of {@code IMPORTER_WEBHOOK_SECRET}. */
    public static final String WEBHOOK_SECRET_FILE_ENV = WebhookSecret.FILE_ENV;
    /** Shorter is guessable by a caller who may try as often as he likes. */
    public static final int WEBHOOK_SECRET_MIN_LENGTH = 16;

    private final Map<String, String> values;
    private final String token;

    private final String baseUrl;
    private final Path inbox;
    private final Path outbox;
    private final Path archive;
    private final Path rejected;
    private final Path state;
    private final int rate;
    private final int rateBurst;
    private final int concurrency;
    private final int maxAttempts;
    private final int maxRateLimitedAttempts;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration maxRetryAfter;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;
    private final Duration fileMinAge;
    private final Duration pollInterval;
    private final Character csvDelimiter;
    private final long maxFileSize;
    private final int maxLineLength;
    private final Duration dedupeWindow;
    private final boolean reconcileUnknown;
    private final Duration reconcileGrace;
    private final boolean forceReimport;
    private final Duration trackWindow;
    private final Duration trackInterval;
    private final String ledgerUrl;
    private final String ledgerUser;
    private final String ledgerPassword;
    private final String webhookSecret;
    private final Duration clusterLease;
    private final String clusterInstance;
    private final LogSetup.Format logFormat;
    private final Duration progressInterval;
    private final Map<ApiField, String> defaults;
    private final ColumnNames columnNames;

    /** Parses in catalogue order, which is the order mistakes are reported in; throws at the first. */
    private ImporterSettings(Map<String, String> resolved, String token) {
        this.values = Map.copyOf(resolved);
        this.token = token;
        Map<Setting<?>, Object> parsed = new HashMap<>(); // HashMap: "auto" is a null delimiter
        for (Setting<?> s : SettingsCatalog.all()) {
            parsed.put(s, s.parse(get(s.key())));
        }
        baseUrl = value(parsed, BASE_URL);
        inbox = value(parsed, INBOX);
        outbox = value(parsed, OUTBOX);
        archive = value(parsed, ARCHIVE);
        rejected = value(parsed, REJECTED);
        state = value(parsed, STATE);
        rate = value(parsed, RATE);
        rateBurst = value(parsed, RATE_BURST);
        concurrency = value(parsed, CONCURRENCY);
        maxAttempts = value(parsed, MAX_ATTEMPTS);
        maxRateLimitedAttempts = value(parsed, MAX_RATE_LIMITED_ATTEMPTS);
        requestTimeout = value(parsed, REQUEST_TIMEOUT);
        connectTimeout = value(parsed, CONNECT_TIMEOUT);
        maxRetryAfter = value(parsed, MAX_RETRY_AFTER);
        retryInitialDelay = value(parsed, RETRY_INITIAL_DELAY);
        retryMaxDelay = value(parsed, RETRY_MAX_DELAY);
        fileMinAge = value(parsed, FILE_MIN_AGE);
        pollInterval = value(parsed, POLL_INTERVAL);
        csvDelimiter = value(parsed, CSV_DELIMITER);
        maxFileSize = value(parsed, MAX_FILE_SIZE);
        maxLineLength = value(parsed, MAX_LINE_LENGTH);
        dedupeWindow = value(parsed, DEDUPE_WINDOW);
        reconcileUnknown = value(parsed, RECONCILE_UNKNOWN);
        reconcileGrace = value(parsed, RECONCILE_GRACE);
        forceReimport = value(parsed, FORCE_REIMPORT);
        trackWindow = value(parsed, TRACK_WINDOW);
        trackInterval = value(parsed, TRACK_INTERVAL);
        ledgerUrl = value(parsed, LEDGER_URL);
        ledgerUser = value(parsed, LEDGER_USER);
        ledgerPassword = value(parsed, LEDGER_PASSWORD);
        webhookSecret = value(parsed, WEBHOOK_SECRET);
        if (!webhookSecret.isEmpty() && webhookSecret.length() < WEBHOOK_SECRET_MIN_LENGTH) {
            // the value itself stays out of the message, as any secret's
            throw new ConfigException(WEBHOOK_SECRET.key() + " (" + WEBHOOK_SECRET.envName() + ") is shorter than "
                    + WEBHOOK_SECRET_MIN_LENGTH + " characters: use a long random value, e.g. openssl rand -hex 32");
        }
        clusterLease = value(parsed, CLUSTER_LEASE);
        clusterInstance = value(parsed, CLUSTER_INSTANCE);
        logFormat = value(parsed, LOG_FORMAT);
        progressInterval = value(parsed, PROGRESS_INTERVAL);
        defaults = FieldSettings.defaults(s -> value(parsed, s));
        columnNames = FieldSettings.columnNames(s -> value(parsed, s));
    }

    @SuppressWarnings("unchecked") // each entry was put by its own Setting<T>.parse
    private static <T> T value(Map<Setting<?>, Object> parsed, Setting<T> setting) {
        return (T) parsed.get(setting);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the sources in order; {@link #build()} resolves and parses them. */
    public static final class Builder {
        private final SettingsSources sources = new SettingsSources();
        private boolean tokenRequired = true;

        private Builder() {
        }

        /** A properties file given by the operator; its keys override the built-in ones. */
        public Builder file(Path path) {
            if (path != null) {
                sources.file(path);
            }
            return this;
        }

        public Builder env(Map<String, String> env) {
            sources.env(env);
            return this;
        }

        /** Wins over files and the environment, as {@code --set key=value} does on the command line. */
        public Builder override(String key, String value) {
            sources.override(key, value);
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

        /** @throws ConfigException at the first mistake: an unknown name first (a typo may be why a value is off) */
        public ImporterSettings build() {
            KnownNames.refuseUnknown(sources);
            Map<String, String> resolved = sources.resolve();
            String token = Token.from(sources.env(), tokenRequired);
            resolved.put(LEDGER_PASSWORD.key(), LedgerPassword.from(sources.env(), resolved.get(LEDGER_PASSWORD.key())));
            resolved.put(WEBHOOK_SECRET.key(), WebhookSecret.from(sources.env(), resolved.get(WEBHOOK_SECRET.key())));
            return new ImporterSettings(resolved, token);
        }
    }

    /** importer.max-attempts -> IMPORTER_MAX_ATTEMPTS */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The resolved text of any key, declared or not ("" when absent), as Camel's placeholders see it. */
    public String get(String key) {
        String v = values.get(key);
        return v == null ? "" : v;
    }

    // One line each: they hand out what the constructor parsed, and nothing more.

    /** Without a trailing slash, so that paths can be appended. */
    public String baseUrl() { return baseUrl; }
    /** Null only where no token was required. Never log it. */
    public String token() { return token; }

    public Path inbox() { return inbox; }
    public Path outbox() { return outbox; }
    public Path archive() { return archive; }
    public Path rejected() { return rejected; }
    public Path state() { return state; }

    /** 0 for no limit. */
    public int rate() { return rate; }
    /** Calls that may start together; at most the rate. */
    public int rateBurst() { return rate > 0 ? Math.min(rateBurst, rate) : rateBurst; }
    public int concurrency() { return concurrency; }
    public int maxAttempts() { return maxAttempts; }
    public int maxRateLimitedAttempts() { return maxRateLimitedAttempts; }
    public Duration requestTimeout() { return requestTimeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration maxRetryAfter() { return maxRetryAfter; }
    public Duration retryInitialDelay() { return retryInitialDelay; }
    public Duration retryMaxDelay() { return retryMaxDelay; }

    public Duration fileMinAge() { return fileMinAge; }
    public Duration pollInterval() { return pollInterval; }
    /** The CSV delimiter the operator set, or null for "auto": found from each file's header line. */
    public Character csvDelimiter() { return csvDelimiter; }
    /** In bytes. */
    public long maxFileSize() { return maxFileSize; }
    public int maxLineLength() { return maxLineLength; }

    /** Zero when the check is off. */
    public Duration dedupeWindow() { return dedupeWindow; }
    public boolean reconcileUnknown() { return reconcileUnknown; }
    public Duration reconcileGrace() { return reconcileGrace; }
    public boolean forceReimport() { return forceReimport; }
    /** How far back {@code track} looks for created validations whose status is not final. */
    public Duration trackWindow() { return trackWindow; }
    /** Zero when {@code watch} does not track. */
    public Duration trackInterval() { return trackInterval; }
    /** Empty for the embedded database under {@link #state()}. */
    public String ledgerUrl() { return ledgerUrl; }
    public String ledgerUser() { return ledgerUser; }
    /** Never log it. */
    public String ledgerPassword() { return ledgerPassword; }
    /** Empty when the webhook receiver is off. Never log it. */
    public String webhookSecret() { return webhookSecret; }
    public boolean webhookOn() { return !webhookSecret.isEmpty(); }
    public Duration clusterLease() { return clusterLease; }
    public String clusterInstance() { return clusterInstance; }

    public LogSetup.Format logFormat() { return logFormat; }
    /** Between two progress lines in the logs (no terminal). */
    public Duration progressInterval() { return progressInterval; }
    /** Row field defaults that are set (blank ones are left out). */
    public Map<ApiField, String> defaults() { return defaults; }
    /** The header names of each field: the built-in ones and those of {@code importer.columns.*}. */
    public ColumnNames columnNames() { return columnNames; }

    /** Every resolved key, for Camel's property placeholders. Holds no token, no password and no secret. */
    public Map<String, String> asMap() {
        Map<String, String> copy = new TreeMap<>(values);
        copy.remove(LEDGER_PASSWORD.key());
        copy.remove(WEBHOOK_SECRET.key());
        return copy;
    }

    @Override
    public String toString() {
        return "ImporterSettings" + asMap() + " (token " + (token == null ? "absent" : "set") + ")";
    }
}

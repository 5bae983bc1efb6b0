package org.verifikimporter.config;

import static org.verifikimporter.config.Parsers.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.verifikimporter.config.Setting.Parser;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnNames;
import org.verifikimporter.logging.LogSetup;

/**
 * Every {@code importer.*} and {@code verifik.*} key, each declared once with its parser and its README
 * meaning. Its default is not declared here: it is the key's one line in {@code application.properties}.
 *
 * <p>The defaults live in {@code src/main/resources/application.properties}, among the comments that explain
 * them: that file is what operators read, and copy to start their own {@code --config} file; it is where
 * Camel Main applications keep their configuration; and a default written in one place only cannot drift
 * from a second copy. The tests hold the two together: every key declared here has exactly one line there,
 * every {@code importer.*} / {@code verifik.*} line there is declared here (a misspelt key fails the build),
 * and each default there passes its own parser ({@code ImporterSettingsCatalogTest}); the README's
 * configuration table shows each key's default from the file and its meaning from here ({@code ReadmeTest}).
 *
 * <p>The keys are declared in the order they are checked: when several values are wrong the operator is told
 * of the first in this order, as before this class existed (the base URL first, the folders last). The ledger's
 * connection keys and the row-field defaults are taken as given, so where they stand changes nothing; the
 * row-field column names come last.
 */
public final class SettingsCatalog {

    private static final Map<String, Setting<?>> DECLARED = new LinkedHashMap<>();
    private static final Map<ApiField, Setting<String>> FIELD_DEFAULTS = new EnumMap<>(ApiField.class);
    private static final Map<ApiField, Setting<List<String>>> FIELD_COLUMNS = new EnumMap<>(ApiField.class);

    public static final Setting<String> BASE_URL = declare("verifik.base-url", API_URL,
            "plain `http://` is refused unless it is loopback");

    // --- calls
    public static final Setting<Integer> RATE = declare("importer.rate",
            count(0, Integer.MAX_VALUE, "a whole number of calls per second, 0 for no limit"),
            "most calls started per second; `0` = no limit");
    public static final Setting<Integer> RATE_BURST = declare("importer.rate-burst",
            count(1, Integer.MAX_VALUE, "a whole number of calls, 1 or more"),
            "calls that may start together; the others start about 1/`importer.rate` s apart (at most the rate)");
    public static final Setting<Integer> CONCURRENCY = declare("importer.concurrency",
            count(1, 256, "a whole number from 1 to 256"), "most calls in flight (1-256)");
    public static final Setting<Integer> MAX_ATTEMPTS = declare("importer.max-attempts",
            count(1, 50, "a whole number from 1 to 50"), "attempts per row, the first included; answers 429 do not count");
    public static final Setting<Integer> MAX_RATE_LIMITED_ATTEMPTS = declare("importer.max-rate-limited-attempts",
            count(1, 1000, "a whole number from 1 to 1000"),
            "attempts answered 429 a row may meet before it fails `RATE_LIMITED`");
    public static final Setting<Duration> REQUEST_TIMEOUT = declare("importer.request-timeout", seconds(ABOVE_0),
            "seconds to wait for an answer once sent");
    public static final Setting<Duration> CONNECT_TIMEOUT = declare("importer.connect-timeout", seconds(ABOVE_0),
            "seconds to wait for a connection");
    public static final Setting<Duration> MAX_RETRY_AFTER = declare("importer.max-retry-after",
            seconds(ZERO_OR_MORE), "longest Retry-After honoured, seconds");
    public static final Setting<Duration> RETRY_INITIAL_DELAY = declare("importer.retry-initial-delay",
            millis(ABOVE_0), "first backoff, ms");
    public static final Setting<Duration> RETRY_MAX_DELAY = declare("importer.retry-max-delay",
            millis(ABOVE_0), "longest backoff, ms");

    // --- reading the inbox
    public static final Setting<Duration> FILE_MIN_AGE = declare("importer.file-min-age", seconds(ZERO_OR_MORE),
            "seconds a file must be unchanged before it is read");
    public static final Setting<Duration> POLL_INTERVAL = declare("importer.poll-interval", seconds(ABOVE_0),
            "`watch`: seconds between polls");
    public static final Setting<Character> CSV_DELIMITER = declare("importer.csv.delimiter", DELIMITER,
            "`auto`: found from each file's header line among `,` `;` tab `\\|`; or one of `,` `;` `tab` `\\|` for "
                    + "every file");
    public static final Setting<Long> MAX_FILE_SIZE = declare("importer.max-file-size", SIZE_IN_BYTES,
            "a larger file is rejected whole; bytes, or with `KB`, `MB`, `GB`");
    public static final Setting<Integer> MAX_LINE_LENGTH = declare("importer.max-line-length",
            between(256, 100_000_000, "a whole number of characters from 256 to 100000000").map(Long::intValue),
            "characters; a longer line rejects the file, and a quoted cell still open after this many characters is a "
                    + "broken quote (`MALFORMED_ROW`)");

    // --- never twice: the ledger
    public static final Setting<String> LEDGER_URL = declare("importer.ledger.url", TEXT,
            "empty: an embedded SQLite file under `importer.state`; or a JDBC URL such as "
                    + "`jdbc:postgresql://db:5432/importer` (an H2 file URL also works)");
    public static final Setting<String> LEDGER_USER = declare("importer.ledger.user", TEXT,
            "database user for `importer.ledger.url`");
    /**
     * Best set as IMPORTER_LEDGER_PASSWORD or IMPORTER_LEDGER_PASSWORD_FILE (LedgerPassword): a properties file
     * with it in is one more place to guard.
     */
    public static final Setting<String> LEDGER_PASSWORD = declare("importer.ledger.password", TEXT,
            "its password; never logged. Or `IMPORTER_LEDGER_PASSWORD_FILE`: a file holding it (one line end "
                    + "stripped), e.g. a mounted Secret; not both");
    /**
     * Best set as IMPORTER_WEBHOOK_SECRET or IMPORTER_WEBHOOK_SECRET_FILE (WebhookSecret), as the ledger password.
     * Empty keeps the receiver off: Verifik signs nothing, so without a secret any caller could set statuses.
     */
    public static final Setting<String> WEBHOOK_SECRET = declare("importer.webhook.secret", TEXT,
            "`watch`: set (16 characters or more) to receive Verifik's webhooks at `POST /webhooks/verifik` on the "
                    + "management server; never logged. Or `IMPORTER_WEBHOOK_SECRET_FILE`: a file holding it; not both "
                    + "(see \"Webhooks\")");
    // --- several instances on one PostgreSQL ledger
    public static final Setting<Duration> CLUSTER_LEASE = declare("importer.cluster.lease", seconds(between(5, 3600,
                    "a whole number of seconds from 5 to 3600")),
            "seconds a file's claim lasts without a heartbeat; past it another instance takes the file over");
    public static final Setting<String> CLUSTER_INSTANCE = declare("importer.cluster.instance", TEXT,
            "this instance's name in claims and `status`; empty: host name and process id");
    public static final Setting<Duration> DEDUPE_WINDOW = declare("importer.dedupe-window", WINDOW_LENGTH,
            "a person created by another import within this window is not sent again (`ALREADY_CREATED`); `90m`, "
                    + "`7d`...; `0` turns it off");
    public static final Setting<Duration> RECONCILE_GRACE = declare("importer.reconcile-grace",
            seconds(ZERO_OR_MORE), "seconds after sending before that lookup");
    public static final Setting<Boolean> RECONCILE_UNKNOWN = declare("importer.reconcile-unknown", FLAG,
            "look up rows whose outcome is unknown in Verifik (see the ledger section); never resends");
    // --- following up created validations (track)
    public static final Setting<Duration> TRACK_WINDOW = declare("importer.track-window", PERIOD,
            "`track` reads the status of validations created within this window whose status is not final; "
                    + "`14d`, `48h`...");
    public static final Setting<Duration> TRACK_INTERVAL = declare("importer.track-interval", PERIOD,
            "`watch` runs a tracking pass every this long (`6h`, `30m`...); `0`: never (only `track` does)");
    public static final Setting<Boolean> FORCE_REIMPORT = declare("importer.force-reimport", FLAG,
            "`true` (or `run --force`): import content that was already imported completely");

    // --- logs
    public static final Setting<LogSetup.Format> LOG_FORMAT = declare("importer.log-format", TEXT_OR_JSON,
            "`text` lines, or `json`: one object per line for log collectors (also `--log-format json`)");
    public static final Setting<Duration> PROGRESS_INTERVAL = declare("importer.progress-interval",
            seconds(ABOVE_0), "without a terminal: at most one progress line per file every this many seconds");

    // --- folders, created on start
    public static final Setting<Path> INBOX = declare("importer.inbox", FOLDER, "where files are dropped");
    public static final Setting<Path> OUTBOX = declare("importer.outbox", FOLDER, "report folders");
    public static final Setting<Path> ARCHIVE = declare("importer.archive", FOLDER, "imported inputs, by day");
    public static final Setting<Path> REJECTED = declare("importer.rejected", FOLDER,
            "unreadable inputs and their reasons");
    public static final Setting<Path> STATE = declare("importer.state", FOLDER,
            "the importer's own state: the ledger file (`ledger.db`, SQLite) and its lock");

    /** The meaning shared by the row-field defaults, which the README gives one row together. */
    public static final String FIELD_DEFAULT_MEANING =
            "value for a field when the row's cell is empty or the column is missing";

    /** The meaning shared by the column names of the row fields, which the README gives one row together. */
    public static final String FIELD_COLUMNS_MEANING = "header names (comma-separated) read as that field, before "
            + "its own name and the built-in aliases (see [Column names](#column-names))";

    static {
        // one per body field, so that a field added to ApiField has its keys without a change here (and the
        // tests then ask for their lines in application.properties)
        for (ApiField f : ApiField.values()) {
            FIELD_DEFAULTS.put(f, declare("importer.defaults." + f.defaultsKey(), TEXT, FIELD_DEFAULT_MEANING));
        }
        for (ApiField f : ApiField.values()) {
            FIELD_COLUMNS.put(f, declare(ColumnNames.settingKey(f), HEADER_NAMES, FIELD_COLUMNS_MEANING));
        }
    }

    private SettingsCatalog() {
    }

    private static <T> Setting<T> declare(String key, Parser<T> parser, String meaning) {
        Setting<T> s = new Setting<>(key, meaning, parser);
        if (DECLARED.putIfAbsent(key, s) != null) {
            throw new IllegalStateException(key + " is declared twice");
        }
        return s;
    }

    private static Parser<Duration> seconds(Parser<Long> count) {
        return count.map(Duration::ofSeconds);
    }

    private static Parser<Duration> millis(Parser<Long> count) {
        return count.map(Duration::ofMillis);
    }

    /** Every declared setting, in the order they are checked. */
    public static List<Setting<?>> all() {
        return List.copyOf(DECLARED.values());
    }

    /** The {@code importer.defaults.*} settings, one per body field. */
    public static Map<ApiField, Setting<String>> fieldDefaults() {
        return Collections.unmodifiableMap(FIELD_DEFAULTS);
    }

    /** The {@code importer.columns.*} settings, one per body field. */
    public static Map<ApiField, Setting<List<String>>> fieldColumns() {
        return Collections.unmodifiableMap(FIELD_COLUMNS);
    }

    public static Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(DECLARED.get(key));
    }
}

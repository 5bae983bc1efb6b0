package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator reads these lines and nothing else, and scripts may match them: each one is pinned byte for
 * byte, so that a change to how settings are read cannot reword them unnoticed.
 */
class ImporterSettingsMessagesTest {

    static final Map<String, String> TOKEN = Map.of("VERIFIK_TOKEN", "tok-123");

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("importer.rate", "fast", "a whole number"),
                bad("importer.rate", "-1", "a whole number of calls per second, 0 for no limit"),
                bad("importer.rate", "2147483648", "a whole number of calls per second, 0 for no limit"),
                bad("importer.concurrency", "0", "a whole number from 1 to 256"),
                bad("importer.concurrency", "257", "a whole number from 1 to 256"),
                bad("importer.concurrency", "4.5", "a whole number"),
                bad("importer.rate-burst", "0", "a whole number of calls, 1 or more"),
                bad("importer.rate-burst", "two", "a whole number"),
                bad("importer.max-rate-limited-attempts", "0", "a whole number from 1 to 1000"),
                bad("importer.max-rate-limited-attempts", "1001", "a whole number from 1 to 1000"),
                bad("importer.max-attempts", "0", "a whole number from 1 to 50"),
                bad("importer.max-attempts", "51", "a whole number from 1 to 50"),
                bad("importer.request-timeout", "0", "a whole number above 0"),
                bad("importer.request-timeout", "30s", "a whole number"),
                bad("importer.connect-timeout", "-5", "a whole number above 0"),
                bad("importer.max-retry-after", "-1", "a whole number, 0 or more"),
                bad("importer.retry-initial-delay", "0", "a whole number above 0"),
                bad("importer.retry-max-delay", "0", "a whole number above 0"),
                bad("importer.file-min-age", "-1", "a whole number, 0 or more"),
                bad("importer.poll-interval", "0", "a whole number above 0"),
                bad("importer.cluster.lease", "4", "a whole number of seconds from 5 to 3600"),
                bad("importer.cluster.lease", "30s", "a whole number"),
                bad("importer.csv.delimiter", "x", "auto, or one of , ; tab |"),
                bad("importer.max-file-size", "big", "a size like 100MB, 512KB, 1GB or a number of bytes"),
                bad("importer.max-file-size", "10TB", "a size like 100MB, 512KB, 1GB or a number of bytes"),
                bad("importer.max-file-size", "0MB", "a size above 0, e.g. 100MB, 512KB or a number of bytes"),
                bad("importer.max-line-length", "255", "a whole number of characters from 256 to 100000000"),
                bad("importer.max-line-length", "100000001", "a whole number of characters from 256 to 100000000"),
                bad("importer.max-line-length", "long", "a whole number"),
                bad("importer.dedupe-window", "soon", "a duration like 24h, 90m, 7d, or 0 to turn the check off"),
                bad("importer.dedupe-window", "1w", "a duration like 24h, 90m, 7d, or 0 to turn the check off"),
                bad("importer.track-window", "two weeks", "a duration like 14d, 6h, 15m or 90s, or 0"),
                bad("importer.track-interval", "-5m", "a duration like 14d, 6h, 15m or 90s, or 0"),
                bad("importer.reconcile-grace", "-1", "a whole number, 0 or more"),
                bad("importer.reconcile-unknown", "yes", "true or false"),
                bad("importer.reconcile-unknown", "TRUE", "true or false"),
                bad("importer.force-reimport", "1", "true or false"),
                bad("importer.log-format", "xml", "text or json"),
                bad("importer.progress-interval", "0", "a whole number above 0"),
                bad("importer.inbox", "", "a folder path"),
                bad("importer.outbox", "  ", "a folder path"),
                bad("importer.archive", "", "a folder path"),
                bad("importer.rejected", "", "a folder path"),
                bad("importer.state", "", "a folder path"),
                Arguments.of("verifik.base-url", "ftp://x", "VERIFIK_BASE_URL must start with https:// (got \"ftp://x\")"),
                Arguments.of("verifik.base-url", "api.verifik.co", "VERIFIK_BASE_URL \"api.verifik.co\" is not a URL like https://api.verifik.co"),
                Arguments.of("verifik.base-url", "https://", "VERIFIK_BASE_URL \"https://\" is not a URL like https://api.verifik.co"),
                Arguments.of("verifik.base-url", "http://api.verifik.co", "VERIFIK_BASE_URL uses plain http to api.verifik.co, "
                        + "which would send the token unencrypted: use https:// (http is only allowed to localhost)"),
                Arguments.of("verifik.base-url", "http://localhost.example.com", "VERIFIK_BASE_URL uses plain http to "
                        + "localhost.example.com, which would send the token unencrypted: use https:// (http is only allowed to localhost)"));
    }

    static Arguments bad(String key, String value, String mustBe) {
        String env = key.toUpperCase().replace('.', '_').replace('-', '_');
        return Arguments.of(key, value, key + " (" + env + ") is \"" + value.strip() + "\" but must be " + mustBe);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsOneLineSayingWhatItMustBe(String key, String value, String message) {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override(key, value).build())
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void theEnvironmentGetsTheSameLine(String key, String value, String message) {
        assertThatThrownBy(() -> ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", ImporterSettings.envName(key), value)).build())
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }

    /** A new setting that can refuse a value gets its message pinned here too. */
    @Test
    void everySettingThatRefusesSomethingHasItsMessagePinned() {
        Set<String> pinned = badValues().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        for (Setting<?> s : SettingsCatalog.all()) {
            boolean refuses = Stream.of("", "?").anyMatch(v -> {
                try {
                    s.parse(v);
                    return false;
                } catch (ConfigException e) {
                    return true;
                }
            });
            if (refuses) {
                assertThat(pinned).as(s.key()).contains(s.key());
            }
        }
    }

    @Test
    void withSeveralMistakesTheTokenComesFirstThenTheBaseUrlAndTheFoldersLast() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of()).override("importer.rate", "x").build())
                .hasMessage("VERIFIK_TOKEN is not set: set VERIFIK_TOKEN to your Verifik API token, "
                        + "or VERIFIK_TOKEN_FILE to a file that holds it");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN)
                .override(Map.of("importer.inbox", "", "importer.rate", "x", "verifik.base-url", "ftp://x")).build())
                .hasMessageStartingWith("VERIFIK_BASE_URL");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN)
                .override(Map.of("importer.inbox", "", "importer.progress-interval", "0")).build())
                .hasMessageStartingWith("importer.progress-interval ");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN)
                .override(Map.of("importer.reconcile-unknown", "x", "importer.reconcile-grace", "x")).build())
                .hasMessageStartingWith("importer.reconcile-grace ");
    }

    /**
     * The one message that is new: before the settings were parsed at start, such a path was an
     * InvalidPathException once the engine asked for the folder ("startup failed: ...", exit 1 as well).
     */
    @Test
    void aPathTheFileSystemCannotNameIsRefusedLikeABlankOne() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.state", "st\0ate").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("importer.state (IMPORTER_STATE) is \"st\0ate\" but must be a folder path");
    }

    @Test
    void tokenAndFileProblemsSayWhatToFix(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("token"), " \n");
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN_FILE", empty.toString())).build())
                .hasMessage("VERIFIK_TOKEN_FILE names " + empty + ", which is empty: put the token in it");
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN_FILE", missing.toString())).build())
                .hasMessage("VERIFIK_TOKEN_FILE names " + missing + ", which cannot be read: check the path and its permissions");
        assertThatThrownBy(() -> ImporterSettings.builder().file(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the configuration file " + missing + " does not exist or cannot be read");
    }

    @Test
    void ledgerPasswordFileProblemsSayWhatToFixAndNeverShowThePassword(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_LEDGER_PASSWORD_FILE", missing.toString())).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("IMPORTER_LEDGER_PASSWORD_FILE names " + missing
                        + ", which cannot be read: check the path and its permissions");
        assertThatThrownBy(() -> ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_LEDGER_PASSWORD_FILE", dir.toString())).build())
                .as("a folder").isInstanceOf(ConfigException.class)
                .hasMessage("IMPORTER_LEDGER_PASSWORD_FILE names " + dir
                        + ", which cannot be read: check the path and its permissions");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_LEDGER_PASSWORD_FILE", empty.toString())).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("IMPORTER_LEDGER_PASSWORD_FILE names " + empty + ", which is empty: put the password in it");

        Path file = Files.writeString(dir.resolve("ledger-password"), "pw-in-file\n");
        String both = "IMPORTER_LEDGER_PASSWORD_FILE and importer.ledger.password (IMPORTER_LEDGER_PASSWORD) are both "
                + "set: keep only one";
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t",
                "IMPORTER_LEDGER_PASSWORD", "pw-in-env", "IMPORTER_LEDGER_PASSWORD_FILE", file.toString())).build())
                .isInstanceOf(ConfigException.class).hasMessage(both);
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t",
                "IMPORTER_LEDGER_PASSWORD_FILE", file.toString())).override("importer.ledger.password", "pw-set").build())
                .as("--set or a --config file is a second source too")
                .isInstanceOf(ConfigException.class).hasMessage(both);
    }

    @Test
    void aMissingTokenIsToldBeforeALedgerPasswordFileProblem(@TempDir Path dir) {
        assertThatThrownBy(() -> ImporterSettings.builder()
                .env(Map.of("IMPORTER_LEDGER_PASSWORD_FILE", dir.resolve("nope").toString())).build())
                .hasMessageStartingWith("VERIFIK_TOKEN is not set");
    }
}

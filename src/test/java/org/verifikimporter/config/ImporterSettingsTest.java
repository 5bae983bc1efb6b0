package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ApiField;

class ImporterSettingsTest {

    static final Map<String, String> TOKEN = Map.of("VERIFIK_TOKEN", "tok-123");

    @Test
    void defaultsComeFromApplicationProperties() {
        ImporterSettings s = ImporterSettings.builder().env(TOKEN).build();
        assertThat(s.rate()).isEqualTo(5);
        assertThat(s.concurrency()).isEqualTo(4);
        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(s.requestTimeout().toSeconds()).isEqualTo(30);
        assertThat(s.maxRetryAfter().toSeconds()).isEqualTo(120);
        assertThat(s.baseUrl()).isEqualTo("https://api.verifik.co");
        assertThat(s.inbox()).isEqualTo(Path.of("data/inbox"));
        assertThat(s.defaults()).isEmpty();
    }

    @Test
    void inputLimitsAndDelimiterHaveDefaultsAndEnvironmentOverrides() {
        ImporterSettings s = ImporterSettings.builder().env(TOKEN).build();
        assertThat(s.csvDelimiter()).isNull();
        assertThat(s.maxFileSize()).isEqualTo(100L * 1024 * 1024);
        assertThat(s.maxLineLength()).isEqualTo(65536);
        s = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_CSV_DELIMITER", "tab",
                "IMPORTER_MAX_FILE_SIZE", "512KB", "IMPORTER_MAX_LINE_LENGTH", "10000")).build();
        assertThat(s.csvDelimiter()).isEqualTo('\t');
        assertThat(s.maxFileSize()).isEqualTo(512L * 1024);
        assertThat(s.maxLineLength()).isEqualTo(10000);
        assertThat(ImporterSettings.builder().env(TOKEN).override("importer.csv.delimiter", ";").build().csvDelimiter())
                .isEqualTo(';');
        assertThat(ImporterSettings.builder().env(TOKEN).override("importer.max-file-size", "2GB").build().maxFileSize())
                .isEqualTo(2L * 1024 * 1024 * 1024);
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.csv.delimiter", "x").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("IMPORTER_CSV_DELIMITER");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.max-file-size", "big").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("IMPORTER_MAX_FILE_SIZE");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.max-line-length", "10").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("IMPORTER_MAX_LINE_LENGTH");
    }

    @Test
    void environmentVariablesOverrideKeysByTheDocumentedNaming() {
        ImporterSettings s = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_MAX_ATTEMPTS", "2",
                "IMPORTER_DEFAULTS_PROJECT_FLOW", "flow-9", "IMPORTER_INBOX", "/tmp/in", "VERIFIK_BASE_URL", "http://127.0.0.1:9")).build();
        assertThat(s.maxAttempts()).isEqualTo(2);
        assertThat(s.defaults()).containsEntry(ApiField.PROJECT_FLOW, "flow-9");
        assertThat(s.inbox()).isEqualTo(Path.of("/tmp/in"));
        assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void setWinsOverEnvironmentWhichWinsOverAConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.properties");
        Files.writeString(file, "importer.rate=7\nimporter.concurrency=3\nimporter.max-attempts=9\n");
        ImporterSettings s = ImporterSettings.builder().file(file)
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_CONCURRENCY", "6", "IMPORTER_MAX_ATTEMPTS", "8"))
                .override(Map.of("importer.max-attempts", "1")).build();
        assertThat(s.rate()).isEqualTo(7);
        assertThat(s.concurrency()).isEqualTo(6);
        assertThat(s.maxAttempts()).isEqualTo(1);
    }

    @Test
    void aMissingTokenSaysWhatToSet() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("VERIFIK_TOKEN").hasMessageContaining("VERIFIK_TOKEN_FILE");
        assertThat(ImporterSettings.builder().env(Map.of()).tokenRequired(false).build().token()).isNull();
    }

    @Test
    void theTokenCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, "  from-file-token\n");
        assertThat(ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN_FILE", f.toString())).build().token())
                .isEqualTo("from-file-token");
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN_FILE", dir.resolve("nope").toString())).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void theLedgerPasswordCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("ledger-password"), " pw with spaces \n");
        ImporterSettings s = ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_LEDGER_PASSWORD_FILE", " " + f + " ")).build();
        // one line end goes, the spaces are the password's
        assertThat(s.ledgerPassword()).isEqualTo(" pw with spaces ");
        assertThat(s.asMap()).doesNotContainKey("importer.ledger.password");
        assertThat(s.toString()).doesNotContain("pw with spaces");

        Map<String, String> env = Map.of("VERIFIK_TOKEN", "t", "IMPORTER_LEDGER_PASSWORD_FILE", f.toString());
        Files.writeString(f, "crlf\r\n");
        assertThat(ImporterSettings.builder().env(env).build().ledgerPassword()).isEqualTo("crlf");
        Files.writeString(f, "two\n\n");
        assertThat(ImporterSettings.builder().env(env).build().ledgerPassword()).as("only one line end").isEqualTo("two\n");
        Files.writeString(f, "no-line-end");
        assertThat(ImporterSettings.builder().env(env).build().ledgerPassword()).isEqualTo("no-line-end");
    }

    @Test
    void theWebhookSecretIsOffByDefaultComesFromAFileAndIsNeverShown(@TempDir Path dir) throws Exception {
        assertThat(ImporterSettings.builder().env(TOKEN).build().webhookOn()).isFalse();
        Path f = Files.writeString(dir.resolve("webhook-secret"), "whsec-from-a-file-0001\n");
        ImporterSettings s = ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_WEBHOOK_SECRET_FILE", f.toString())).build();
        assertThat(s.webhookOn()).isTrue();
        assertThat(s.webhookSecret()).isEqualTo("whsec-from-a-file-0001");
        assertThat(s.asMap()).doesNotContainKey("importer.webhook.secret");
        assertThat(s.toString()).doesNotContain("whsec-from-a-file");
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t",
                "IMPORTER_WEBHOOK_SECRET_FILE", f.toString(), "IMPORTER_WEBHOOK_SECRET", "another-secret-0002")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("both set")
                .hasMessageNotContaining("another-secret");
        // short enough to guess: refused, without the value in the message
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.webhook.secret", "short-1")
                .build()).isInstanceOf(ConfigException.class).hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("short-1");
    }

    @Test
    void withoutTheFileThePasswordComesFromTheOtherSourcesAsBefore() {
        assertThat(ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_LEDGER_PASSWORD", "pw-1",
                "IMPORTER_LEDGER_PASSWORD_FILE", " ")).build().ledgerPassword()).isEqualTo("pw-1");
        assertThat(ImporterSettings.builder().env(TOKEN).override("importer.ledger.password", "pw-2").build()
                .ledgerPassword()).isEqualTo("pw-2");
        assertThat(ImporterSettings.builder().env(TOKEN).build().ledgerPassword()).isEmpty();
    }

    @Test
    void plainHttpIsOnlyAllowedToLoopback() {
        for (String ok : new String[] {"http://localhost:8089", "http://127.0.0.1:1", "http://[::1]:80", "https://api.verifik.co"}) {
            assertThat(ImporterSettings.builder().env(TOKEN).override("verifik.base-url", ok).build().baseUrl()).isEqualTo(ok);
        }
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("verifik.base-url", "http://api.verifik.co").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("verifik.base-url", "ftp://x").build())
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void badNumbersNameTheKeyAndItsVariable() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.rate", "fast").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("importer.rate").hasMessageContaining("IMPORTER_RATE");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.concurrency", "0").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("IMPORTER_CONCURRENCY");
    }

    @Test
    void theTokenIsNeverInToStringOrTheMap() {
        ImporterSettings s = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "s3cr3t-token")).build();
        assertThat(s.toString()).doesNotContain("s3cr3t-token");
        assertThat(s.asMap().values()).doesNotContain("s3cr3t-token");
    }
}

package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.verifikimporter.domain.ApiField;

class ImporterSettingsCatalogTest {

    @Test
    void keysAreKebabCaseUnderImporterOrVerifik() {
        for (Setting<?> s : SettingsCatalog.all()) {
            assertThat(s.key()).matches("(importer|verifik)(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
        }
    }

    /** IMPORTER_CSV_DELIMITER could not say which of importer.csv.delimiter and importer.csv-delimiter it sets. */
    @Test
    void noTwoKeysShareAnEnvironmentVariable() {
        List<String> variables = SettingsCatalog.all().stream().map(Setting::envName).toList();
        assertThat(variables).doesNotHaveDuplicates();
    }

    @Test
    void everyDefaultPassesItsOwnParser() {
        for (Setting<?> s : SettingsCatalog.all()) {
            assertThatCode(() -> s.parse(s.defaultValue())).as(s.key()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyBodyFieldHasItsDefaultSetting() {
        assertThat(SettingsCatalog.fieldDefaults()).hasSize(ApiField.values().length);
        SettingsCatalog.fieldDefaults().forEach((field, s) -> {
            assertThat(s.key()).isEqualTo("importer.defaults." + field.defaultsKey());
            assertThat(SettingsCatalog.find(s.key())).containsSame(s);
        });
    }

    /** A default written there too would win over the declared one and the two would drift apart. */
    @Test
    void applicationPropertiesHoldsOnlyCamelsOwnKeys() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        assertThat(p.stringPropertyNames()).isNotEmpty().allMatch(k -> k.startsWith("camel."));
    }

    @Test
    void aParsedValueIsTheTypedOneAndARefusalNamesTheKey() {
        assertThat(SettingsCatalog.MAX_FILE_SIZE.parse("2KB")).isEqualTo(2048L);
        assertThat(SettingsCatalog.REQUEST_TIMEOUT.parse("7")).hasSeconds(7);
        assertThat(SettingsCatalog.MAX_LINE_LENGTH.parse("256")).isEqualTo(256);
        assertThatThrownBy(() -> SettingsCatalog.MAX_ATTEMPTS.parse("x"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("importer.max-attempts (IMPORTER_MAX_ATTEMPTS) is \"x\" but must be a whole number");
    }
}

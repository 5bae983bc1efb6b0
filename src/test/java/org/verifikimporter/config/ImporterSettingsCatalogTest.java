package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
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

    /** As the importer loads them: the built-in file from the class path. */
    @Test
    void everyDefaultInApplicationPropertiesPassesItsOwnParser() {
        Map<String, String> builtIn = SettingsSources.builtIn();
        for (Setting<?> s : SettingsCatalog.all()) {
            assertThat(builtIn).as("the built-in application.properties").containsKey(s.key());
            assertThatCode(() -> s.parse(builtIn.get(s.key()))).as(s.key()).doesNotThrowAnyException();
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

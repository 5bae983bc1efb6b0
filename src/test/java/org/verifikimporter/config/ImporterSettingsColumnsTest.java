package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnNames;

/** importer.columns.<field>: the header names of a field, from any source, kebab-case like importer.defaults.*. */
class ImporterSettingsColumnsTest {

    static final Map<String, String> TOKEN = Map.of("VERIFIK_TOKEN", "t");

    @Test
    void noneIsConfiguredByDefault() {
        ColumnNames names = ImporterSettings.builder().env(TOKEN).build().columnNames();
        for (ApiField f : ApiField.values()) {
            assertThat(names.configuredFor(f)).as(f.jsonName()).isEmpty();
        }
    }

    @Test
    void aSetKeyGivesOneOrMoreNamesSeparatedByCommas() {
        ColumnNames names = ImporterSettings.builder().env(TOKEN)
                .override("importer.columns.identifier", " mail , e-mail de contacto,, ")
                .override("importer.columns.project-flow", "flujo_id").build().columnNames();
        assertThat(names.configuredFor(ApiField.IDENTIFIER)).containsExactly("mail", "e-mail de contacto");
        assertThat(names.configuredFor(ApiField.PROJECT_FLOW)).containsExactly("flujo_id");
        assertThat(names.configuredFor(ApiField.EMAIL)).isEmpty();
    }

    @Test
    void theEnvironmentAndAConfigFileNameColumnsToo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.properties"), "importer.columns.requires-2fa=doble_factor\n");
        ColumnNames names = ImporterSettings.builder().file(file)
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_COLUMNS_PROJECT_FLOW", "id del flujo")).build().columnNames();
        assertThat(names.configuredFor(ApiField.PROJECT_FLOW)).containsExactly("id del flujo");
        assertThat(names.configuredFor(ApiField.REQUIRES_2FA)).containsExactly("doble_factor");
    }

    @Test
    void aNameThatCouldNeverBeAColumnIsRefused() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.columns.type", "errorCode")
                .build()).isInstanceOf(ConfigException.class)
                .hasMessage("importer.columns.type (IMPORTER_COLUMNS_TYPE) is \"errorCode\" but must be header names "
                        + "separated by commas (not one of the columns failed.csv adds: errorCode, errorMessage, "
                        + "httpStatus, attempts, row, retryable)");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.columns.type", "tipo, _ ")
                .build()).hasMessageStartingWith("importer.columns.type (IMPORTER_COLUMNS_TYPE) is \"tipo, _\" but");
    }

    @Test
    void everyBodyFieldHasItsColumnsSetting() {
        assertThat(SettingsCatalog.fieldColumns()).hasSize(ApiField.values().length);
        SettingsCatalog.fieldColumns().forEach((field, s) -> {
            assertThat(s.key()).isEqualTo("importer.columns." + field.defaultsKey());
            assertThat(SettingsCatalog.find(s.key())).containsSame(s);
        });
        assertThat(SettingsCatalog.fieldColumns().get(ApiField.PROJECT_FLOW).envName())
                .isEqualTo("IMPORTER_COLUMNS_PROJECT_FLOW");
    }
}

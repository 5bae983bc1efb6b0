package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /**
     * The key of each logical line of the file, in the file's order and with repeats, which {@link Properties}
     * would fold into the last one. A line continued with {@code \} counts once; keys here have no escapes.
     */
    static List<String> keysByLine(Path file) throws Exception {
        List<String> keys = new ArrayList<>();
        boolean continued = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.stripLeading();
            boolean continuation = continued;
            continued = endsWithAnOddRunOfBackslashes(l);
            if (continuation) {
                continue;
            }
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) {
                continued = false; // a comment is never continued
                continue;
            }
            int end = 0;
            while (end < l.length() && "=: \t\f".indexOf(l.charAt(end)) < 0) {
                end++;
            }
            keys.add(l.substring(0, end));
        }
        return keys;
    }

    private static boolean endsWithAnOddRunOfBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Two lines for one key: the second wins without a word, and the one an operator reads may be the first. */
    @Test
    void everyDeclaredKeyHasExactlyOneLineInApplicationProperties() throws Exception {
        List<String> keys = keysByLine(APPLICATION_PROPERTIES);
        for (Setting<?> s : SettingsCatalog.all()) {
            assertThat(Collections.frequency(keys, s.key()))
                    .as("lines for " + s.key() + " in " + APPLICATION_PROPERTIES).isEqualTo(1);
        }
    }

    /** Nothing reads a key there that nothing declares: a misspelt one would look like a default and do nothing. */
    @Test
    void everyImporterOrVerifikKeyInApplicationPropertiesIsDeclared() throws Exception {
        List<String> keys = keysByLine(APPLICATION_PROPERTIES);
        assertThat(keys).as("the keys of " + APPLICATION_PROPERTIES).isNotEmpty();
        for (String key : keys) {
            if (key.startsWith("importer.") || key.startsWith("verifik.")) {
                assertThat(SettingsCatalog.find(key)).as(key + " in " + APPLICATION_PROPERTIES + " is declared")
                        .isPresent();
            }
        }
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

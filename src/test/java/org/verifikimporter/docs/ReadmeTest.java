package org.verifikimporter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.verifikimporter.config.KnownNames;
import org.verifikimporter.config.Setting;
import org.verifikimporter.config.SettingsCatalog;
import org.verifikimporter.domain.ColumnNames;
import org.verifikimporter.domain.ErrorCode;

/** The README is the operator's manual: every error code and every setting must be in it. */
class ReadmeTest {

    static String readme() throws Exception {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyErrorCodeHasARowWithItsRetryability() throws Exception {
        String readme = readme();
        for (ErrorCode code : ErrorCode.values()) {
            String row = readme.lines().filter(l -> l.startsWith("| `" + code.name() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("README has no row for " + code));
            assertThat(row).as(code.name()).contains(code.retryable() ? "| yes |" : "| no |");
        }
    }

    /** The rows of the table in "## Configuration". */
    static List<String> configurationRows() throws Exception {
        String readme = readme();
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("a Configuration section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end).lines()
                .filter(l -> l.startsWith("| `")).toList();
    }

    /** The built-in application.properties, where the defaults are written. */
    static Properties builtInFile() throws Exception {
        Properties p = new Properties();
        try (InputStream in = ReadmeTest.class.getResourceAsStream("/application.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** A key's default as the README shows it. */
    static String shown(Properties builtIn, Setting<?> s) {
        String defaultValue = builtIn.getProperty(s.key());
        assertThat(defaultValue).as(s.key() + " in application.properties").isNotNull();
        return defaultValue.isBlank() ? "empty" : "`" + defaultValue.strip() + "`";
    }

    /** The default from application.properties, the variable and the meaning from the declaration. */
    @Test
    void everyDeclaredSettingHasItsRowWithVariableDefaultAndMeaning() throws Exception {
        List<String> rows = configurationRows();
        Properties builtIn = builtInFile();
        for (Setting<?> s : SettingsCatalog.all()) {
            if (SettingsCatalog.fieldDefaults().containsValue(s) || SettingsCatalog.fieldColumns().containsValue(s)) {
                continue; // one row for each kind, below
            }
            assertThat(rows).as(s.key()).contains("| `" + s.key() + "` (`" + s.envName() + "`) | "
                    + shown(builtIn, s) + " | " + s.meaning() + " |");
        }
    }

    @Test
    void theRowFieldDefaultsShareOneRowNamingEachVariable() throws Exception {
        List<String> rows = configurationRows().stream().filter(r -> r.startsWith("| `importer.defaults.")).toList();
        assertThat(rows).hasSize(1);
        Properties builtIn = builtInFile();
        for (Setting<String> s : SettingsCatalog.fieldDefaults().values()) {
            assertThat(rows.get(0)).as(s.key()).contains("`" + s.envName() + "`")
                    .endsWith(" | " + shown(builtIn, s) + " | " + s.meaning() + " |");
        }
    }

    @Test
    void theRowFieldColumnNamesShareOneRowNamingEachVariable() throws Exception {
        List<String> rows = configurationRows().stream().filter(r -> r.startsWith("| `importer.columns.")).toList();
        assertThat(rows).hasSize(1);
        Properties builtIn = builtInFile();
        for (Setting<List<String>> s : SettingsCatalog.fieldColumns().values()) {
            assertThat(rows.get(0)).as(s.key()).contains("`" + s.envName() + "`")
                    .endsWith(" | " + shown(builtIn, s) + " | " + s.meaning() + " |");
        }
    }

    /** A row left behind by a renamed or removed setting would send operators to a key that does nothing. */
    @Test
    void theTableNamesOnlyDeclaredKeys() throws Exception {
        Pattern key = Pattern.compile("`((?:importer|verifik)\\.[a-z0-9.-]+)`");
        Pattern variable = Pattern.compile("`((?:IMPORTER|VERIFIK)_[A-Z0-9_]+)`");
        Set<String> notSettings = KnownNames.OTHER_VARIABLES;
        Set<String> declaredVariables = SettingsCatalog.all().stream().map(Setting::envName).collect(Collectors.toSet());
        for (String row : configurationRows()) {
            String firstCell = row.substring(2, row.indexOf(" | ", 2));
            key.matcher(firstCell).results().map(m -> m.group(1))
                    .forEach(k -> assertThat(SettingsCatalog.find(k)).as(row).isPresent());
            variable.matcher(firstCell).results().map(m -> m.group(1)).filter(v -> !notSettings.contains(v))
                    .forEach(v -> assertThat(declaredVariables).as(row).contains(v));
        }
    }

    /** The variables the importer accepts though no key declares them are the ones the README lists. */
    @Test
    void theStrictKeysParagraphNamesEveryVariableReadElsewhere() throws Exception {
        String readme = readme();
        int start = readme.indexOf("**Unknown keys are errors.**");
        assertThat(start).as("the paragraph on unknown keys").isNotNegative();
        String paragraph = readme.substring(start, readme.indexOf("```", start));
        for (String v : KnownNames.OTHER_VARIABLES) {
            assertThat(paragraph).contains("`" + v + "`");
        }
    }

    /** The alias table of "### Column names" is the built-in set, field by field, in the same order. */
    @Test
    void theAliasTableListsEveryBuiltInAlias() throws Exception {
        List<String> rows = readme().lines().dropWhile(l -> !l.equals("### Column names"))
                .dropWhile(l -> !l.startsWith("| field |")).skip(2).takeWhile(l -> l.startsWith("| ")).toList();
        List<String> expected = ColumnNames.aliasTable().entrySet().stream()
                .map(e -> "| " + e.getKey().jsonName() + " | " + e.getValue().stream().map(a -> "`" + a + "`")
                        .collect(Collectors.joining(", ")) + " |").toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void theTwoQuickStartCommandsAreThere() throws Exception {
        assertThat(readme()).contains("mvn -B package -DskipTests && java -jar target/verifik-importer.jar demo")
                .contains("mvn -B verify");
    }
}

package org.verifikimporter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.verifikimporter.config.ImporterSettings;
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

    @Test
    void everyImporterSettingAndItsVariableIsDocumented() throws Exception {
        String readme = readme();
        Properties p = new Properties();
        try (InputStream in = ReadmeTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("camel.")) {
                continue;
            }
            String shown = key.startsWith("importer.defaults.") ? "importer.defaults." : key;
            assertThat(readme).as(key).contains(shown).contains(ImporterSettings.envName(key));
        }
    }

    @Test
    void theTwoQuickStartCommandsAreThere() throws Exception {
        assertThat(readme()).contains("mvn -B package -DskipTests && java -jar target/verifik-importer.jar demo")
                .contains("mvn -B verify");
    }
}

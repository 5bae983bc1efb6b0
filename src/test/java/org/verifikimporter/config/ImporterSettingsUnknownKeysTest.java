package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.EditDistance;

/** A key or a variable nothing declares stops the importer with one line naming the closest known one. */
class ImporterSettingsUnknownKeysTest {

    static final Map<String, String> TOKEN = Map.of("VERIFIK_TOKEN", "t");

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(TOKEN);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aMistypedSetIsRefusedWithTheKeyItMeant() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.rat", "9").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key importer.rat; did you mean importer.rate?");
    }

    @Test
    void aConfigFileKeyIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.properties"), "importer.rate=7\nimporter.max-attempt=3\n");
        assertThatThrownBy(() -> ImporterSettings.builder().file(file).env(TOKEN).build())
                .hasMessage("unknown key importer.max-attempt in " + file + "; did you mean importer.max-attempts?");
    }

    @Test
    void anEnvironmentVariableIsRefusedWithTheVariableItMeant() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(env("IMPORTER_RAT", "10")).build())
                .hasMessage("unknown environment variable IMPORTER_RAT; did you mean IMPORTER_RATE?");
        assertThatThrownBy(() -> ImporterSettings.builder().env(env("VERIFIK_TOKN", "x")).build())
                .hasMessage("unknown environment variable VERIFIK_TOKN; did you mean VERIFIK_TOKEN?");
    }

    /** Checked before the token: the typo may be why the token looks missing. */
    @Test
    void theUnknownKeyComesBeforeAMissingToken() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(Map.of("VERIFIK_TOKN", "x")).build())
                .hasMessageStartingWith("unknown environment variable VERIFIK_TOKN");
    }

    @Test
    void severalAreNamedOnOneLineTheFirstWithItsSuggestion(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.properties"), "verifik.baseurl=https://x.example\n");
        assertThatThrownBy(() -> ImporterSettings.builder().file(file).env(env("IMPORTER_ZZZ", "1"))
                .override("importer.delimiter", ";").build())
                .hasMessage("unknown key verifik.baseurl in " + file + "; did you mean verifik.base-url?; "
                        + "also unknown: importer.delimiter, IMPORTER_ZZZ");
    }

    @Test
    void aKeyFarFromEveryKnownOneSaysWhereTheyAreListed() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.zzz", "1").build())
                .hasMessage("unknown key importer.zzz; no known key is close (the README's Configuration table "
                        + "lists them all)");
        assertThatThrownBy(() -> ImporterSettings.builder().env(env("VERIFIK_SOMETHING_ELSE", "1")).build())
                .hasMessage("unknown environment variable VERIFIK_SOMETHING_ELSE; no known variable is close (the "
                        + "README's Configuration table lists them all); unset it");
    }

    /** Keys set internally for Camel are not the operator's to set. */
    @Test
    void internalKeysAreNotOperatorKeys() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("importer.internal.poll-delay-ms", "5")
                .build()).hasMessageStartingWith("unknown key importer.internal.poll-delay-ms;");
    }

    @Test
    void theCaseOrAVariableSpellingOfAKeyIsRefusedWithTheKeyItself() {
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("Importer.Rate", "9").build())
                .hasMessage("unknown key Importer.Rate; did you mean importer.rate?");
        assertThatThrownBy(() -> ImporterSettings.builder().env(TOKEN).override("IMPORTER_CSV_DELIMITER", ";").build())
                .hasMessage("unknown key IMPORTER_CSV_DELIMITER; did you mean importer.csv.delimiter?");
    }

    @Test
    void declaredKeysTheirVariablesAndTheVariablesReadElsewhereAreAccepted(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "from-file");
        Path password = Files.writeString(dir.resolve("password"), "pw");
        Map<String, String> env = new HashMap<>();
        SettingsCatalog.all().forEach(s -> env.put(s.envName(), ImporterSettings.builder().env(TOKEN).build()
                .get(s.key())));
        env.put("VERIFIK_TOKEN_FILE", secret.toString());
        env.put("IMPORTER_LOG_LEVEL", "DEBUG");
        env.put("IMPORTER_LEDGER_PASSWORD_FILE", password.toString());
        env.put("CAMEL_MAIN_SHUTDOWN_TIMEOUT", "5");
        env.put("PATH", "/usr/bin");
        Path file = Files.writeString(dir.resolve("site.properties"),
                "importer.columns.project-flow=flujo\ncamel.main.no-such-option=1\nelsewhere.key=x\n");
        assertThatCode(() -> ImporterSettings.builder().file(file).env(env).override("importer.rate", "2")
                .override("importer.defaults.project-flow", "f").build()).doesNotThrowAnyException();
        assertThat(KnownNames.OTHER_VARIABLES).containsExactlyInAnyOrder("VERIFIK_TOKEN", "VERIFIK_TOKEN_FILE",
                "IMPORTER_LOG_LEVEL", "IMPORTER_LEDGER_PASSWORD_FILE", "IMPORTER_WEBHOOK_SECRET_FILE");
    }

    @Test
    void distanceCountsSingleCharacterEditsAndASwapAsOne() {
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(EditDistance.between("abc", "")).isEqualTo(3);
        assertThat(EditDistance.between("importer.rate", "importer.rate")).isZero();
        assertThat(EditDistance.between("importer.rtae", "importer.rate")).isEqualTo(1);
    }

    @Test
    void aTieGoesToTheKeyDeclaredFirst() {
        List<String> keys = SettingsCatalog.all().stream().map(Setting::key).toList();
        List<String> two = keys.stream()
                .filter(k -> EditDistance.between("importer.sate", k) == 1).toList();
        assertThat(two).containsExactly("importer.rate", "importer.state");
        assertThat(UnknownKey.nearest("importer.sate", keys)).contains("importer.rate");
    }
}

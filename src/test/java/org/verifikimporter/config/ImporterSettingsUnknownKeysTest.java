package org.verifikimporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterSettingsUnknownKeysTest {

    static final Map<String, String> TOKEN = Map.of("VERIFIK_TOKEN", "t");

    static UnknownKey near(String key, String suggestion) {
        return new UnknownKey(key, Optional.of(suggestion));
    }

    @Test
    void aMistypedSetIsReportedWithTheKeyItMeantAndIsStillIgnored() {
        ImporterSettings s = ImporterSettings.builder().env(TOKEN).override("importer.rat", "9").build();
        assertThat(s.unknownKeys()).containsExactly(near("importer.rat", "importer.rate"));
        assertThat(s.rate()).isEqualTo(5);
    }

    @Test
    void aConfigFileIsCheckedKeyByKeyAndOnlyUnderImporterAndVerifik(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.properties"), String.join("\n",
                "importer.max-attempt=3",
                "verifik.baseurl=https://x.example",
                "importer.rate=7",
                "importer.defaults.projectFlow=f-1",
                "camel.main.no-such-option=1",
                "elsewhere.key=x", ""));
        ImporterSettings s = ImporterSettings.builder().file(file).env(TOKEN).build();
        assertThat(s.unknownKeys()).containsExactlyInAnyOrder(
                near("importer.max-attempt", "importer.max-attempts"),
                near("verifik.baseurl", "verifik.base-url"),
                near("importer.defaults.projectFlow", "importer.defaults.project-flow"));
        assertThat(s.rate()).isEqualTo(7);
    }

    @Test
    void aKeyFarFromEveryDeclaredOneHasNoSuggestion() {
        ImporterSettings s = ImporterSettings.builder().env(TOKEN)
                .override("importer.internal.poll-delay-ms", "5").override("importer.zzz", "1")
                .override("importer.delimiter", ";").build();
        assertThat(s.unknownKeys()).containsExactly(
                new UnknownKey("importer.internal.poll-delay-ms", Optional.empty()),
                new UnknownKey("importer.zzz", Optional.empty()),
                near("importer.delimiter", "importer.csv.delimiter"));
    }

    @Test
    void theEnvironmentAndTheBuiltInFileBringNone() {
        ImporterSettings s = ImporterSettings.builder()
                .env(Map.of("VERIFIK_TOKEN", "t", "IMPORTER_RAT", "9", "IMPORTER_RATE", "3")).build();
        assertThat(s.unknownKeys()).isEmpty();
        assertThat(s.rate()).isEqualTo(3);
        assertThat(ImporterSettings.builder().env(TOKEN).override("importer.rate", "2").build().unknownKeys()).isEmpty();
    }

    @Test
    void distanceCountsSingleCharacterEdits() {
        assertThat(UnknownKey.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(UnknownKey.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownKey.distance("abc", "")).isEqualTo(3);
        assertThat(UnknownKey.distance("importer.rate", "importer.rate")).isZero();
        assertThat(UnknownKey.distance("importer.rtae", "importer.rate")).isEqualTo(2);
    }

    @Test
    void aTieGoesToTheKeyDeclaredFirst() {
        List<String> two = SettingsCatalog.all().stream().map(Setting::key)
                .filter(k -> UnknownKey.distance("importer.sate", k) == 1).toList();
        assertThat(two).containsExactly("importer.rate", "importer.state");
        assertThat(UnknownKey.nearest("importer.sate")).contains("importer.rate");
    }
}

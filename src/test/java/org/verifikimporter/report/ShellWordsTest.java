package org.verifikimporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A printed command, pasted into sh, hands the importer each word as it was meant. */
class ShellWordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"data/outbox/users-20261126T012000Z", "o'brien <b>team & co-20261126T012000Z",
        "two  blanks $HOME `x` \"q\" \\ *.csv ;|", "--force", "añejo ñandú"})
    void aQuotedWordComesBackFromTheShellAsItWas(String word) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellWords.quote(word)).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(word);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/outbox/users-20261126T012000Z", "--force", "run"})
    void aPlainWordIsLeftAsItIs(String word) {
        assertThat(ShellWords.quote(word)).isEqualTo(word);
        assertThat(ShellWords.command("retry", word)).isEqualTo("verifik-importer retry " + word);
    }
}

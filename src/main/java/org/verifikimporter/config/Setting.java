package org.verifikimporter.config;

import java.util.function.Function;

/**
 * One key the operator may set: its name, what it means as the README's configuration table says it
 * (Markdown included; {@code ReadmeTest} holds the two to the same text), and how its text becomes the typed
 * value the importer works with. Declared in {@link SettingsCatalog} only. Its built-in default is its line in
 * {@code application.properties}, parsed like any other value.
 *
 * @param <T> the value once read: a Duration, a Path, an Integer ...
 */
public record Setting<T>(String key, String meaning, Parser<T> parser) {

    /** Reads an operator's text, already stripped; throws {@link MustBe} to refuse it. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String raw);

        default <R> Parser<R> map(Function<? super T, ? extends R> then) {
            return raw -> then.apply(parse(raw));
        }
    }

    /**
     * What a refused value must be instead; {@link Setting#parse} names the key and its variable around it, so
     * that one parser can serve several keys. No stack trace: it is caught at once.
     */
    static final class MustBe extends RuntimeException {
        MustBe(String expected) {
            super(expected, null, false, false);
        }
    }

    public String envName() {
        return ImporterSettings.envName(key);
    }

    /**
     * @throws ConfigException with the line the operator reads, e.g. {@code importer.rate (IMPORTER_RATE) is
     *     "fast" but must be a whole number}
     */
    public T parse(String raw) {
        try {
            return parser.parse(raw);
        } catch (MustBe e) {
            throw new ConfigException(key + " (" + envName() + ") is \"" + raw + "\" but must be " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return key;
    }
}

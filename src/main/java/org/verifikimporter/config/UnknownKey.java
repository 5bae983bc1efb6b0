package org.verifikimporter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An {@code importer.*} or {@code verifik.*} key the operator gave that no setting declares, most likely a
 * typo that is otherwise silently ignored, with the declared key it is closest to.
 *
 * @param suggestion the nearest declared key, when it is near enough to be what was meant
 */
public record UnknownKey(String key, Optional<String> suggestion) {

    /** Of the keys given, those that would be ignored, in the order given. */
    static List<UnknownKey> among(Collection<String> given) {
        List<UnknownKey> unknown = new ArrayList<>();
        for (String key : given) {
            if ((key.startsWith("importer.") || key.startsWith("verifik.")) && SettingsCatalog.find(key).isEmpty()) {
                unknown.add(new UnknownKey(key, nearest(key)));
            }
        }
        return List.copyOf(unknown);
    }

    /**
     * Near enough: a quarter of the key's characters changed at most (two for short keys), which takes in
     * {@code importer.rat} and {@code importer.delimiter} but not an unrelated key that shares only the prefix.
     * A tie goes to the key declared first.
     */
    static Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = Math.max(2, key.length() / 4) + 1;
        for (Setting<?> s : SettingsCatalog.all()) {
            int d = distance(key, s.key());
            if (d < bestDistance) {
                best = s.key();
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edits (insert, delete, replace one character) from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

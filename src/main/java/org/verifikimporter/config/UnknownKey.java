package org.verifikimporter.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.verifikimporter.domain.EditDistance;

/**
 * A key or an environment variable the operator gave that nothing declares, most likely a typo, with the known
 * name it is closest to.
 *
 * @param name       as the operator wrote it
 * @param where      " in FILE" for a key of a --config file; "" for --set and for a variable
 * @param variable   whether it came from the environment
 * @param suggestion the nearest known name, when it is near enough to be what was meant
 */
record UnknownKey(String name, String where, boolean variable, Optional<String> suggestion) {

    static UnknownKey key(String key, String where) {
        Optional<String> sameVariable = SettingsCatalog.all().stream().map(Setting::key)
                .filter(k -> ImporterSettings.envName(k).equals(key.toUpperCase(Locale.ROOT))).findFirst();
        Optional<String> suggestion = sameVariable.isPresent() ? sameVariable
                : nearest(key.toLowerCase(Locale.ROOT), SettingsCatalog.all().stream().map(Setting::key).toList());
        return new UnknownKey(key, where, false, suggestion);
    }

    static UnknownKey variable(String name, Collection<String> known) {
        return new UnknownKey(name, "", true, nearest(name, known));
    }

    /** E.g. "unknown key importer.rat; did you mean importer.rate?" */
    String line() {
        String what = (variable ? "unknown environment variable " : "unknown key ") + name + where;
        if (suggestion.isPresent()) {
            return what + "; did you mean " + suggestion.get() + "?";
        }
        return what + "; no known " + (variable ? "variable" : "key")
                + " is close (the README's Configuration table lists them all)" + (variable ? "; unset it" : "");
    }

    /**
     * Near enough: a quarter of the name's characters changed at most (two for short names), which takes in
     * {@code importer.rat} and {@code importer.delimiter} but not an unrelated key that shares only the prefix.
     * A tie goes to the name listed first.
     */
    static Optional<String> nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, name.length() / 4) + 1;
        for (String k : known) {
            int d = EditDistance.between(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }
}

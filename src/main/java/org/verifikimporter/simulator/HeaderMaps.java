package org.verifikimporter.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Header maps with lower-cased names, and their token-free view. */
final class HeaderMaps {

    static final String AUTHORIZATION = "authorization";
    static final String REDACTED = "<redacted>";

    private HeaderMaps() {
    }

    /** Lower-cases the names but still answers lookups in any case, since HTTP header names are case-insensitive. */
    static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> {
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                }));
        return Collections.unmodifiableMap(copy);
    }

    /** One string per header, with the credential replaced, for anything that leaves the process. */
    static Map<String, String> redacted(Map<String, List<String>> headers) {
        Map<String, String> view = new TreeMap<>();
        headers.forEach((name, values) -> view.put(name.toLowerCase(Locale.ROOT),
                AUTHORIZATION.equalsIgnoreCase(name) ? REDACTED : String.join(", ", values)));
        return view;
    }
}

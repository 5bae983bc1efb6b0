package org.verifikimporter.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rejected header's reason adds, so that the operator can fix the file or the configuration without
 * opening the file: the columns the header has (and the field each was read as), then, for each required field
 * it lacks, the column that looks closest and the key that would name it.
 *
 * <p>A header cell that looks like a person's data (an address, a long number: the first line is a data row)
 * is not echoed, since the reason goes to stdout, the log and {@code rejected/}; it is shown by its position.
 */
public final class HeaderAdvice {

    /** More columns than this are counted, not listed: a reason is one line. */
    static final int LISTED = 30;
    private static final int LONGEST_SHOWN = 60;
    private static final Pattern LOOKS_LIKE_DATA = Pattern.compile("@|\\d{6}");

    private HeaderAdvice() {
    }

    /** E.g. {@code columns found: "name", "mail" (email); project: no column is close (set ...)}. */
    public static String of(ColumnMapping columns, Collection<ApiField> missing) {
        StringBuilder sb = new StringBuilder("columns found: ").append(found(columns));
        for (ApiField field : missing) {
            String key = ColumnNames.settingKey(field);
            sb.append("; ").append(field.jsonName()).append(": ");
            Optional<Integer> closest = closest(columns, field);
            if (closest.isPresent()) {
                String name = columns.header().get(closest.get());
                sb.append(String.format(Locale.ROOT, "column \"%s\" looks closest: set %s=%s", Printable.of(name), key,
                        Printable.of(name)));
            } else {
                sb.append(String.format(Locale.ROOT, "no column is close (set %s=<column> or importer.defaults.%s=<value>)",
                        key, field.defaultsKey()));
            }
        }
        return sb.toString();
    }

    private static String found(ColumnMapping columns) {
        Map<Integer, ApiField> fieldOf = new HashMap<>();
        columns.fields().forEach((field, column) -> fieldOf.put(column, field));
        List<String> shown = new ArrayList<>();
        List<String> header = columns.header();
        for (int i = 0; i < header.size() && shown.size() < LISTED; i++) {
            String name = header.get(i);
            String cell = name.isEmpty() ? "(column " + (i + 1) + " has no name)"
                    : looksLikeData(name) ? "(column " + (i + 1) + " looks like data, not a name)"
                    : "\"" + Printable.of(shorten(name)) + "\"";
            ApiField field = fieldOf.get(i);
            shown.add(field == null ? cell : cell + " (" + field.jsonName() + ")");
        }
        String list = String.join(", ", shown);
        return header.size() > LISTED ? list + " and " + (header.size() - LISTED) + " more" : list;
    }

    /**
     * The column not read as any field whose name is nearest one of the field's names: a typo or two (a swap
     * counts as one; none for names of three letters or fewer, where everything is near), or a name that holds
     * one of them ({@code tipo_validacion}, {@code proj}). Ties go to the leftmost column.
     */
    static Optional<Integer> closest(ColumnMapping columns, ApiField field) {
        List<String> targets = new ArrayList<>(columns.names().builtInKeys(field));
        columns.names().configuredFor(field).forEach(n -> targets.add(ColumnNames.key(n)));
        Integer best = null;
        int bestScore = Integer.MAX_VALUE;
        for (int i : columns.inputColumns()) {
            String name = columns.header().get(i);
            if (columns.fields().containsValue(i) || name.isEmpty() || looksLikeData(name)) {
                continue;
            }
            String key = ColumnNames.key(name);
            for (String target : targets) {
                int score = score(key, target);
                if (score < bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Lower is closer; MAX_VALUE is not close at all. */
    static int score(String key, String target) {
        int allowed = target.length() <= 3 ? 0 : target.length() <= 7 ? 1 : target.length() / 4;
        int d = EditDistance.between(key, target);
        if (d <= allowed) {
            return d;
        }
        boolean holds = Math.min(key.length(), target.length()) >= 4 && (key.contains(target) || target.contains(key));
        // after every typo: a name that merely holds another is a weaker hint
        return holds ? 100 + Math.abs(key.length() - target.length()) : Integer.MAX_VALUE;
    }

    static boolean looksLikeData(String name) {
        return LOOKS_LIKE_DATA.matcher(name).find();
    }

    private static String shorten(String name) {
        return name.length() <= LONGEST_SHOWN ? name : name.substring(0, LONGEST_SHOWN) + "...";
    }
}

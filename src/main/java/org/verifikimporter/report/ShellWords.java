package org.verifikimporter.report;

import java.util.regex.Pattern;

/**
 * The commands the importer prints for a person to paste (on stdout, in report.html) name folders made from
 * file names, which may hold blanks, quotes or {@code &}: quoted here so the pasted line runs as shown.
 */
public final class ShellWords {

    /** The command the hints name: the launcher script in the repository (or the installed copy of it). */
    public static final String COMMAND = "verifik-importer";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {
    }

    /** One word for a POSIX shell: as it is when nothing in it is special, else in single quotes. */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code verifik-importer <args>}, each argument quoted as needed. */
    public static String command(String... args) {
        StringBuilder b = new StringBuilder(COMMAND);
        for (String a : args) {
            b.append(' ').append(quote(a));
        }
        return b.toString();
    }
}

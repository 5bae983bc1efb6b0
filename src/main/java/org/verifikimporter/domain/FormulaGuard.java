package org.verifikimporter.domain;

/**
 * Keeps spreadsheet programs from running report cells as formulas (CSV injection), reversibly.
 *
 * <p>A cell starting with {@code = + - @}, tab or carriage return is written with a leading apostrophe.
 * A cell that already starts with an apostrophe gets one more, so that reading undoes exactly one and
 * {@code '=x} typed by a person survives a round trip as well as {@code +573001234567}.
 */
public final class FormulaGuard {

    private static final String TRIGGERS = "=+-@\t\r";

    private FormulaGuard() {
    }

    public static String guard(String cell) {
        return cell != null && needsGuard(cell) ? "'" + cell : cell;
    }

    public static String unguard(String cell) {
        if (cell == null || cell.length() < 2 || cell.charAt(0) != '\'') {
            return cell;
        }
        String rest = cell.substring(1);
        return needsGuard(rest) ? rest : cell;
    }

    private static boolean needsGuard(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return TRIGGERS.indexOf(first) >= 0 || (first == '\'' && needsGuard(cell.substring(1)));
    }
}

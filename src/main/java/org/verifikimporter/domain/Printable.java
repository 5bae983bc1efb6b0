package org.verifikimporter.domain;

/**
 * Makes a file name (or a header name) safe to put in a log line, stdout or a reason text: control
 * characters, bidi overrides and other invisible characters are written as {@code \\uXXXX}, so a name
 * cannot forge a log line or show itself reversed. Letters of any script are left as they are.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isHidden(c) || c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(c == '\\' ? "\\\\" : String.format("\\u%04X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * Control characters (C0, DEL, C1), bidi embeddings, overrides, isolates and marks, zero-width
     * characters, line/paragraph separators, a byte-order mark and the replacement character U+FFFD.
     */
    public static boolean isHidden(char c) {
        return Character.isISOControl(c)
                || (c >= '\u200B' && c <= '\u200F')   // zero width space/non-joiner/joiner, LRM, RLM
                || (c >= '\u202A' && c <= '\u202E')   // LRE, RLE, PDF, LRO, RLO
                || (c >= '\u2066' && c <= '\u2069')   // LRI, RLI, FSI, PDI
                || c == '\u061C'                      // Arabic letter mark
                || c == '\u2028' || c == '\u2029'
                || c == '\uFEFF' || c == '\uFFFD';
    }
}

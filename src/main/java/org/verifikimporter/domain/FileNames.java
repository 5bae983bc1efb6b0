package org.verifikimporter.domain;

import java.nio.charset.StandardCharsets;

/**
 * File names the importer makes (archive, rejected, reason texts, report folders) must fit in what
 * the file system allows: 255 bytes per name on Linux and macOS, whatever the script.
 */
public final class FileNames {

    /** The longest name, in UTF-8 bytes, common file systems take. */
    public static final int MAX_BYTES = 255;

    private FileNames() {
    }

    public static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code stem + suffix + ext} where {@code name = stem + ext}, with the stem shortened (never split
     * inside a character) until the whole fits in {@code maxBytes}.
     */
    public static String fit(String name, String suffix, int maxBytes) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        if (bytes(ext) > 16) {
            stem = name;
            ext = "";
        }
        int room = maxBytes - bytes(suffix) - bytes(ext);
        return truncate(stem, Math.max(room, 1)) + suffix + ext;
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, whole code points only. */
    public static String truncate(String text, int maxBytes) {
        if (bytes(text) <= maxBytes) {
            return text;
        }
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > maxBytes) {
                break;
            }
            used += len;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }
}

package org.verifikimporter.camel.inbox;

import java.util.Locale;
import org.verifikimporter.domain.FileNames;

/**
 * CSV names the file consumer cannot handle: one too long for Camel's lock file ({@code {name}.camelLock}
 * must fit in 255 bytes), or one with a backslash (Camel reads it as a folder separator). The consumer would
 * fail before the route sees such a file, leaving it in the inbox with no reason and {@code run} waiting for
 * it; the importer rejects it with a reason instead.
 */
final class UnopenableNames {

    static final int MAX_NAME_BYTES = FileNames.MAX_BYTES - ".camelLock".length();

    private UnopenableNames() {
    }

    /** Why the consumer cannot open a file of this name, or null when it can (or the file is not a CSV). */
    static String problem(String name) {
        // hidden files are never picked up, so they are no concern of ours either
        if (name.startsWith(".") || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return null;
        }
        if (name.indexOf('\\') >= 0) {
            return "the file name contains a backslash (\\), which the importer cannot open: rename the file "
                    + "without it";
        }
        int bytes = FileNames.bytes(name);
        if (bytes > MAX_NAME_BYTES) {
            return "the file name is " + bytes + " bytes long; the importer can read names of at most "
                    + MAX_NAME_BYTES + " bytes (it adds a lock suffix while reading, and the file system allows 255): "
                    + "rename the file to something shorter";
        }
        return null;
    }
}

package org.verifikimporter.camel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.verifikimporter.domain.FileNames;

/**
 * The inbox consumer's filter, for names the file consumer cannot handle: one too long for Camel's lock
 * file ({@code {name}.camelLock} must fit in 255 bytes), or one with a backslash (Camel reads it as a
 * folder separator). The consumer would fail before the route sees such a file, leaving it in the inbox
 * with no reason and {@code run} waiting for it. Such a file is rejected here instead, with a reason.
 */
public final class InboxFilter implements GenericFileFilter<File> {

    static final int MAX_NAME_BYTES = FileNames.MAX_BYTES - ".camelLock".length();

    private final FileSteps files;

    public InboxFilter(FileSteps files) {
        this.files = files;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return false;
        }
        // the name as the file system has it (Camel's own copy has backslashes turned into separators)
        String name = file.getFile().getName();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return true; // not ours: the include pattern decides
        }
        int bytes = FileNames.bytes(name);
        String reason = null;
        if (name.indexOf('\\') >= 0) {
            reason = "the file name contains a backslash (\\), which the importer cannot open: rename the file "
                    + "without it";
        } else if (bytes > MAX_NAME_BYTES) {
            reason = "the file name is " + bytes + " bytes long; the importer can read names of at most "
                    + MAX_NAME_BYTES + " bytes (it adds a lock suffix while reading, and the file system allows 255): "
                    + "rename the file to something shorter";
        }
        if (reason == null) {
            return true;
        }
        try {
            files.rejectUnopened(file.getFile().toPath(), reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}

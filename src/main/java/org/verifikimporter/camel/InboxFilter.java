package org.verifikimporter.camel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.verifikimporter.domain.FileNames;

/**
 * The inbox consumer's filter: a name too long for Camel's lock file ({@code {name}.camelLock} must fit
 * in 255 bytes) would make the consumer fail before the route sees the file, leaving it in the inbox with
 * no reason and the run waiting for it. Such a file is rejected here instead, with a reason.
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
        String name = file.getFileNameOnly();
        int bytes = FileNames.bytes(name);
        if (bytes <= MAX_NAME_BYTES || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return true;
        }
        try {
            files.rejectUnopened(file.getFile().toPath(), "the file name is " + bytes + " bytes long; the importer "
                    + "can read names of at most " + MAX_NAME_BYTES + " bytes (it adds a lock suffix while reading, "
                    + "and the file system allows 255): rename the file to something shorter");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}

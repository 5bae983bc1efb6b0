package org.verifikimporter.camel.inbox;

import java.io.File;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The inbox consumer's filter: leaves out folders and the names it cannot open (see {@link UnopenableNames}).
 * It only decides; {@link InboxPollStrategy} moves such files to rejected/ before each poll.
 */
public final class InboxFilter implements GenericFileFilter<File> {

    @Override
    public boolean accept(GenericFile<File> file) {
        // the name as the file system has it (Camel's own copy has backslashes turned into separators)
        return !file.isDirectory() && UnopenableNames.problem(file.getFile().getName()) == null;
    }
}

package org.verifikimporter.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.verifikimporter.domain.Printable;

/**
 * The {@code {name}.reason.txt} beside a rejected file: what is wrong and what to do. The importer writes it
 * and {@code status} and index.html read it back, so both sides of its format live here.
 */
public final class ReasonFile {

    public static final String SUFFIX = ".reason.txt";
    private static final String WHAT_IS_WRONG = "What is wrong: ";
    /** A reason file is a few hundred bytes; anything longer was not written by the importer. */
    private static final int MAX_READ = 16 * 1024;

    private ReasonFile() {
    }

    /** Where the reason of a rejected file is. */
    public static Path beside(Path rejectedFile) {
        return rejectedFile.resolveSibling(rejectedFile.getFileName() + SUFFIX);
    }

    public static String text(String name, String reason) {
        return "verifik-importer did not import \"" + Printable.of(name) + "\".\n\n"
                + WHAT_IS_WRONG + reason + ".\n\n"
                + "What to do: correct the file (or the importer's configuration), then drop it into the inbox again.\n"
                + "No row of this file was sent to Verifik unless a report folder is named above.\n";
    }

    /**
     * The reason's first line: what is wrong, without its label. For a reason file written some other way,
     * its first line that is not blank; null when there is none.
     */
    public static String firstLine(Path reasonFile) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(reasonFile)) {
            head = in.readNBytes(MAX_READ);
        }
        String first = null;
        for (String line : new String(head, StandardCharsets.UTF_8).split("\\R")) {
            if (line.startsWith(WHAT_IS_WRONG)) {
                String what = line.substring(WHAT_IS_WRONG.length()).strip();
                return what.endsWith(".") ? what.substring(0, what.length() - 1) : what;
            }
            if (first == null && !line.isBlank()) {
                first = line.strip();
            }
        }
        return first;
    }
}

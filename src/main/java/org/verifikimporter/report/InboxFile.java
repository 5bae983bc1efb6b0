package org.verifikimporter.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.verifikimporter.job.FileDigest;

/**
 * Rows put back into the inbox as a new file. Written first under a name the inbox ignores (a leading dot),
 * so a poller never reads half a file and the caller can record the content before it is seen; then
 * {@link #publish} renames it into place under a new name: an existing file is never overwritten.
 */
public final class InboxFile implements AutoCloseable {

    private final Path inbox;
    private final String stem;
    private final Path tmp;
    private boolean published;

    private InboxFile(Path inbox, String stem, Path tmp) {
        this.inbox = inbox;
        this.stem = stem;
        this.tmp = tmp;
    }

    /** Writes {@code header} and {@code rows} (UTF-8 with a BOM, as the reports) under a hidden name. */
    public static InboxFile write(Path inbox, String stem, List<String> header, List<List<String>> rows)
            throws IOException {
        Files.createDirectories(inbox);
        Path tmp = Files.createTempFile(inbox, "." + stem, ".part");
        InboxFile file = new InboxFile(inbox, stem, tmp);
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            w.write("\uFEFF");
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    /** The content's SHA-256, as the ledger will know the import of it. */
    public String sha256() throws IOException {
        return FileDigest.sha256(tmp);
    }

    /** The name {@link #publish} will most likely give it: {@code stem.csv}, or the first free {@code stem-N.csv}. */
    public String intendedName() {
        for (int n = 1; ; n++) {
            Path target = inbox.resolve(name(n));
            if (!Files.exists(target)) {
                return target.getFileName().toString();
            }
        }
    }

    /** Renames it into the inbox, where the next run reads it. */
    public Path publish() throws IOException {
        for (int n = 1; ; n++) {
            Path target = inbox.resolve(name(n));
            if (Files.exists(target)) {
                continue;
            }
            try {
                // a rename within the folder; without REPLACE_EXISTING a file that appeared meanwhile is kept
                Files.move(tmp, target);
                published = true;
                return target;
            } catch (FileAlreadyExistsException taken) {
                // next suffix
            }
        }
    }

    private String name(int n) {
        return stem + (n == 1 ? "" : "-" + n) + ".csv";
    }

    /** Removes the hidden file unless it was published. */
    @Override
    public void close() throws IOException {
        if (!published) {
            Files.deleteIfExists(tmp);
        }
    }
}

package org.verifikimporter.job;

import java.nio.file.Path;
import org.verifikimporter.domain.InputPreflight;

/**
 * One input file on its way through the file route: where it is, how to read it (as preflight found it),
 * its import, and where the file consumer moves it afterwards. The route carries exactly this object per
 * file; each row carries its own {@link RowExecution}.
 *
 * <p>The routes read {@link #csvDelimiter()} and {@link #destination()} through Camel's simple language,
 * which picks a method by name: so no accessor here shares its name with another method.
 */
public final class FileExecution {

    private final Path path;
    private final boolean dryRun;
    private InputPreflight.Text text;
    private ImportJob job;
    private String csvDelimiter;
    private String destination;

    public FileExecution(Path path, boolean dryRun) {
        this.path = path;
        this.dryRun = dryRun;
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public boolean dryRun() {
        return dryRun;
    }

    public InputPreflight.Text text() {
        return text;
    }

    public void readAs(InputPreflight.Text found) {
        this.text = found;
    }

    /** Null until the import has begun (a file rejected by preflight has none). */
    public ImportJob job() {
        return job;
    }

    public void begun(ImportJob begun) {
        this.job = begun;
    }

    /**
     * The delimiter for camel-csv, URI-encoded; null when the file has a broken record and the recovering
     * reader reads it instead.
     */
    public String csvDelimiter() {
        return csvDelimiter;
    }

    public void parseWithCamelCsv(String encoded) {
        this.csvDelimiter = encoded;
    }

    /**
     * Where the file consumer moves the input when the route is done (the archive or rejected/), as an
     * absolute path: a String, since the consumer's move expression does not take a Path.
     */
    public String destination() {
        return destination;
    }

    public void moveTo(Path target) {
        this.destination = target.toAbsolutePath().toString();
    }
}

package org.verifikimporter.camel;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.CsvRecordReader;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.FileNames;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.InputPreflight;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RowCounter;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerException;

/**
 * The file-level steps of the inbox route: open a file's import, hand its rows to the splitter, and
 * close it (reports, archive) or reject it. Logs name files, never row contents.
 */
public final class FileSteps {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.file");
    static final String JOB = "job";
    /** The delimiter for camel-csv, URI-encoded; absent when the recovering reader reads the file. */
    static final String CSV_DELIMITER = "importerCsvDelimiter";
    static final String DRY_RUN = "dryRun";
    /** Where the file consumer moves the input after the route: archive or rejected. */
    static final String DESTINATION = "importerDestination";
    /** How to read the file, as preflight found it. */
    static final String TEXT = "inputText";
    private static final String REASON_SUFFIX = ".reason.txt";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private final ImporterSettings settings;
    private final RunResults results;
    private final Clock clock;
    private final Ledger ledger;
    private final Progress.Factory progress;

    /**
     * @param ledger null when nothing will be sent (validate)
     */
    public FileSteps(ImporterSettings settings, RunResults results, Clock clock, Ledger ledger) {
        this(settings, results, clock, ledger, Progress.logLines(clock, settings.progressInterval()));
    }

    /**
     * @param progress how each file's progress is shown: a terminal bar or log lines
     */
    public FileSteps(ImporterSettings settings, RunResults results, Clock clock, Ledger ledger,
                     Progress.Factory progress) {
        this.settings = settings;
        this.results = results;
        this.clock = clock;
        this.ledger = ledger;
        this.progress = progress;
    }

    /**
     * Looks at the whole file before anything else: size, character set (byte-order mark, UTF-8 or
     * Windows-1252), binary content, line lengths, delimiter. A file that fails is rejected with a reason.
     */
    public void preflight(Exchange exchange) throws IOException {
        Path path = path(exchange);
        boolean dryRun = exchange.getProperty(DRY_RUN, false, Boolean.class);
        exchange.setProperty(DRY_RUN, dryRun);
        if (results.stopped() && !dryRun) {
            LOG.warn("{}: not started: the run was stopped; it stays in the inbox for the next run",
                    Printable.of(path.getFileName().toString()));
            throw new RunStoppedException(results.stopReason());
        }
        exchange.setProperty(TEXT, InputPreflight.check(path, new InputPreflight.Limits(settings.maxFileSize(),
                settings.maxLineLength(), settings.csvDelimiter())));
    }

    /** Starts the import of one file and leaves its records (header first) as the body. */
    public void begin(Exchange exchange) throws IOException {
        Path path = path(exchange);
        String name = path.getFileName().toString();
        boolean dryRun = exchange.getProperty(DRY_RUN, false, Boolean.class);
        InputPreflight.Text text = exchange.getProperty(TEXT, InputPreflight.Text.class);
        String sha256 = sha256(path);
        ImportJob job = new ImportJob(name, sha256, dryRun, settings.outbox(), settings.defaults(), clock, ledger,
                settings.dedupeWindow());
        exchange.setProperty(JOB, job);
        job.checkEarlierImports(settings.forceReimport());
        // the progress total: a fast count of the records, nothing mapped
        RowCounter.Count count = RowCounter.scan(text.open(path), text.delimiter(), settings.maxLineLength());
        long total = count.rows();
        LOG.info("{}: started{} (sha256 {}; {}; {})", job.shownName(), dryRun ? " as a dry run" : "",
                sha256.substring(0, 12), text.describe(),
                total == RowCounter.UNKNOWN ? "rows not counted" : total + (total == 1 ? " row" : " rows"));
        job.progress(progress.start(job.shownName(), total));
        Closeable body;
        if (count.clean()) {
            // camel-csv reads it (the route's unmarshal step), with the delimiter found in the header
            body = text.open(path);
            exchange.setProperty(CSV_DELIMITER, URLEncoder.encode(String.valueOf(text.delimiter()), StandardCharsets.UTF_8));
        } else {
            // camel-csv would take every line after a broken record with it: this reader reports the broken
            // record as one row and reads on after it
            LOG.info("{}: {} row(s) cannot be parsed as they stand; each is reported as MALFORMED_ROW and the rows "
                    + "after it are read on", job.shownName(), count.broken() == RowCounter.UNKNOWN ? "some" : count.broken());
            body = new CsvRecordReader(text.open(path), text.delimiter(), settings.maxLineLength());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // nothing left to read from it
                }
            }
        });
        exchange.getIn().setBody(body);
    }

    private static Path path(Exchange exchange) {
        return Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
    }

    /** Takes the header record for the job and returns the mapped data rows for the splitter. */
    public Iterator<MappedRow> rows(Iterator<CsvRow> records, Exchange exchange) throws IOException {
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        if (!records.hasNext()) {
            throw new FileProblem("the file is empty: it needs a header line naming the columns, then one row per person");
        }
        CsvRow header = records.next();
        if (header.problem() != null) {
            throw new FileProblem("the header line (line 1) cannot be read as CSV: a quote in it is not closed, or is "
                    + "followed by other characters; fix the quotes in the header (or remove them)");
        }
        if (header.isBlank()) {
            throw new FileProblem("the first line is empty: the header naming the columns must be on line 1");
        }
        job.header(header.cells());
        // on SIGTERM (Camel stopping) no new row is taken; the ones in flight finish, the rest wait for a resume
        return new DataRows(records, job, () -> exchange.getContext().isStopping());
    }

    /** Closes the reports and picks the archive folder; a stopped run keeps the file in the inbox. */
    public void finish(Exchange exchange) throws IOException {
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        if (job.interrupted()) {
            job.finishInterrupted();
            LOG.warn("{}: interrupted by shutdown after {} rows; the rows in flight were finished and recorded. The file "
                    + "stays in the inbox and the next start resumes it", job.shownName(), job.rowsDone());
            throw new RunStoppedException("shutting down");
        }
        boolean stopped = results.stopped() && !job.dryRun();
        FileOutcome outcome = job.finish(stopped, results.stopReason());
        results.add(outcome);
        LOG.info("{}: finished: {} rows, {} created, {} failed{}; reports in {}", job.shownName(), outcome.total(),
                outcome.created(), outcome.failed(), failuresText(outcome.failures()), outcome.reportDir());
        if (stopped) {
            LOG.warn("{}: left in the inbox because the run was stopped; it will be read again on the next run",
                    job.shownName());
            throw new RunStoppedException(results.stopReason());
        }
        if (!job.dryRun()) {
            exchange.setProperty(DESTINATION, archiveTarget(job.fileName()).toString());
        }
    }

    /** A file that cannot be imported at all goes to the rejected folder with a reason a person can act on. */
    public void reject(Exchange exchange) throws IOException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        String name = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).getFileName().toString();
        String shown = Printable.of(name);
        if (causedBy(cause, LedgerException.class)) {
            // without the ledger nothing may be sent; the file stays in the inbox and resumes once it works
            if (results.fail("the ledger cannot be written (" + describe(cause) + "); fix it (disk space, permissions, "
                    + "database) and run again")) {
                LOG.error("{}: stopping: the ledger cannot be written: {}", shown, describe(cause));
            }
            if (job != null) {
                job.abandon();
            }
            throw new RunStoppedException(results.stopReason());
        }
        String reason;
        if (cause instanceof FileProblem) {
            reason = cause.getMessage();
        } else {
            LOG.debug("{}: import failed", shown, cause);
            reason = "the import failed: " + describe(cause);
        }
        if (job != null && job.hasReport()) {
            job.abandon();
            reason += ". Rows processed before the failure are in " + job.reportDir()
                    + "; check its created.csv before dropping the file again";
        }
        boolean dryRun = exchange.getProperty(DRY_RUN, false, Boolean.class);
        results.add(new FileOutcome(name, job == null ? null : job.reportDir(), 0, 0, 0, Map.of(), true, false, reason));
        if (dryRun) {
            LOG.warn("{}: cannot be imported: {}", shown, reason);
            return;
        }
        // room for ".reason.txt" beside it: a name near the file system's limit is shortened here
        Path target = unique(settings.rejected(), name, FileNames.MAX_BYTES - REASON_SUFFIX.length());
        Files.createDirectories(target.getParent());
        Files.writeString(target.resolveSibling(target.getFileName() + REASON_SUFFIX), reasonText(name, reason),
                StandardCharsets.UTF_8);
        exchange.setProperty(DESTINATION, target.toAbsolutePath().toString());
        LOG.warn("{}: rejected: {}; moved to {}", shown, reason, Printable.of(target.toString()));
    }

    /**
     * Rejects a file the inbox consumer must not even open (see InboxFilter): moved to the rejected folder
     * by the importer itself, with its reason.
     */
    public void rejectUnopened(Path file, String reason) throws IOException {
        String name = file.getFileName().toString();
        Path target = unique(settings.rejected(), name, FileNames.MAX_BYTES - REASON_SUFFIX.length());
        Files.createDirectories(target.getParent());
        Files.writeString(target.resolveSibling(target.getFileName() + REASON_SUFFIX), reasonText(name, reason),
                StandardCharsets.UTF_8);
        Files.move(file, target);
        results.add(new FileOutcome(name, null, 0, 0, 0, Map.of(), true, false, reason));
        LOG.warn("{}: rejected: {}; moved to {}", Printable.of(name), reason, Printable.of(target.toString()));
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String reasonText(String name, String reason) {
        return "verifik-importer did not import \"" + Printable.of(name) + "\".\n\n"
                + "What is wrong: " + reason + ".\n\n"
                + "What to do: correct the file (or the importer's configuration), then drop it into the inbox again.\n"
                + "No row of this file was sent to Verifik unless a report folder is named above.\n";
    }

    private Path archiveTarget(String name) throws IOException {
        Path dayDir = settings.archive().resolve(DAY.format(clock.instant()));
        Files.createDirectories(dayDir);
        return unique(dayDir, name, FileNames.MAX_BYTES).toAbsolutePath();
    }

    /**
     * The same name again (a re-drop) must not overwrite what is already archived or rejected; a name too
     * long for the file system once a suffix is added is shortened (its extension kept).
     */
    private Path unique(Path dir, String name, int maxBytes) {
        Path candidate = dir.resolve(FileNames.fit(name, "", maxBytes));
        if (!Files.exists(candidate)) {
            return candidate;
        }
        String stamp = TIME.format(clock.instant());
        for (int n = 1; ; n++) {
            candidate = dir.resolve(FileNames.fit(name, "-" + stamp + (n == 1 ? "" : "-" + n), maxBytes));
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private static String failuresText(Map<String, Long> failures) {
        return failures.isEmpty() ? "" : " " + failures;
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage() == null ? "" : Printable.of(t.getMessage().replaceAll("[\\r\\n]+", " "));
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(path)), digest)) {
            in.transferTo(OutputStreamNull.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /**
     * The data records after the header, mapped and checked in file order: lines with no content are
     * skipped (not counted as rows); a record that is not valid CSV comes as a row with a problem
     * (MALFORMED_ROW) and reading goes on (see CsvRecordReader). Only a failure to read the file itself
     * (an I/O error) ends it early, with one MALFORMED_ROW entry rather than an exception that would lose
     * the rows already done.
     */
    private static final class DataRows implements Iterator<MappedRow> {
        private final Iterator<CsvRow> records;
        private final ImportJob job;
        private final java.util.function.BooleanSupplier stopping;
        private CsvRow next;
        private long lastRow = 1;
        private boolean ended;

        DataRows(Iterator<CsvRow> records, ImportJob job, java.util.function.BooleanSupplier stopping) {
            this.records = records;
            this.job = job;
            this.stopping = stopping;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                if (stopping.getAsBoolean() && !job.dryRun()) {
                    ended = true;
                    job.interrupt();
                    break;
                }
                try {
                    if (!records.hasNext()) {
                        ended = true;
                        break;
                    }
                    CsvRow row = records.next();
                    lastRow = row.rowNumber();
                    if (!row.isBlank()) {
                        next = row;
                    }
                } catch (RuntimeException unreadable) {
                    ended = true;
                    long at = lastRow + 1;
                    LOG.warn("{}: row {} and the rest of the file could not be read", job.shownName(), at);
                    job.unreadable(at, "from this row on the file could not be read ("
                            + describe(unreadable.getCause() != null ? unreadable.getCause() : unreadable)
                            + "); the rows after it were not imported: drop them again");
                }
            }
            return next != null;
        }

        @Override
        public MappedRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CsvRow row = next;
            next = null;
            return job.map(row);
        }
    }
}

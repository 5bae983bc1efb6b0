package org.verifikimporter.camel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
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
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.MappedRow;
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
    static final String DRY_RUN = "dryRun";
    /** Where the file consumer moves the input after the route: archive or rejected. */
    static final String DESTINATION = "importerDestination";
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

    /** Starts the import of one file and leaves a reader of its text (BOM removed) as the body. */
    public void begin(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        String name = path.getFileName().toString();
        boolean dryRun = exchange.getProperty(DRY_RUN, false, Boolean.class);
        exchange.setProperty(DRY_RUN, dryRun);
        if (results.stopped() && !dryRun) {
            LOG.warn("{}: not started: the run was stopped; it stays in the inbox for the next run", name);
            throw new RunStoppedException(results.stopReason());
        }
        String sha256 = sha256(path);
        ImportJob job = new ImportJob(name, sha256, dryRun, settings.outbox(), settings.defaults(), clock, ledger,
                settings.dedupeWindow());
        exchange.setProperty(JOB, job);
        job.checkEarlierImports(settings.forceReimport());
        // the progress total: a fast count of the records, nothing mapped
        long total = RowCounter.count(path);
        LOG.info("{}: started{} (sha256 {}, {})", name, dryRun ? " as a dry run" : "", sha256.substring(0, 12),
                total == RowCounter.UNKNOWN ? "rows not counted" : total + (total == 1 ? " row" : " rows"));
        job.progress(progress.start(name, total));
        Reader reader = new InputStreamReader(skipUtf8Bom(Files.newInputStream(path)), StandardCharsets.UTF_8);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // nothing left to read from it
                }
            }
        });
        exchange.getIn().setBody(reader);
    }

    /** Takes the header record for the job and returns the mapped data rows for the splitter. */
    public Iterator<MappedRow> rows(Iterator<CsvRow> records, Exchange exchange) throws IOException {
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        if (!records.hasNext()) {
            throw new FileProblem("the file is empty: it needs a header line naming the columns, then one row per person");
        }
        CsvRow header = records.next();
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
                    + "stays in the inbox and the next start resumes it", job.fileName(), job.rowsDone());
            throw new RunStoppedException("shutting down");
        }
        boolean stopped = results.stopped() && !job.dryRun();
        FileOutcome outcome = job.finish(stopped, results.stopReason());
        results.add(outcome);
        LOG.info("{}: finished: {} rows, {} created, {} failed{}; reports in {}", job.fileName(), outcome.total(),
                outcome.created(), outcome.failed(), failuresText(outcome.failures()), outcome.reportDir());
        if (stopped) {
            LOG.warn("{}: left in the inbox because the run was stopped; it will be read again on the next run",
                    job.fileName());
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
        if (causedBy(cause, LedgerException.class)) {
            // without the ledger nothing may be sent; the file stays in the inbox and resumes once it works
            if (results.fail("the ledger cannot be written (" + describe(cause) + "); fix it (disk space, permissions, "
                    + "database) and run again")) {
                LOG.error("{}: stopping: the ledger cannot be written: {}", name, describe(cause));
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
            LOG.debug("{}: import failed", name, cause);
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
            LOG.warn("{}: cannot be imported: {}", name, reason);
            return;
        }
        Path target = unique(settings.rejected(), name);
        Files.createDirectories(target.getParent());
        Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), reasonText(name, reason),
                StandardCharsets.UTF_8);
        exchange.setProperty(DESTINATION, target.toAbsolutePath().toString());
        LOG.warn("{}: rejected: {}; moved to {}", name, reason, target);
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
        return "verifik-importer did not import \"" + name + "\".\n\n"
                + "What is wrong: " + reason + ".\n\n"
                + "What to do: correct the file (or the importer's configuration), then drop it into the inbox again.\n"
                + "No row of this file was sent to Verifik unless a report folder is named above.\n";
    }

    private Path archiveTarget(String name) throws IOException {
        Path dayDir = settings.archive().resolve(DAY.format(clock.instant()));
        Files.createDirectories(dayDir);
        return unique(dayDir, name).toAbsolutePath();
    }

    /** The same name again (a re-drop) must not overwrite what is already archived or rejected. */
    private Path unique(Path dir, String name) {
        Path candidate = dir.resolve(name);
        if (!Files.exists(candidate)) {
            return candidate;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String stamp = TIME.format(clock.instant());
        for (int n = 1; ; n++) {
            candidate = dir.resolve(stem + "-" + stamp + (n == 1 ? "" : "-" + n) + ext);
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
        String message = t.getMessage() == null ? "" : t.getMessage().replaceAll("[\\r\\n]+", " ");
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

    /** Excel's "CSV UTF-8" starts with EF BB BF; left in, it would glue itself to the first column's name. */
    static InputStream skipUtf8Bom(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(raw, 64 * 1024), 3);
        byte[] head = new byte[3];
        int n = in.readNBytes(head, 0, 3);
        boolean bom = n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom && n > 0) {
            in.unread(head, 0, n);
        }
        return in;
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
     * skipped (not counted as rows), and a record the parser
     * cannot read ends the file with one MALFORMED_ROW entry rather than an exception that would lose
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
                    LOG.warn("{}: row {} and the rest of the file could not be read as CSV", job.fileName(), at);
                    job.unreadable(at, "from this row on the file could not be read as CSV ("
                            + describe(unreadable.getCause() != null ? unreadable.getCause() : unreadable)
                            + "); the rows after it were not imported: fix the quoting and drop them again");
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

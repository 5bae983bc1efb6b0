package org.verifikimporter.job;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far along one file's import is: rows done of the pre-counted total, the rate and the time left, and
 * what the import waits for when rows wait out the grace period before the lookup of an unknown outcome
 * (then no row finishes for a while, and an ETA alone would sit at "1s"). Row threads report each row; the
 * sink is shown at most once per interval: a live bar redrawn in place on a terminal, or a log line (at most
 * every {@code importer.progress-interval} seconds) when the output goes to a log; while rows wait, a ticker
 * shows it on, since no row comes to do so. The clock is injected, so the pacing is tested without waiting.
 */
public final class Progress {

    /** Where progress goes. {@code last} is the final call, when the file is done. */
    public interface Sink {
        void show(Snapshot snapshot, boolean last);
    }

    /** Makes the progress of each file. */
    public interface Factory {
        Progress start(String fileName, long totalRows);
    }

    /**
     * The facts at one moment. {@code total} is {@link RowCounter#UNKNOWN} when the pre-count failed.
     *
     * @param inFlight rows started and not yet reported (being sent, retried, or waiting)
     * @param waiting  of those, rows waiting out the grace period before their unknown outcome is looked up
     * @param waitLeft until the last of those waits ends
     */
    public record Snapshot(String file, long done, long total, long created, long failed, Duration elapsed,
                           long inFlight, int waiting, Duration waitLeft) {

        /** {@code waiting 24s to look up 3 rows whose outcome is unknown}; empty while no row waits. */
        public String waitingFor() {
            return waiting == 0 ? "" : "waiting " + human(waitLeft) + " to look up " + waiting
                    + (waiting == 1 ? " row whose outcome is" : " rows whose outcome is") + " unknown";
        }

        /** Only rows waiting for their lookup are left: the wait is the time left, not the rate. */
        private boolean onlyWaitsLeft() {
            return waiting > 0 && totalKnown() && done + waiting >= total;
        }

        /** rows per second since the file started */
        public double rate() {
            double s = elapsed.toMillis() / 1000.0;
            return s <= 0 ? 0 : done / s;
        }

        public boolean totalKnown() {
            return total >= 0 && total >= done;
        }

        /** null while there is no rate or no total to tell */
        public Duration eta() {
            double rate = rate();
            if (!totalKnown() || rate <= 0) {
                return null;
            }
            return Duration.ofSeconds(Math.round((total - done) / rate));
        }

        public int percent() {
            return !totalKnown() || total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }

        /** For the log: {@code users.csv: 12000 of 50000 rows (24%), 11800 created, 200 failed, 16.0 rows/s, ETA 39m 35s} */
        public String line() {
            StringBuilder b = new StringBuilder(file).append(": ").append(done);
            if (totalKnown()) {
                b.append(" of ").append(total).append(" rows (").append(percent()).append("%)");
            } else {
                b.append(" rows");
            }
            b.append(", ").append(created).append(" created, ").append(failed).append(" failed, ")
                    .append(String.format(Locale.ROOT, "%.1f rows/s", rate()));
            Duration eta = eta();
            if (eta != null && !onlyWaitsLeft()) {
                b.append(", ETA ").append(human(eta));
            }
            if (waiting > 0) {
                b.append(", ").append(waitingFor());
            }
            return b.toString();
        }

        /** For a terminal: {@code users.csv [=======>            ]  24% 12000/50000  16.0 rows/s  ETA 39m 35s  200 failed} */
        public String bar(int width) {
            StringBuilder b = new StringBuilder(file).append(" [");
            int filled = totalKnown() && total > 0 ? (int) (width * Math.min(1.0, done / (double) total)) : 0;
            for (int i = 0; i < width; i++) {
                b.append(i < filled ? '=' : i == filled && totalKnown() ? '>' : ' ');
            }
            b.append("] ");
            if (totalKnown()) {
                b.append(String.format(Locale.ROOT, "%3d%% %d/%d", percent(), done, total));
            } else {
                b.append(done).append(" rows");
            }
            b.append(String.format(Locale.ROOT, "  %.1f rows/s", rate()));
            Duration eta = eta();
            if (eta != null && done < total && !onlyWaitsLeft()) {
                b.append("  ETA ").append(human(eta));
            }
            if (failed > 0) {
                b.append("  ").append(failed).append(" failed");
            }
            if (waiting > 0) {
                b.append("  ").append(waitingFor());
            }
            return b.toString();
        }
    }

    private final String file;
    private final long total;
    private final Clock clock;
    private final long everyMillis;
    private final Sink sink;
    private final long startMillis;
    private long lastShown;
    private long started;
    private long created;
    private long failed;
    /** row number -> when its wait for the lookup ends (epoch ms) */
    private final Map<Long, Long> waits = new HashMap<>();
    private boolean finished;
    private Runnable onFinish = () -> { };

    public Progress(String file, long total, Clock clock, Duration every, Sink sink) {
        this.file = file;
        this.total = total;
        this.clock = clock;
        this.everyMillis = every.toMillis();
        this.sink = sink;
        this.startMillis = clock.millis();
        this.lastShown = startMillis;
    }

    /** A progress that shows nothing. */
    public static Progress none(String file) {
        return new Progress(file, RowCounter.UNKNOWN, Clock.systemUTC(), Duration.ofDays(365), (s, last) -> { });
    }

    /**
     * A row entered the row route; it is in flight until {@link #rowDone}. Counted there, not when it is read: the
     * splitter reads rows ahead, and those a shutdown finds not yet started are left for the next run.
     */
    public synchronized void rowStarted() {
        started++;
    }

    public synchronized void rowDone(boolean wasCreated) {
        if (wasCreated) {
            created++;
        } else {
            failed++;
        }
        showIfDue();
    }

    /** The row waits until {@code until} before its unknown outcome is looked up in Verifik. */
    public synchronized void waitingForLookup(long rowNumber, java.time.Instant until) {
        waits.put(rowNumber, until.toEpochMilli());
        showIfDue();
    }

    /** The row's wait is over: it is being looked up. */
    public synchronized void lookingUp(long rowNumber) {
        waits.remove(rowNumber);
    }

    /** From the ticker: while rows wait no row finishes, so the wait is shown on (at most once per interval). */
    public synchronized void tick() {
        if (!waits.isEmpty()) {
            showIfDue();
        }
    }

    private void showIfDue() {
        long now = clock.millis();
        if (!finished && now - lastShown >= everyMillis) {
            lastShown = now;
            sink.show(snapshot(now), false);
        }
    }

    /** The file is done (or stopped): the sink gets its last call. Only the first call counts. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        sink.show(snapshot(clock.millis()), true);
        onFinish.run();
    }

    public synchronized boolean finished() {
        return finished;
    }

    /** The pre-counted rows of the file, {@link RowCounter#UNKNOWN} when they could not be counted. */
    public long total() {
        return total;
    }

    /** Runs once, when the file is done: a ticker lets it go. */
    synchronized void onFinish(Runnable then) {
        this.onFinish = then;
    }

    public synchronized Snapshot snapshot() {
        return snapshot(clock.millis());
    }

    private Snapshot snapshot(long now) {
        long done = created + failed;
        long lastWait = waits.values().stream().mapToLong(Long::longValue).max().orElse(now);
        return new Snapshot(file, done, total, created, failed, Duration.ofMillis(now - startMillis),
                Math.max(0, started - done), waits.size(), Duration.ofMillis(Math.max(0, lastWait - now)));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    // ---- the two ways progress is shown -------------------------------------------------------------

    /** Log lines, at most one per interval; the last call is left to the file's "finished" line. */
    public static Factory logLines(Clock clock, Duration every) {
        Logger log = LoggerFactory.getLogger("verifik.importer.file");
        return (fileName, totalRows) -> ProgressTicker.SHARED.watch(new Progress(fileName, totalRows, clock, every,
                (s, last) -> {
                    if (!last) {
                        log.info("{}", s.line());
                    }
                }));
    }

    /**
     * A bar redrawn in place (carriage return, clear to the end of the line), ended by a line break. Give it
     * the console's own writer, so that it only ever reaches a terminal, never a redirected log or stdout.
     */
    public static Factory terminalBar(PrintWriter out, Clock clock) {
        return (fileName, totalRows) -> ProgressTicker.SHARED.watch(new Progress(fileName, totalRows, clock,
                Duration.ofMillis(200), (s, last) -> {
                    out.print("\r" + s.bar(30) + "\u001b[K" + (last ? System.lineSeparator() : ""));
                    out.flush();
                }));
    }
}

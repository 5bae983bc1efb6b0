package org.verifikimporter.job;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far along one file's import is: rows done of the pre-counted total, the rate and the time left.
 * Row threads report each row; the sink is shown at most once per interval: a live bar redrawn in place
 * on a terminal, or a log line (at most every {@code importer.progress-interval} seconds) when the
 * output goes to a log. The clock is injected, so the pacing is tested without waiting.
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

    /** The facts at one moment. {@code total} is {@link RowCounter#UNKNOWN} when the pre-count failed. */
    public record Snapshot(String file, long done, long total, long created, long failed, Duration elapsed) {

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
            if (eta != null) {
                b.append(", ETA ").append(human(eta));
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
            if (eta != null && done < total) {
                b.append("  ETA ").append(human(eta));
            }
            if (failed > 0) {
                b.append("  ").append(failed).append(" failed");
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
    private long created;
    private long failed;
    private boolean finished;

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

    public synchronized void rowDone(boolean wasCreated) {
        if (wasCreated) {
            created++;
        } else {
            failed++;
        }
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
    }

    public synchronized Snapshot snapshot() {
        return snapshot(clock.millis());
    }

    private Snapshot snapshot(long now) {
        return new Snapshot(file, created + failed, total, created, failed, Duration.ofMillis(now - startMillis));
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
        return (fileName, totalRows) -> new Progress(fileName, totalRows, clock, every, (s, last) -> {
            if (!last) {
                log.info("{}", s.line());
            }
        });
    }

    /**
     * A bar redrawn in place (carriage return, clear to the end of the line), ended by a line break. Give it
     * the console's own writer, so that it only ever reaches a terminal, never a redirected log or stdout.
     */
    public static Factory terminalBar(PrintWriter out, Clock clock) {
        return (fileName, totalRows) -> new Progress(fileName, totalRows, clock, Duration.ofMillis(200), (s, last) -> {
            out.print("\r" + s.bar(30) + "\u001b[K" + (last ? System.lineSeparator() : ""));
            out.flush();
        });
    }
}

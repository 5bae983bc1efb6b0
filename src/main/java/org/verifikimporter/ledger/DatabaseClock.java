package org.verifikimporter.ledger;

import io.github.bucket4j.TimeMeter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The time the shared rate budget is kept in: the database server's clock, as this process sees it. Bucket4j
 * reads the time on the client and stores it in the bucket; instances on several hosts each reading their
 * own clock would let a host whose clock is ahead take tokens early, by as much as the clocks disagree. One
 * clock for all of them leaves only how well each instance knows it: half a round trip to the database.
 *
 * <p>It runs on {@link System#nanoTime()} from an anchor taken from {@code clock_timestamp()}, so a step of
 * this host's wall clock does not move it; the anchor is taken again every {@link #REANCHOR_NANOS}, so
 * two hosts' oscillators drifting apart do not add up over a long {@code watch}.
 */
final class DatabaseClock implements TimeMeter {

    static final long REANCHOR_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int SAMPLES = 3;
    /**
     * A new anchor from a round trip longer than this, and than twice the current anchor's, is not taken:
     * it would say less about the moment than the one the clock has (a round trip's half is its error).
     */
    static final long MAX_ROUND_TRIP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Database epoch nanoseconds less System.nanoTime(); valid once {@link #anchored}. */
    private volatile long offsetNanos;
    private volatile long anchoredAt;
    private volatile long anchorRoundTrip;
    private volatile boolean anchored;

    @Override
    public long currentTimeNanos() {
        if (!anchored) {
            throw new IllegalStateException("the database clock is read before it was anchored");
        }
        return System.nanoTime() + offsetNanos;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    boolean anchorDue() {
        return !anchored || System.nanoTime() - anchoredAt > REANCHOR_NANOS;
    }

    /**
     * Reads the database's clock: the best of {@link #SAMPLES} round trips, since one that waited for a core
     * (either side) says little about the moment. The first anchor is taken however long they took.
     */
    void anchor(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // one query beforehand: the first on a connection carries its setup and would stretch the round trip
            st.execute("SELECT 1");
            long bestRoundTrip = Long.MAX_VALUE;
            long bestOffset = 0;
            long after = 0;
            for (int i = 0; i < SAMPLES; i++) {
                long before = System.nanoTime();
                long databaseMicros;
                try (ResultSet rs = st.executeQuery(
                        "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)")) {
                    rs.next();
                    databaseMicros = rs.getLong(1);
                }
                after = System.nanoTime();
                if (after - before < bestRoundTrip) {
                    bestRoundTrip = after - before;
                    bestOffset = TimeUnit.MICROSECONDS.toNanos(databaseMicros) - (before + bestRoundTrip / 2);
                }
            }
            if (anchored && bestRoundTrip > Math.max(MAX_ROUND_TRIP_NANOS, 2 * anchorRoundTrip)) {
                anchoredAt = after - REANCHOR_NANOS / 2; // try again in half the usual time
                return;
            }
            offsetNanos = bestOffset;
            anchorRoundTrip = bestRoundTrip;
            anchoredAt = after;
            anchored = true;
        }
    }
}

package org.verifikimporter.cluster;

import java.util.function.LongSupplier;

/**
 * A claim this instance holds. It is {@link #valid()} only while its lease is surely still this instance's:
 * up to two thirds of the lease after the start of the last renewal that succeeded. The database's lease
 * runs a full lease from that renewal, so a holder cut off from the database (or paused) stops writing a
 * third of a lease before any other instance can take the file over.
 */
public final class HeldClaim {

    private final String key;
    private final String fileName;
    private final long validNanos;
    private final LongSupplier nanoTime;
    private final ClaimKeeper keeper;
    private volatile long validUntil;
    private volatile boolean lost;
    private volatile Runnable onLoss = () -> { };

    HeldClaim(String key, String fileName, long leaseNanos, LongSupplier nanoTime, long takenAt, ClaimKeeper keeper) {
        this.key = key;
        this.fileName = fileName;
        this.validNanos = leaseNanos * 2 / 3;
        this.nanoTime = nanoTime;
        this.keeper = keeper;
        this.validUntil = takenAt + validNanos;
    }

    public String key() {
        return key;
    }

    public String fileName() {
        return fileName;
    }

    /**
     * Whether this instance may still act as the file's importer: send its rows, write its reports. Once
     * false it stays false: a report that skipped a line while the claim was in doubt must be rebuilt by
     * whoever imports the file next, so the import stops for good.
     */
    public boolean valid() {
        if (!lost && expiredLocally()) {
            lose();
        }
        return !lost;
    }

    /** What to do once the claim is lost (another instance took it over): stop importing the file. */
    public synchronized void onLoss(Runnable action) {
        this.onLoss = action;
        if (lost) {
            action.run();
        }
    }

    /** Notes the run this claim's file is imported as, so that {@code status} shows its progress. */
    public void attachRun(long runId) {
        keeper.attachRun(this, runId);
    }

    /** Lets the claim go; a claim another instance has taken over meanwhile stays theirs. */
    public void release() {
        keeper.release(this);
    }

    void renewed(long renewalStart) {
        validUntil = renewalStart + validNanos;
    }

    /** Past its validity the claim is as good as lost, whether or not the database says so yet. */
    boolean expiredLocally() {
        return nanoTime.getAsLong() - validUntil >= 0;
    }

    synchronized void lose() {
        if (!lost) {
            lost = true;
            onLoss.run();
        }
    }

    boolean lost() {
        return lost;
    }
}

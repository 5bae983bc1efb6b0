package org.verifikimporter.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.verifikimporter.domain.ExitCode;
import org.verifikimporter.domain.FileOutcome;

/**
 * What this process has done so far: each file's outcome, and whether Verifik stopped the run
 * (401/402/403), after which no further call may be made.
 */
public final class RunResults {

    private final List<FileOutcome> outcomes = new ArrayList<>();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    /** Files left to other instances sharing the ledger, by name: who holds each. */
    private final java.util.Map<String, String> heldElsewhere = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean fatal;

    public synchronized void add(FileOutcome outcome) {
        outcomes.add(outcome);
    }

    /** The file is another instance's to import now (its claim in the shared ledger): this one leaves it. */
    public void heldElsewhere(String fileName, String instanceName) {
        heldElsewhere.put(fileName, instanceName);
    }

    /** Which instance imports the file, when this one left it to another; null otherwise. */
    public String holderOf(String fileName) {
        return heldElsewhere.get(fileName);
    }

    public synchronized List<FileOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** @return true for the first caller only, so the reason is logged once */
    public boolean stop(String reason) {
        return stopReason.compareAndSet(null, reason);
    }

    /** The importer itself cannot go on (its ledger cannot be written): stop, exit 1. */
    public boolean fail(String reason) {
        fatal = true;
        return stop(reason);
    }

    public boolean stopped() {
        return stopReason.get() != null;
    }

    public String stopReason() {
        return stopReason.get();
    }

    public synchronized ExitCode exitCode() {
        ExitCode worst = fatal ? ExitCode.CONFIG_ERROR : stopped() ? ExitCode.RUN_STOPPED : ExitCode.OK;
        for (FileOutcome o : outcomes) {
            worst = worst.worst(o.exitCode());
        }
        return worst;
    }
}

package org.verifikimporter.camel.inbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.camel.file.RunStoppedException;
import org.verifikimporter.cluster.ClaimKeeper;
import org.verifikimporter.cluster.HeldClaim;
import org.verifikimporter.domain.ErrorText;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Claim;

/**
 * The inbox's read lock across instances: Camel's file consumer ({@code readLock=idempotent-changed}) asks
 * this repository for a file before it reads it, and lets it go after the file is moved (or left in the inbox
 * on a rollback). Each file is a claim in the ledger ({@link ClaimKeeper}): one instance at a time imports it,
 * and a dead instance's claim expires so that another takes the file over. The import also claims the file's
 * content, so that two names for one content never run at once (the ledger keeps one import per content).
 */
public final class InboxClaims extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.cluster");

    private final ClaimKeeper keeper;
    private final RunResults results;
    private final Map<String, HeldClaim> files = new ConcurrentHashMap<>();
    private final Map<String, HeldClaim> contents = new ConcurrentHashMap<>();
    /** The owner token of the instance each held file was taken over from, if it was. */
    private final Map<String, String> takenOverFrom = new ConcurrentHashMap<>();
    /** "file|holder" pairs already told of at INFO: a watch polling a held file says so once, not every poll. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    public InboxClaims(ClaimKeeper keeper, RunResults results) {
        this.keeper = keeper;
        this.results = results;
    }

    /** The read lock: called with the file's name before the consumer reads it. */
    @Override
    public boolean add(String fileName) {
        ClaimKeeper.Outcome outcome;
        try {
            outcome = keeper.take("file:" + fileName, fileName);
        } catch (RuntimeException e) {
            LOG.warn("{}: not read now: it cannot be claimed in the ledger ({}); tried again on the next poll",
                    Printable.of(fileName), ErrorText.describe(e));
            return false;
        }
        if (outcome.taken()) {
            files.put(fileName, outcome.claim());
            if (outcome.takenOver()) {
                takenOverFrom.put(fileName, outcome.expired().owner());
                tellTakeover(fileName, outcome.expired());
            }
            return true;
        }
        tell(fileName, outcome.holder(), "is being imported by instance");
        return false;
    }

    /**
     * Claims the content of a file this instance holds, before its import begins.
     *
     * @throws RunStoppedException when another instance imports the same content now: the file waits in the inbox
     */
    public void claimContent(String fileName, String sha256) {
        ClaimKeeper.Outcome outcome = keeper.take("content:" + sha256, fileName);
        if (!outcome.taken()) {
            Claim holder = outcome.holder();
            tell(fileName, holder, "has the same content as a file being imported by instance");
            throw new RunStoppedException("its content is being imported by another instance");
        }
        contents.put(fileName, outcome.claim());
        // a file taken over brings its content's claim with it: that takeover was told already
        if (outcome.takenOver() && !outcome.expired().owner().equals(takenOverFrom.get(fileName))) {
            tellTakeover(fileName, outcome.expired());
        }
    }

    private static void tellTakeover(String fileName, Claim expired) {
        LOG.warn("{}: taken over from instance {}, whose claim expired (last heartbeat {} s ago)",
                Printable.of(fileName), Printable.of(expired.instanceName()), expired.heartbeatAgeMillis() / 1000);
    }

    /** Whether this instance is still the file's importer (see {@link HeldClaim#valid()}). */
    public boolean holds(String fileName) {
        HeldClaim file = files.get(fileName);
        HeldClaim content = contents.get(fileName);
        return (file == null || file.valid()) && (content == null || content.valid());
    }

    /** Runs {@code action} if either claim of the file is lost. */
    public void onLoss(String fileName, Runnable action) {
        HeldClaim file = files.get(fileName);
        HeldClaim content = contents.get(fileName);
        if (file != null) {
            file.onLoss(action);
        }
        if (content != null) {
            content.onLoss(action);
        }
    }

    public void attachRun(String fileName, long runId) {
        HeldClaim content = contents.get(fileName);
        HeldClaim file = files.get(fileName);
        try {
            if (content != null) {
                content.attachRun(runId);
            }
            if (file != null) {
                file.attachRun(runId);
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: its run could not be noted on its claim: {}", Printable.of(fileName), ErrorText.describe(e));
        }
    }

    /** The end of the file's import, however it ended. */
    public void releaseContent(String fileName) {
        HeldClaim content = contents.remove(fileName);
        if (content != null) {
            content.release();
        }
    }

    /** The consumer is done with the file (moved it, or left it in the inbox). */
    @Override
    public boolean remove(String fileName) {
        releaseContent(fileName);
        takenOverFrom.remove(fileName);
        HeldClaim file = files.remove(fileName);
        if (file != null) {
            file.release();
        }
        return true;
    }

    private void tell(String fileName, Claim holder, String what) {
        results.heldElsewhere(fileName, holder == null ? "another instance" : "instance " + holder.instanceName());
        if (holder == null) {
            LOG.info("{}: claimed by another instance just now; left to it", Printable.of(fileName));
            return;
        }
        String line = "{}: " + what + " {} (last heartbeat {} s ago{}); left to it";
        Object[] args = {Printable.of(fileName), Printable.of(holder.instanceName()), holder.heartbeatAgeMillis() / 1000,
                holder.fileName().equals(fileName) ? "" : ", as " + Printable.of(holder.fileName())};
        if (told.add(fileName + "|" + holder.owner())) {
            LOG.info(line, args);
        } else {
            LOG.debug(line, args);
        }
    }

    @Override
    public boolean contains(String fileName) {
        return files.containsKey(fileName);
    }

    /** Never called with readLockRemoveOnCommit=true; a moved file has nothing to confirm. */
    @Override
    public boolean confirm(String fileName) {
        return true;
    }

    @Override
    public void clear() {
        // the claims are the ledger's, and each is dropped with its file
    }
}

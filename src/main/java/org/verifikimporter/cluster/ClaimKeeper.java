package org.verifikimporter.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.ErrorText;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.ledger.Claim;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerClaims;
import org.verifikimporter.ledger.LedgerException;

/**
 * This instance's claims in the ledger, and their heartbeat. A claim is taken atomically in the database
 * (see the ledger's claim SQL), renewed every third of {@code importer.cluster.lease} while it is held, and
 * dropped when its file is done or handed back (SIGTERM). A claim whose holder died expires after the lease,
 * and the next instance that asks takes it over. Claims and their times live in the database only, never
 * in marker files beside the input: every instance reads the same rows and the same clock.
 */
public final class ClaimKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.cluster");

    private final LedgerClaims claims;
    private final Instance instance;
    private final long leaseMillis;
    private final LongSupplier nanoTime;
    private final Map<String, HeldClaim> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile boolean failing;

    public ClaimKeeper(Ledger ledger, Instance instance, Duration lease) {
        this(ledger, instance, lease, System::nanoTime);
    }

    ClaimKeeper(Ledger ledger, Instance instance, Duration lease, LongSupplier nanoTime) {
        this.claims = ledger.claims();
        this.instance = instance;
        this.leaseMillis = lease.toMillis();
        this.nanoTime = nanoTime;
        if (!ledger.shared()) {
            // no other process can have this database open: its claims are a dead process's (kill -9)
            int stale = claims.releaseEvery();
            if (stale > 0) {
                LOG.debug("Dropped {} claim(s) left by an importer that did not end cleanly", stale);
            }
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claims-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, leaseMillis / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    public Instance instance() {
        return instance;
    }

    /**
     * What became of asking for a claim: held by this instance now, or by {@code holder}. {@code expired} is
     * the other instance's claim this one replaced (its lease ran out), if any.
     */
    public record Outcome(HeldClaim claim, Claim holder, Claim expired) {
        public boolean taken() {
            return claim != null;
        }

        public boolean takenOver() {
            return expired != null;
        }
    }

    /** Takes the claim if it is free or its lease has expired. Never waits for it. */
    public Outcome take(String key, String fileName) {
        long start = nanoTime.getAsLong();
        Optional<Claim> before = claims.find(key);
        if (claims.take(key, instance.owner(), instance.name(), fileName, leaseMillis)) {
            HeldClaim claim = new HeldClaim(key, fileName, TimeUnit.MILLISECONDS.toNanos(leaseMillis), nanoTime, start,
                    this);
            held.put(key, claim);
            return new Outcome(claim, null, before.filter(b -> !b.owner().equals(instance.owner())).orElse(null));
        }
        return new Outcome(null, claims.find(key).orElse(null), null);
    }

    void attachRun(HeldClaim claim, long runId) {
        claims.attachRun(claim.key(), instance.owner(), runId);
    }

    void release(HeldClaim claim) {
        if (held.remove(claim.key(), claim)) {
            try {
                claims.release(claim.key(), instance.owner());
            } catch (LedgerException e) {
                LOG.warn("{}: its claim could not be released ({}); it expires within {} s",
                        Printable.of(claim.fileName()), ErrorText.describe(e), leaseMillis / 1000);
            }
        }
    }

    /** The heartbeat. A claim the database no longer gives this instance is lost: its file is left to the new holder. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        long start = nanoTime.getAsLong();
        Set<String> still;
        try {
            still = new HashSet<>(claims.renew(instance.owner(), leaseMillis));
            if (failing) {
                failing = false;
                LOG.info("The claims are renewed again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot renew the claims on {} file(s) ({}); if this goes on for {} s, their imports stop "
                        + "and other instances take them over", held.size(), ErrorText.describe(e), leaseMillis * 2 / 3000);
            }
            held.values().stream().filter(HeldClaim::expiredLocally).forEach(c -> lost(c, false));
            return;
        }
        for (HeldClaim claim : List.copyOf(held.values())) {
            boolean ours = still.contains(claim.key());
            if (ours && !claim.expiredLocally() && !claim.lost()) {
                claim.renewed(start);
            } else {
                // still ours in the database but in doubt here (a pause past its validity): handed back, so that
                // the next importer of the file need not wait out the lease
                lost(claim, ours);
            }
        }
    }

    private void lost(HeldClaim claim, boolean handBack) {
        if (held.remove(claim.key(), claim)) {
            LOG.error("{}: this instance lost its claim (not renewed in time): it stops importing the file and "
                    + "leaves it, and its reports, to the instance that takes it over", Printable.of(claim.fileName()));
            claim.lose();
            if (handBack) {
                try {
                    claims.release(claim.key(), instance.owner());
                } catch (LedgerException e) {
                    LOG.debug("Handing back a claim in doubt failed: {}", ErrorText.describe(e));
                }
            }
        }
    }

    /** Stops the heartbeat and hands every claim still held back at once (SIGTERM, the end of a run). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        if (held.isEmpty()) {
            return;
        }
        held.clear();
        try {
            claims.releaseAll(instance.owner());
        } catch (LedgerException e) {
            LOG.warn("The claims could not be released ({}); they expire within {} s", ErrorText.describe(e),
                    leaseMillis / 1000);
        }
    }
}

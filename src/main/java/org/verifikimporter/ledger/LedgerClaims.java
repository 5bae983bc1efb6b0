package org.verifikimporter.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The claims in the ledger by which instances on one database divide the files and contents among them
 * ({@code file_claim}). Each method runs in a transaction of its own, after every row write queued before it.
 */
public final class LedgerClaims {

    private final GroupCommitWriter writer;
    private final ClaimRepository claims;

    LedgerClaims(GroupCommitWriter writer, SqlDialect dialect) {
        this.writer = writer;
        this.claims = new ClaimRepository(dialect);
    }

    /** @return whether {@code owner} now holds the claim: it was free, or its lease had expired */
    public boolean take(String key, String owner, String instanceName, String fileName, long leaseMillis) {
        return writer.afterQueued("cannot take a claim in the ledger",
                c -> claims.take(c, key, owner, instanceName, fileName, leaseMillis));
    }

    /** The heartbeat: every claim of {@code owner} lasts {@code leaseMillis} from now. Returns the keys it still holds. */
    public List<String> renew(String owner, long leaseMillis) {
        return writer.afterQueued("cannot renew the claims in the ledger", c -> claims.renew(c, owner, leaseMillis));
    }

    public void release(String key, String owner) {
        writer.afterQueued("cannot release a claim in the ledger", c -> claims.release(c, key, owner));
    }

    public void releaseAll(String owner) {
        writer.afterQueued("cannot release the claims in the ledger", c -> claims.releaseAll(c, owner));
    }

    /** Only where no other process can have the database open: every claim in it is a dead process's. */
    public int releaseEvery() {
        return writer.afterQueued("cannot release the claims in the ledger", claims::releaseEvery);
    }

    /** Notes which run the claim's holder imports, for {@code status}. */
    public void attachRun(String key, String owner, long runId) {
        writer.afterQueued("cannot write a claim in the ledger", c -> claims.attachRun(c, key, owner, runId));
    }

    public Optional<Claim> find(String key) {
        return writer.afterQueued("cannot read the ledger", c -> claims.find(c, key));
    }

    /** Every claim, oldest first, whether live or expired. */
    public List<Claim> all() {
        return writer.afterQueued("cannot read the ledger", claims::all);
    }
}

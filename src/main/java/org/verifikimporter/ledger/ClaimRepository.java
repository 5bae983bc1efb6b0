package org.verifikimporter.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of {@code file_claim}: taking a claim, renewing and dropping it, and listing the claims. Each
 * method runs inside a transaction the caller opened. Every time is the database's ({@link SqlDialect}).
 *
 * <p>Taking a claim is one statement on PostgreSQL and SQLite: an insert that, when the key is there already,
 * updates it only if it has expired. PostgreSQL locks the row for the update and checks the condition again
 * after any concurrent update committed, so of any number of instances racing for a key exactly one gets
 * it. H2 has no such upsert; its file is opened by one process at a time, and the ledger's single writer
 * connection runs the two statements below one claim after another.
 */
final class ClaimRepository {

    private static final String COLUMNS = "claim_key, owner, instance_name, file_name, run_id, claimed_at, "
            + "heartbeat_at, expires_at";

    private final SqlDialect dialect;
    private final String now;

    ClaimRepository(SqlDialect dialect) {
        this.dialect = dialect;
        this.now = dialect.nowMillis;
    }

    /** @return whether {@code owner} holds the claim now (it was free, or had expired) */
    boolean take(CachedConnection c, String key, String owner, String instanceName, String fileName, long leaseMillis)
            throws SQLException {
        if (dialect.upsert) {
            PreparedStatement ps = c.prepare("INSERT INTO file_claim (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL, "
                    + now + ", " + now + ", " + now + " + ?) ON CONFLICT (claim_key) DO UPDATE SET "
                    + "owner = excluded.owner, instance_name = excluded.instance_name, file_name = excluded.file_name, "
                    + "run_id = NULL, claimed_at = excluded.claimed_at, heartbeat_at = excluded.heartbeat_at, "
                    + "expires_at = excluded.expires_at WHERE file_claim.expires_at < excluded.claimed_at");
            ps.setString(1, key);
            ps.setString(2, owner);
            ps.setString(3, instanceName);
            ps.setString(4, fileName);
            ps.setLong(5, leaseMillis);
            return ps.executeUpdate() == 1;
        }
        PreparedStatement expired = c.prepare("UPDATE file_claim SET owner = ?, instance_name = ?, file_name = ?, "
                + "run_id = NULL, claimed_at = " + now + ", heartbeat_at = " + now + ", expires_at = " + now + " + ? "
                + "WHERE claim_key = ? AND expires_at < " + now);
        expired.setString(1, owner);
        expired.setString(2, instanceName);
        expired.setString(3, fileName);
        expired.setLong(4, leaseMillis);
        expired.setString(5, key);
        if (expired.executeUpdate() == 1) {
            return true;
        }
        PreparedStatement free = c.prepare("INSERT INTO file_claim (" + COLUMNS + ") SELECT ?, ?, ?, ?, NULL, " + now
                + ", " + now + ", " + now + " + ? FROM (VALUES (1)) v WHERE NOT EXISTS "
                + "(SELECT 1 FROM file_claim WHERE claim_key = ?)");
        free.setString(1, key);
        free.setString(2, owner);
        free.setString(3, instanceName);
        free.setString(4, fileName);
        free.setLong(5, leaseMillis);
        free.setString(6, key);
        return free.executeUpdate() == 1;
    }

    /** Moves every claim {@code owner} still holds to {@code leaseMillis} from now; returns the keys it still holds. */
    List<String> renew(CachedConnection c, String owner, long leaseMillis) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE file_claim SET heartbeat_at = " + now + ", expires_at = " + now
                + " + ? WHERE owner = ?");
        ps.setLong(1, leaseMillis);
        ps.setString(2, owner);
        ps.executeUpdate();
        PreparedStatement held = c.prepare("SELECT claim_key FROM file_claim WHERE owner = ?");
        held.setString(1, owner);
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = held.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** Drops the claim if {@code owner} holds it; a claim another instance took over is left to it. */
    int release(CachedConnection c, String key, String owner) throws SQLException {
        PreparedStatement ps = c.prepare("DELETE FROM file_claim WHERE claim_key = ? AND owner = ?");
        ps.setString(1, key);
        ps.setString(2, owner);
        return ps.executeUpdate();
    }

    int releaseAll(CachedConnection c, String owner) throws SQLException {
        PreparedStatement ps = c.prepare("DELETE FROM file_claim WHERE owner = ?");
        ps.setString(1, owner);
        return ps.executeUpdate();
    }

    /** Every claim: only one process can have the embedded file open, so any claim in it is a dead process's. */
    int releaseEvery(CachedConnection c) throws SQLException {
        return c.prepare("DELETE FROM file_claim").executeUpdate();
    }

    int attachRun(CachedConnection c, String key, String owner, long runId) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE file_claim SET run_id = ? WHERE claim_key = ? AND owner = ?");
        ps.setLong(1, runId);
        ps.setString(2, key);
        ps.setString(3, owner);
        return ps.executeUpdate();
    }

    Optional<Claim> find(CachedConnection c, String key) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT " + COLUMNS + ", " + now + " AS now_ms FROM file_claim WHERE claim_key = ?");
        ps.setString(1, key);
        List<Claim> found = claims(ps);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Claim> all(CachedConnection c) throws SQLException {
        return claims(c.prepare("SELECT " + COLUMNS + ", " + now + " AS now_ms FROM file_claim ORDER BY claimed_at"));
    }

    private static List<Claim> claims(PreparedStatement ps) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long run = rs.getLong("run_id");
                Long runId = rs.wasNull() ? null : run;
                claims.add(new Claim(rs.getString("claim_key"), rs.getString("owner"), rs.getString("instance_name"),
                        rs.getString("file_name"), runId, rs.getLong("claimed_at"), rs.getLong("heartbeat_at"),
                        rs.getLong("expires_at"), rs.getLong("now_ms")));
            }
        }
        return claims;
    }
}

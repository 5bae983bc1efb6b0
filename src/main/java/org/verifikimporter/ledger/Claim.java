package org.verifikimporter.ledger;

/**
 * One claim as the database holds it, read together with the database's clock ({@code nowMillis}), so that
 * ages and expiries come out the same for every instance that reads it.
 *
 * @param runId null until the holder has begun the import of the file
 */
public record Claim(String key, String owner, String instanceName, String fileName, Long runId, long claimedAt,
                    long heartbeatAt, long expiresAt, long nowMillis) {

    public boolean live() {
        return expiresAt > nowMillis;
    }

    public long heartbeatAgeMillis() {
        return Math.max(0, nowMillis - heartbeatAt);
    }
}

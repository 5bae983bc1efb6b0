-- importer.rate as one budget for every instance on this PostgreSQL ledger: one Bucket4j token bucket per
-- API token (org.verifikimporter.ledger.SharedRateBudget). Its own migrations and history table
-- (flyway_rate_budget_history), run on PostgreSQL only: an H2 or SQLite ledger has one importer, which
-- needs no shared bucket, and the ledger's own migration numbers stay free for the ledger.
CREATE TABLE rate_budget (
    id    VARCHAR(64) PRIMARY KEY, -- a SHA-256 digest of the token, never the token itself
    state BYTEA                    -- Bucket4j's bucket, read and written under SELECT ... FOR UPDATE
);

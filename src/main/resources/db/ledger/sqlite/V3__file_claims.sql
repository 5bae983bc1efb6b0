-- Who imports which file now, when several importers share this database (DESIGN section 7). A claim is a
-- lease: its holder renews it (heartbeat_at, expires_at) while it imports the file; a claim past expires_at
-- belongs to nobody and the next instance to ask takes it over. "file:<name>" is held from the moment the
-- inbox takes the file until it is moved; "content:<sha256>" while an import of that content runs, so two
-- files with the same content are never imported at once under different names.
-- Times are milliseconds since 1970 by the database's clock, the one clock all instances share.
CREATE TABLE file_claim (
    claim_key     TEXT NOT NULL PRIMARY KEY,
    owner         TEXT NOT NULL,  -- the instance's name and a token of its start: a restart is a new owner
    instance_name TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    run_id        INTEGER,  -- the import_run it imports, once known (for status)
    claimed_at    INTEGER NOT NULL,
    heartbeat_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX file_claim_owner ON file_claim (owner);

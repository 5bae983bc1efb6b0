-- A row whose outcome stayed unknown and that an operator put back into the inbox (retry --unknown), after
-- Verifik still listed no validation for it. Its ledger_row goes from UNKNOWN to PUT_BACK in the same
-- transaction, so the dedupe lookup (CREATED, SENDING, UNKNOWN) lets that person through again, and no other.
-- sha256 is the content of the file the row went back in as: a second import of that content, after an
-- earlier complete one, is not refused as "already imported" while a row was put back into it since.
-- Times are epoch milliseconds, as in V1.
CREATE TABLE row_put_back (
    run_id     INTEGER NOT NULL,
    row_number INTEGER NOT NULL,
    file_name  TEXT    NOT NULL,  -- the name it was given in the inbox
    sha256     TEXT    NOT NULL,
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, row_number)
) WITHOUT ROWID;
CREATE INDEX row_put_back_sha256 ON row_put_back (sha256);

-- A row whose outcome stayed unknown and that an operator put back into the inbox (retry --unknown), after
-- Verifik still listed no validation for it. Its ledger_row goes from UNKNOWN to PUT_BACK in the same
-- transaction, so the dedupe lookup (CREATED, SENDING, UNKNOWN) lets that person through again, and no other.
-- sha256 is the content of the file the row went back in as: a second import of that content, after an
-- earlier complete one, is not refused as "already imported" while a row was put back into it since.
-- A table of its own rather than columns of ledger_row: its index must not cost every SENDING insert.
CREATE TABLE row_put_back (
    run_id     BIGINT        NOT NULL,
    row_number BIGINT        NOT NULL,
    file_name  VARCHAR(1024) NOT NULL,  -- the name it was given in the inbox
    sha256     CHAR(64)      NOT NULL,
    decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, row_number)
);
CREATE INDEX row_put_back_sha256 ON row_put_back (sha256);

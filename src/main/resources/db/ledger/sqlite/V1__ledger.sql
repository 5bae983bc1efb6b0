-- The embedded ledger (SQLite): the same tables and meaning as db/ledger/standard (PostgreSQL, H2).
-- Times are epoch milliseconds (SQLite has no timestamp type); the importer converts them.

-- One import of one input file (by content). A file whose run never finished is resumed, not restarted.
CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    report_dir  TEXT    NOT NULL,
    state       TEXT    NOT NULL,   -- RUNNING, STOPPED (by Verifik: 401/402/403), DONE
    started_at  INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX import_run_sha256 ON import_run (sha256);

-- One row of a run that was sent. A row with no record here is pending: it was never sent.
-- SENDING is written and committed before the request leaves the process.
-- WITHOUT ROWID: the primary key is the table's own B-tree, so a row costs one tree plus the person index.
CREATE TABLE ledger_row (
    run_id        INTEGER NOT NULL,
    row_number    INTEGER NOT NULL,
    person_key    TEXT    NOT NULL,  -- sha256 of project, projectFlow, identifier, type: no personal data
    state         TEXT    NOT NULL,  -- SENDING, CREATED, FAILED, UNKNOWN
    attempts      INTEGER NOT NULL,
    validation_id TEXT,
    status        TEXT,
    url           TEXT,
    error_code    TEXT,
    error_message TEXT,
    http_status   INTEGER,
    retryable     INTEGER,           -- 0 or 1
    sending_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    PRIMARY KEY (run_id, row_number)
) WITHOUT ROWID;
-- on the person alone (not its state too, as in standard/): a row's state changes twice, and each change
-- would move its entry in this index; a person has few rows, so the state is filtered after the lookup
CREATE INDEX ledger_row_person ON ledger_row (person_key);

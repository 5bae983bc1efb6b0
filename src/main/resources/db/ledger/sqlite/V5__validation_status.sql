-- What Verifik says of each created validation after its create answer (DESIGN section 9): its current status
-- and every change, from a tracking read ('read') or a webhook event ('webhook'). A validation with no row
-- here still has the create answer's status, ledger_row.status (usually 'new'). Statuses are kept exactly as
-- Verifik sent them, any value: the importer maps them to open/completed/failed/expired when it shows them.
-- Times are epoch milliseconds, as in V1.
CREATE TABLE validation_status (
    validation_id TEXT    NOT NULL PRIMARY KEY,  -- Verifik's _id, the one in ledger_row.validation_id
    run_id        INTEGER NOT NULL,
    row_number    INTEGER NOT NULL,
    status        TEXT    NOT NULL,  -- exactly as Verifik sent it
    changed_at    INTEGER NOT NULL,  -- when this status was first seen
    checked_at    INTEGER NOT NULL   -- the last read or webhook that confirmed it
) WITHOUT ROWID;
CREATE INDEX validation_status_run ON validation_status (run_id);

CREATE TABLE validation_status_change (
    validation_id TEXT    NOT NULL,
    old_status    TEXT,              -- null: first seen (the create answer's status is ledger_row.status)
    new_status    TEXT    NOT NULL,
    changed_at    INTEGER NOT NULL,
    source        TEXT    NOT NULL   -- 'read' or 'webhook'
);
CREATE INDEX validation_status_change_id ON validation_status_change (validation_id);

-- a webhook event and a list page name validations by id only
CREATE INDEX ledger_row_validation ON ledger_row (validation_id);

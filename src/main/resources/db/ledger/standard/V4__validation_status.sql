-- What Verifik says of each created validation after its create answer (DESIGN section 9): its current status
-- and every change, from a tracking read ('read') or a webhook event ('webhook'). A validation with no row
-- here still has the create answer's status, ledger_row.status (usually 'new'). Statuses are kept exactly as
-- Verifik sent them, any value: the importer maps them to open/completed/failed/expired when it shows them.
CREATE TABLE validation_status (
    validation_id VARCHAR(256) NOT NULL PRIMARY KEY,  -- Verifik's _id, the one in ledger_row.validation_id
    run_id        BIGINT       NOT NULL,
    row_number    BIGINT       NOT NULL,
    status        VARCHAR(64)  NOT NULL,  -- exactly as Verifik sent it
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,  -- when this status was first seen
    checked_at    TIMESTAMP WITH TIME ZONE NOT NULL   -- the last read or webhook that confirmed it
);
CREATE INDEX validation_status_run ON validation_status (run_id);

CREATE TABLE validation_status_change (
    validation_id VARCHAR(256) NOT NULL,
    old_status    VARCHAR(64),             -- null: first seen (the create answer's status is ledger_row.status)
    new_status    VARCHAR(64)  NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    source        VARCHAR(16)  NOT NULL    -- 'read' or 'webhook'
);
CREATE INDEX validation_status_change_id ON validation_status_change (validation_id);

-- a webhook event and a list page name validations by id only
CREATE INDEX ledger_row_validation ON ledger_row (validation_id);

-- The person index, kept per run instead of per row. Maintained per row, its random keys dirtied one more
-- page in every commit of a SENDING record: ~40 % of the ledger's cost in a probe. The dedupe lookup
-- (importer.dedupe-window) only ever looks at other runs, and one importer at a time writes this file,
-- one file at a time, so a run's persons are indexed in bulk when it ends, and a run cut short (crash,
-- kill) when the next run starts.
CREATE TABLE ledger_person (
    person_key TEXT    NOT NULL,  -- as ledger_row.person_key
    run_id     INTEGER NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (person_key, run_id, row_number)
) WITHOUT ROWID;

-- 1 once every row of the run is in ledger_person; a resumed run goes back to 0 while it gains rows
ALTER TABLE import_run ADD COLUMN persons_indexed INTEGER NOT NULL DEFAULT 0;

INSERT INTO ledger_person (person_key, run_id, row_number)
    SELECT person_key, run_id, row_number FROM ledger_row;
UPDATE import_run SET persons_indexed = 1;

DROP INDEX ledger_row_person;

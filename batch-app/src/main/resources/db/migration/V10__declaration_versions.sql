-- Amendments and cancellations (docs/ARCHITECTURE.md, "Amendments"). The message function a declaration carried
-- (UN/EDIFACT 1225: 9 original, 5 replacement, 1 cancellation); a constant default adds the column without
-- rewriting the table.
ALTER TABLE declaration ADD COLUMN message_function TEXT NOT NULL DEFAULT '9';

-- The versions after the first of an accepted declaration number, append-only. Version 1 is the original's
-- declaration_number claim and its declaration row, so an original costs no row here. The primary key makes a
-- version applicable once: a chunk restarted after a crash cannot apply it twice.
CREATE TABLE declaration_version (
    sender                  TEXT NOT NULL,
    declaration_no          TEXT NOT NULL,
    version                 INT NOT NULL CHECK (version >= 2),
    message_function        TEXT NOT NULL CHECK (message_function IN ('5', '1')),
    file_id                 BIGINT NOT NULL,
    msg_index               INT NOT NULL,
    run_id                  BIGINT NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('ACCEPTED', 'CANCELLED')),
    declaration_date        DATE NOT NULL,   -- the original's: the rates every version is assessed at
    importer_code           TEXT,
    acceptance_no           TEXT,
    customs_value_krw       NUMERIC(20,0) NOT NULL,
    duty_krw                NUMERIC(20,0) NOT NULL,
    vat_krw                 NUMERIC(20,0) NOT NULL,
    channel                 TEXT,
    previous_acceptance_no  TEXT,
    previous_customs_value  NUMERIC(20,0) NOT NULL,
    previous_duty           NUMERIC(20,0) NOT NULL,
    previous_vat            NUMERIC(20,0) NOT NULL,
    entry_key               TEXT,            -- the new version's journal entry, null when nothing is owed
    reversal_key            TEXT,            -- the reversal of the previous version's entry, null when it had none
    PRIMARY KEY (sender, declaration_no, version)
);
-- The answer step finds a declaration's version by its message.
CREATE INDEX declaration_version_message ON declaration_version (file_id, msg_index);

CREATE TRIGGER declaration_version_append_only BEFORE UPDATE OR DELETE ON declaration_version
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER declaration_version_no_truncate BEFORE TRUNCATE ON declaration_version
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- An amendment from another sender is told apart from an unknown number by the number alone.
CREATE INDEX declaration_number_no ON declaration_number (declaration_no);

-- Customs: reference data, intake, syntax and content outcomes, declarations, the double-entry ledger,
-- answers and the exception list.

-- Reference data: dated tables loaded from edi-schemas/reference/*.csv (see ReferenceDataLoader).
CREATE TABLE ref_dataset (
    name        TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    row_count   INT  NOT NULL,
    loaded_at   TIMESTAMPTZ NOT NULL
);
CREATE TABLE ref_tariff (
    hs_code        TEXT NOT NULL,
    valid_from     DATE NOT NULL,
    valid_to       DATE NOT NULL,
    duty_rate_pct  NUMERIC(9,4) NOT NULL,
    unit           TEXT NOT NULL,
    description    TEXT NOT NULL,
    PRIMARY KEY (hs_code, valid_from)
);
CREATE TABLE ref_exchange_rate (
    currency    TEXT NOT NULL,
    week_start  DATE NOT NULL,
    week_end    DATE NOT NULL,
    rate_krw    NUMERIC(18,6) NOT NULL,
    PRIMARY KEY (currency, week_start),
    CHECK (EXTRACT(DOW FROM week_start) = 0 AND week_end = week_start + 6)
);
CREATE TABLE ref_party (
    party_id      TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    name          TEXT NOT NULL,
    brn           TEXT NOT NULL,
    customs_code  TEXT NOT NULL UNIQUE,
    edi_id        TEXT NOT NULL UNIQUE,
    poor_history  BOOLEAN NOT NULL,
    status        TEXT NOT NULL,
    valid_from    DATE NOT NULL
);
CREATE TABLE ref_reference_price (
    hs_code             TEXT NOT NULL,
    valid_from          DATE NOT NULL,
    valid_to            DATE NOT NULL,
    unit                TEXT NOT NULL,
    ref_unit_value_krw  NUMERIC(18,2) NOT NULL,
    PRIMARY KEY (hs_code, valid_from)
);
CREATE TABLE ref_selectivity_rule (
    rule_id      TEXT NOT NULL,
    valid_from   DATE NOT NULL,
    valid_to     DATE NOT NULL,
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    score        INT  NOT NULL,
    description  TEXT NOT NULL,
    PRIMARY KEY (rule_id, valid_from)
);

-- Intake: one row per file claimed from the inbox.
CREATE TABLE inbound_file (
    id             BIGSERIAL PRIMARY KEY,
    run_id         BIGINT NOT NULL,          -- Spring Batch job instance that claimed it
    original_name  TEXT NOT NULL,
    work_path      TEXT NOT NULL UNIQUE,
    sha256         TEXT NOT NULL,
    size_bytes     BIGINT NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL,
    format         TEXT NOT NULL,            -- EDIFACT, XML, UNKNOWN
    sender         TEXT,
    state          TEXT NOT NULL,            -- CLAIMED, ACCEPTED (interchange ok), REJECTED (whole file), ARCHIVED, QUARANTINED
    reason_code    TEXT,
    reason_text    TEXT,
    final_path     TEXT,
    -- digital verification outcome (see signature package)
    signature_path TEXT,
    sig_form       TEXT,                     -- DETACHED (.p7s), ATTACHED (.p7m), NONE
    sig_status     TEXT,                     -- PASSED, FAILED, INDETERMINATE, NOT_REQUIRED
    sig_reason     TEXT,                     -- SubReason
    sig_detail     TEXT,
    signer_subject TEXT,
    signer_brn     TEXT
);
CREATE INDEX inbound_file_run ON inbound_file (run_id);
CREATE INDEX inbound_file_sha ON inbound_file (sha256);

CREATE TABLE interchange (
    file_id          BIGINT PRIMARY KEY REFERENCES inbound_file(id),
    sender           TEXT NOT NULL,
    sender_qual      TEXT,
    recipient        TEXT NOT NULL,
    recipient_qual   TEXT,
    control_ref      TEXT NOT NULL,
    syntax_id        TEXT NOT NULL,
    syntax_version   TEXT NOT NULL,
    message_count    INT NOT NULL,
    status           TEXT NOT NULL,          -- ACCEPTED or REJECTED (then UCI action 4)
    error_code       TEXT,
    error_segment    TEXT,
    error_element    INT,
    error_component  INT,
    error_text       TEXT
);
CREATE INDEX interchange_sender_ref ON interchange (sender, control_ref);

-- Syntax outcome per message: what CONTRL's UCM/UCS/UCD say.
-- Its parent file and the declaration's parent message are checked by triggers below, not by foreign keys.
CREATE TABLE message_result (
    file_id       BIGINT NOT NULL,
    msg_index     INT NOT NULL,
    message_ref   TEXT NOT NULL,
    message_type  TEXT NOT NULL,
    status        TEXT NOT NULL,             -- ACCEPTED or REJECTED
    PRIMARY KEY (file_id, msg_index)
);
CREATE TABLE syntax_error (
    file_id            BIGINT NOT NULL,
    msg_index          INT NOT NULL,
    seq                INT NOT NULL,
    code               TEXT NOT NULL,
    segment_position   INT NOT NULL,
    segment_tag        TEXT,
    element_position   INT NOT NULL,
    component_position INT NOT NULL,
    text               TEXT NOT NULL,
    PRIMARY KEY (file_id, msg_index, seq),
    FOREIGN KEY (file_id, msg_index) REFERENCES message_result(file_id, msg_index)
);

-- Customs declarations as decided (accepted or rejected), EDIFACT and XML alike.
CREATE TABLE declaration (
    file_id           BIGINT NOT NULL,
    msg_index         INT NOT NULL,
    sender            TEXT NOT NULL,
    declaration_no    TEXT NOT NULL,
    declaration_date  DATE,
    importer_code     TEXT,
    currency          TEXT,
    status            TEXT NOT NULL,
    acceptance_no     TEXT,
    exchange_rate     NUMERIC(18,6),
    customs_value_krw NUMERIC(20,0),
    duty_krw          NUMERIC(20,0),
    vat_krw           NUMERIC(20,0),
    channel           TEXT,
    score             INT,
    rule_hits         TEXT,
    kind              TEXT NOT NULL DEFAULT 'IMPORT',   -- IMPORT, EXPORT
    PRIMARY KEY (file_id, msg_index)
);
-- An accepted declaration number can be accepted once per sender: the row is the claim.
CREATE TABLE declaration_number (
    sender          TEXT NOT NULL,
    declaration_no  TEXT NOT NULL,
    file_id         BIGINT NOT NULL,
    msg_index       INT NOT NULL,
    PRIMARY KEY (sender, declaration_no)
);
CREATE TABLE declaration_error (
    file_id     BIGINT NOT NULL,
    msg_index   INT NOT NULL,
    seq         INT NOT NULL,
    code        TEXT NOT NULL,
    pointer     TEXT NOT NULL,
    text        TEXT NOT NULL,
    line        INT NOT NULL DEFAULT 0,      -- position of the error in an XML file; 0 for EDIFACT
    col         INT NOT NULL DEFAULT 0,
    PRIMARY KEY (file_id, msg_index, seq)
);

-- A decided message needs its file, and a declaration its message. Checked once per statement from the
-- statement's rows instead of by foreign keys: a row-level key runs a query and locks the parent row for every
-- row inserted, which on the customs path costs the server more than storing the rows.
-- enable_seqscan = off: a trigger's queries are planned once per connection, possibly on the empty tables of a
-- new database, and such a plan would scan the whole parent table at every statement instead of using its key.
CREATE FUNCTION message_result_file_checked() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE bad BIGINT;
BEGIN
    SELECT n.file_id INTO bad FROM (SELECT DISTINCT file_id FROM new_rows) n
     WHERE NOT EXISTS (SELECT 1 FROM inbound_file f WHERE f.id = n.file_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'message result refused: inbound file % does not exist', bad
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER message_result_file_checked AFTER INSERT ON message_result REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION message_result_file_checked();

CREATE FUNCTION declaration_message_checked() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE bad_file BIGINT; bad_index INT;
BEGIN
    SELECT n.file_id, n.msg_index INTO bad_file, bad_index FROM new_rows n
     WHERE NOT EXISTS (SELECT 1 FROM message_result m WHERE m.file_id = n.file_id AND m.msg_index = n.msg_index)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'declaration refused: no message result for file % message %', bad_file, bad_index
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER declaration_message_checked AFTER INSERT ON declaration REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION declaration_message_checked();

-- The other half of a foreign key: a parent with children cannot disappear or change its key.
CREATE FUNCTION inbound_file_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR NEW.id <> OLD.id)
       AND EXISTS (SELECT 1 FROM message_result WHERE file_id = OLD.id) THEN
        RAISE EXCEPTION 'inbound file % has message results: % refused', OLD.id, TG_OP
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER inbound_file_in_use BEFORE UPDATE OF id OR DELETE ON inbound_file
    FOR EACH ROW EXECUTE FUNCTION inbound_file_in_use();

CREATE FUNCTION message_result_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR NEW.file_id <> OLD.file_id OR NEW.msg_index <> OLD.msg_index)
       AND EXISTS (SELECT 1 FROM declaration WHERE file_id = OLD.file_id AND msg_index = OLD.msg_index) THEN
        RAISE EXCEPTION 'message % of file % has a declaration: % refused', OLD.msg_index, OLD.file_id, TG_OP
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER message_result_in_use BEFORE UPDATE OF file_id, msg_index OR DELETE ON message_result
    FOR EACH ROW EXECUTE FUNCTION message_result_in_use();

-- TRUNCATE bypasses row triggers, and TRUNCATE ... CASCADE does not reach children that no key names: refused.
CREATE FUNCTION parent_not_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE % refused: rows of other tables refer to it', TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE TRIGGER inbound_file_no_truncate BEFORE TRUNCATE ON inbound_file
    FOR EACH STATEMENT EXECUTE FUNCTION parent_not_truncated();
CREATE TRIGGER message_result_no_truncate BEFORE TRUNCATE ON message_result
    FOR EACH STATEMENT EXECUTE FUNCTION parent_not_truncated();

-- Double-entry ledger: append-only and balanced (enforced below). journal_line's entry and account are checked
-- by the line check below, not by foreign keys, for the same reason as the message tables.
CREATE TABLE ledger_account (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('ASSET','LIABILITY','REVENUE','EXPENSE','EQUITY'))
);
CREATE TABLE journal_entry (
    id               BIGSERIAL PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    ledger           TEXT NOT NULL,
    entry_date       DATE NOT NULL,
    description      TEXT NOT NULL,
    source_ref       TEXT NOT NULL,
    run_id           BIGINT NOT NULL
);
CREATE TABLE journal_line (
    entry_id      BIGINT NOT NULL,
    line_no       INT NOT NULL,
    account_code  TEXT NOT NULL,
    party_id      TEXT,
    debit         NUMERIC(20,2) NOT NULL CHECK (debit >= 0),
    credit        NUMERIC(20,2) NOT NULL CHECK (credit >= 0),
    PRIMARY KEY (entry_id, line_no),
    CHECK ((debit = 0) <> (credit = 0))
);

-- Running totals of the journal per run, kept by the triggers below as entries and lines are added, so that a
-- run's ledger summary (its own figures and the ledger's since inception) reads a few rows instead of scanning
-- the whole journal, which grows every night. They commit or roll back with the lines they count.
-- slot spreads the rows over the server connections that post (pg_backend_pid()): two transactions adding to the
-- same run and account would otherwise wait for each other's commit on one row. A run has at most
-- (connections x accounts) rows; the figures are sums over the slots.
CREATE TABLE ledger_run_entries (
    run_id   BIGINT NOT NULL,
    slot     INT    NOT NULL,
    entries  BIGINT NOT NULL,
    PRIMARY KEY (run_id, slot)
);
CREATE TABLE ledger_run_account (
    run_id        BIGINT NOT NULL,
    slot          INT    NOT NULL,
    account_code  TEXT   NOT NULL,
    lines         BIGINT NOT NULL,
    debit         NUMERIC(24,2) NOT NULL,
    credit        NUMERIC(24,2) NOT NULL,
    PRIMARY KEY (run_id, slot, account_code)
);

-- The journal and its totals are never changed, only added to (a mistake is undone by a reversing entry).
-- TRUNCATE is refused too: row triggers do not see it.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger is append-only: % on % refused (post a reversing entry instead)', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
-- The totals are written only by the ledger's own triggers (pg_trigger_depth() > 0).
CREATE TRIGGER ledger_run_entries_append_only BEFORE INSERT OR UPDATE OR DELETE ON ledger_run_entries
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_account_append_only BEFORE INSERT OR UPDATE OR DELETE ON ledger_run_account
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_entries_no_truncate BEFORE TRUNCATE ON ledger_run_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_account_no_truncate BEFORE TRUNCATE ON ledger_run_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

CREATE FUNCTION ledger_run_entries_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_run_entries AS t (run_id, slot, entries)
    SELECT run_id, pg_backend_pid(), COUNT(*) FROM new_entries GROUP BY run_id
    ON CONFLICT (run_id, slot) DO UPDATE SET entries = t.entries + excluded.entries;
    RETURN NULL;
END $$;
CREATE TRIGGER journal_entry_counted AFTER INSERT ON journal_entry REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_run_entries_counted();

-- The line check, once per statement: every account is in the chart, every entry exists, and every entry is
-- balanced. An entry's lines are added by one statement (JdbcLedger adds them with one COPY), and that statement
-- must bring its line 1: line 1 can exist once per entry (the key), so no later statement can add to a posted
-- entry, and the sums of the statement's own lines are the entry's balance, without reading the journal. The
-- entry lookup (it exists; its run) also adds the lines to their run's totals. enable_seqscan = off: planned on
-- an empty journal, the entry lookup would otherwise scan the whole journal at every statement.
CREATE FUNCTION ledger_lines_checked() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE bad BIGINT; d NUMERIC; c NUMERIC; run BIGINT; has_first BOOLEAN; account TEXT;
BEGIN
    SELECT n.account_code INTO account FROM (SELECT DISTINCT account_code FROM new_lines) n
     WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.code = n.account_code) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal line refused: account % is not in the chart of accounts', account
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    WITH entry AS MATERIALIZED (
        SELECT n.entry_id, SUM(n.debit) AS d, SUM(n.credit) AS c, bool_or(n.line_no = 1) AS has_first,
               (SELECT e.run_id FROM journal_entry e WHERE e.id = n.entry_id) AS run_id
          FROM new_lines n
         GROUP BY n.entry_id),
    totals AS (
        -- written even when a check below fails: the exception then undoes it with the lines
        INSERT INTO ledger_run_account AS t (run_id, slot, account_code, lines, debit, credit)
        SELECT e.run_id, pg_backend_pid(), n.account_code, COUNT(*), SUM(n.debit), SUM(n.credit)
          FROM new_lines n JOIN entry e ON e.entry_id = n.entry_id
         WHERE e.run_id IS NOT NULL
         GROUP BY e.run_id, n.account_code
        ON CONFLICT (run_id, slot, account_code) DO UPDATE
           SET lines = t.lines + excluded.lines, debit = t.debit + excluded.debit, credit = t.credit + excluded.credit)
    SELECT x.entry_id, x.d, x.c, x.run_id, x.has_first INTO bad, d, c, run, has_first
      FROM entry x WHERE x.run_id IS NULL OR NOT x.has_first OR x.d <> x.c LIMIT 1;
    IF bad IS NOT NULL AND run IS NULL THEN
        RAISE EXCEPTION 'journal line refused: entry % does not exist', bad USING ERRCODE = 'foreign_key_violation';
    ELSIF bad IS NOT NULL AND NOT has_first THEN
        RAISE EXCEPTION 'journal line refused: entry % already has its lines (an entry''s lines are added together, with its line 1)',
            bad USING ERRCODE = 'check_violation';
    ELSIF bad IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is not balanced: debits % credits %', bad, d, c
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER journal_line_checked AFTER INSERT ON journal_line REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_checked();

-- The other half of the account's foreign key: an account in use cannot disappear or change its code.
CREATE FUNCTION ledger_account_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR NEW.code <> OLD.code)
       AND EXISTS (SELECT 1 FROM journal_line WHERE account_code = OLD.code) THEN
        RAISE EXCEPTION 'account % is used by the journal: % refused', OLD.code, TG_OP
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER ledger_account_in_use BEFORE UPDATE OR DELETE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_account_in_use();

-- What was sent back to whom.
CREATE TABLE answer (
    file_id    BIGINT NOT NULL REFERENCES inbound_file(id),
    kind       TEXT NOT NULL,                -- CONTRL, CUSRES
    recipient  TEXT NOT NULL,
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    PRIMARY KEY (file_id, kind)
);

-- What officers review: every rejected or flagged file, message or declaration.
CREATE TABLE exception_item (
    run_id          BIGINT NOT NULL,
    file_id         BIGINT NOT NULL,
    msg_index       INT NOT NULL,            -- -1 for the whole file / interchange
    seq             INT NOT NULL,
    category        TEXT NOT NULL,           -- FILE, SYNTAX, CONTENT, SELECTIVITY
    sender          TEXT,
    file_name       TEXT NOT NULL,
    message_ref     TEXT,
    declaration_no  TEXT,
    code            TEXT NOT NULL,
    text            TEXT NOT NULL,
    channel         TEXT,
    score           INT,
    rule_hits       TEXT,
    PRIMARY KEY (file_id, msg_index, seq)
);
CREATE INDEX exception_item_run ON exception_item (run_id);

INSERT INTO ledger_account (code, name, kind) VALUES
    ('1100', 'Customs duty and VAT receivable (importers)', 'ASSET'),
    ('4100', 'Customs duty revenue', 'REVENUE'),
    ('4200', 'Import VAT revenue', 'REVENUE');

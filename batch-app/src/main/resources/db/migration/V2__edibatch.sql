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
    format         TEXT NOT NULL,            -- EDIFACT, UNKNOWN
    sender         TEXT,
    state          TEXT NOT NULL,            -- CLAIMED, ACCEPTED (interchange ok), REJECTED (whole file), ARCHIVED, QUARANTINED
    reason_code    TEXT,
    reason_text    TEXT,
    final_path     TEXT
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
CREATE TABLE message_result (
    file_id       BIGINT NOT NULL REFERENCES inbound_file(id),
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

-- Customs declarations as decided (accepted or rejected).
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
    PRIMARY KEY (file_id, msg_index),
    FOREIGN KEY (file_id, msg_index) REFERENCES message_result(file_id, msg_index)
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
    PRIMARY KEY (file_id, msg_index, seq)
);

-- Double-entry ledger: append-only and balanced (enforced below).
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
    entry_id      BIGINT NOT NULL REFERENCES journal_entry(id),
    line_no       INT NOT NULL,
    account_code  TEXT NOT NULL REFERENCES ledger_account(code),
    party_id      TEXT,
    debit         NUMERIC(20,2) NOT NULL CHECK (debit >= 0),
    credit        NUMERIC(20,2) NOT NULL CHECK (credit >= 0),
    PRIMARY KEY (entry_id, line_no),
    CHECK ((debit = 0) <> (credit = 0))
);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger is append-only: % on % refused (post a reversing entry instead)', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Checked at commit, so that an entry's lines can be inserted one by one inside the transaction.
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d NUMERIC; c NUMERIC;
BEGIN
    SELECT COALESCE(SUM(debit),0), COALESCE(SUM(credit),0) INTO d, c FROM journal_line WHERE entry_id = NEW.entry_id;
    IF d <> c THEN
        RAISE EXCEPTION 'journal entry % is not balanced: debits % credits %', NEW.entry_id, d, c;
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();

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

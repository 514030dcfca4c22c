-- The journal's hash chain and the records verify-ledger checks it against (see docs/ARCHITECTURE.md, "Ledger
-- verification").

-- SHA-256 of the entry's canonical content (its fields and its lines, ledger.EntryDigest), computed by the
-- writer from what it meant to post. Null only for entries posted before this column existed.
ALTER TABLE journal_entry ADD COLUMN content_digest BYTEA;

-- One row per seal: the run's seal step chains every entry above the previous seal in id order,
-- chain = SHA-256(previous chain || content digest), starting from 32 zero bytes, and records the last value.
-- A deleted, inserted or altered entry below last_entry_id changes the count or the head verify-ledger recomputes.
CREATE TABLE ledger_seal (
    seal_no        BIGINT PRIMARY KEY,            -- 1, 2, ... in the order the seals were made
    run_id         BIGINT NOT NULL,               -- the run whose seal step made it
    last_entry_id  BIGINT NOT NULL,               -- every entry with an id up to this one is sealed
    entries        BIGINT NOT NULL,               -- entries sealed by this seal (ids above the previous seal's)
    head           BYTEA  NOT NULL,               -- the chain value after its last entry
    differences    INT    NOT NULL,               -- what the seal step's check of these entries found
    findings       TEXT   NOT NULL,               -- the first of them, one a line
    sealed_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_seal_by_run ON ledger_seal (run_id);

-- What each seal found of each run's entries, recomputed from their lines: a run's totals over its seals must
-- equal its running totals (ledger_run_entries, ledger_run_account), which the seal step checks every night.
CREATE TABLE ledger_seal_run (
    seal_no  BIGINT NOT NULL,
    run_id   BIGINT NOT NULL,
    entries  BIGINT NOT NULL,
    PRIMARY KEY (seal_no, run_id)
);
CREATE TABLE ledger_seal_account (
    seal_no       BIGINT NOT NULL,
    run_id        BIGINT NOT NULL,
    account_code  TEXT   NOT NULL,
    lines         BIGINT NOT NULL,
    debit         NUMERIC(24,2) NOT NULL,
    credit        NUMERIC(24,2) NOT NULL,
    PRIMARY KEY (seal_no, run_id, account_code)
);

-- Each verify-ledger run's outcome, for status.
CREATE TABLE ledger_verification (
    id           BIGSERIAL PRIMARY KEY,
    verified_at  TIMESTAMPTZ NOT NULL,
    entries      BIGINT NOT NULL,
    files        BIGINT NOT NULL,
    differences  BIGINT NOT NULL,
    findings     TEXT   NOT NULL
);

-- Like the journal, never changed, only added to.
CREATE TRIGGER ledger_seal_append_only BEFORE UPDATE OR DELETE ON ledger_seal
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_seal_no_truncate BEFORE TRUNCATE ON ledger_seal
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_seal_run_append_only BEFORE UPDATE OR DELETE ON ledger_seal_run
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_seal_run_no_truncate BEFORE TRUNCATE ON ledger_seal_run
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_seal_account_append_only BEFORE UPDATE OR DELETE ON ledger_seal_account
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_seal_account_no_truncate BEFORE TRUNCATE ON ledger_seal_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_verification_append_only BEFORE UPDATE OR DELETE ON ledger_verification
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- The journal's integrity checks, once per statement instead of once per line (measured: the per-line deferred
-- balance trigger and the two per-line foreign-key checks cost the server more than storing the lines).
-- Same guarantees, one rule changes: the lines of an entry must be added by one statement (JdbcLedger adds them
-- with one COPY). Lines added later to an existing entry unbalance it and are refused like any other.
DROP TRIGGER journal_line_balanced ON journal_line;
DROP FUNCTION ledger_entry_balanced();
ALTER TABLE journal_line DROP CONSTRAINT journal_line_entry_id_fkey;
ALTER TABLE journal_line DROP CONSTRAINT journal_line_account_code_fkey;

CREATE FUNCTION ledger_lines_checked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad BIGINT; d NUMERIC; c NUMERIC; known BOOLEAN; account TEXT;
BEGIN
    SELECT n.account_code INTO account FROM (SELECT DISTINCT account_code FROM new_lines) n
     WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.code = n.account_code) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal line refused: account % is not in the chart of accounts', account
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    -- one index lookup per entry the statement touched (a hash join could scan the whole journal)
    SELECT u.entry_id, s.d, s.c, EXISTS (SELECT 1 FROM journal_entry e WHERE e.id = u.entry_id)
      INTO bad, d, c, known
      FROM (SELECT DISTINCT entry_id FROM new_lines) u
      CROSS JOIN LATERAL (SELECT SUM(l.debit) AS d, SUM(l.credit) AS c FROM journal_line l
                           WHERE l.entry_id = u.entry_id) s
     WHERE s.d <> s.c OR NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.id = u.entry_id)
     LIMIT 1;
    IF bad IS NOT NULL AND NOT known THEN
        RAISE EXCEPTION 'journal line refused: entry % does not exist', bad USING ERRCODE = 'foreign_key_violation';
    ELSIF bad IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is not balanced: debits % credits %', bad, d, c
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER journal_line_checked AFTER INSERT ON journal_line REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_checked();

-- What the dropped foreign key also did: an account in use cannot disappear or change its code.
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

-- Append-only also against TRUNCATE, which row triggers do not see.
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

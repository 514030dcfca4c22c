-- The application's role may insert but not rewrite (its grants: db/app-role-grants.sql, applied by
-- db.AppRoleGrants). What the role can still insert is checked here: an entry without lines is refused, so an
-- idempotency key is only ever claimed together with its posting.

-- Every entry in the journal has its line 1 (the check below keeps it so from now on): one that does not was
-- inserted around the application, by hand, and must be looked at before this check is armed.
DO $$
DECLARE bad TEXT; n BIGINT;
BEGIN
    SELECT MIN(e.idempotency_key), COUNT(*) INTO bad, n FROM journal_entry e
     WHERE NOT EXISTS (SELECT 1 FROM journal_line l WHERE l.entry_id = e.id AND l.line_no = 1);
    IF n > 0 THEN
        RAISE EXCEPTION 'the journal holds % entr(ies) without lines (first key: %): posted around the application; '
            'remove or complete them as the owner, then start again', n, bad USING ERRCODE = 'check_violation';
    END IF;
END $$;

-- Entries added and entries given their lines, per transaction, kept by the ledger's triggers: at commit both
-- counts must be equal. A count per transaction instead of a check per entry: a deferred trigger per entry row
-- costs the server more than the lines' own check (docs/PERFORMANCE.md). Unlogged: a row lives only until its
-- transaction commits, and after a crash there is nothing to check.
CREATE UNLOGGED TABLE journal_entry_pending (
    txid     BIGINT PRIMARY KEY,             -- txid_current(): the top transaction, savepoints included
    entries  BIGINT NOT NULL,
    posted   BIGINT NOT NULL
);
CREATE TRIGGER journal_entry_pending_by_triggers BEFORE INSERT OR UPDATE OR DELETE ON journal_entry_pending
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_entry_pending_no_truncate BEFORE TRUNCATE ON journal_entry_pending
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

CREATE OR REPLACE FUNCTION ledger_run_entries_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_run_entries AS t (run_id, slot, entries)
    SELECT run_id, pg_backend_pid(), COUNT(*) FROM new_entries GROUP BY run_id
    ON CONFLICT (run_id, slot) DO UPDATE SET entries = t.entries + excluded.entries;
    INSERT INTO journal_entry_pending AS p (txid, entries, posted)
    SELECT txid_current(), COUNT(*), 0 FROM new_entries HAVING COUNT(*) > 0
    ON CONFLICT (txid) DO UPDATE SET entries = p.entries + excluded.entries;
    RETURN NULL;
END $$;

-- As in V2, and each entry that receives its line 1 is counted as posted in its transaction's pending row. An
-- entry found here is either this transaction's own (others' uncommitted rows are invisible) or a committed
-- one, which has its line 1 already, so the statement is refused by the key: only this transaction's entries
-- are counted.
CREATE OR REPLACE FUNCTION ledger_lines_checked() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
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
           SET lines = t.lines + excluded.lines, debit = t.debit + excluded.debit, credit = t.credit + excluded.credit),
    posted AS (
        INSERT INTO journal_entry_pending AS p (txid, entries, posted)
        SELECT txid_current(), 0, COUNT(*) FROM entry e WHERE e.run_id IS NOT NULL AND e.has_first
        HAVING COUNT(*) > 0
        ON CONFLICT (txid) DO UPDATE SET posted = p.posted + excluded.posted)
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

-- At commit (deferred, once per transaction that added entries): as many entries given lines as added.
CREATE FUNCTION journal_entries_posted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p journal_entry_pending%ROWTYPE;
BEGIN
    SELECT * INTO p FROM journal_entry_pending WHERE txid = NEW.txid;
    IF p.entries <> p.posted THEN
        RAISE EXCEPTION 'journal entry refused: % of the % entr(ies) added by this transaction have no lines '
            '(an entry and its lines are posted together)', p.entries - p.posted, p.entries
            USING ERRCODE = 'check_violation';
    END IF;
    DELETE FROM journal_entry_pending WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_entries_posted AFTER INSERT ON journal_entry_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entries_posted();

-- The ledger's triggers write the running totals and the pending counts as the owner, so that the application's
-- role needs no right to write them. Every function the triggers run resolves names in this schema only: a
-- temporary table of the same name (pg_temp is searched first unless named) cannot stand in for a real one.
DO $$
DECLARE f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['ledger_run_entries_counted', 'ledger_lines_checked', 'journal_entries_posted'] LOOP
        EXECUTE format('ALTER FUNCTION %I() SECURITY DEFINER', f);
    END LOOP;
    FOREACH f IN ARRAY ARRAY['message_result_file_checked', 'declaration_message_checked', 'inbound_file_in_use',
            'message_result_in_use', 'parent_not_truncated', 'ledger_append_only', 'ledger_run_entries_counted',
            'ledger_lines_checked', 'ledger_account_in_use', 'journal_entries_posted'] LOOP
        EXECUTE format('ALTER FUNCTION %I() SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END $$;

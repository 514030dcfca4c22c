-- Running totals of the journal per run, kept by the database as entries and lines are added, so that the
-- ledger summary of a run (its own figures and the ledger's since inception) reads a few rows instead of scanning
-- the whole journal: that scan grew with every night (a year of UNI-PASS traffic is over a billion lines).
-- The totals are written by statement-level triggers, so every way of adding to the journal keeps them, and
-- they commit or roll back with the lines they count.
--
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

INSERT INTO ledger_run_entries (run_id, slot, entries)
SELECT run_id, 0, COUNT(*) FROM journal_entry GROUP BY run_id;
INSERT INTO ledger_run_account (run_id, slot, account_code, lines, debit, credit)
SELECT e.run_id, 0, l.account_code, COUNT(*), SUM(l.debit), SUM(l.credit)
  FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id GROUP BY e.run_id, l.account_code;

CREATE FUNCTION ledger_run_entries_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_run_entries AS t (run_id, slot, entries)
    SELECT run_id, pg_backend_pid(), COUNT(*) FROM new_entries GROUP BY run_id
    ON CONFLICT (run_id, slot) DO UPDATE SET entries = t.entries + excluded.entries;
    RETURN NULL;
END $$;
CREATE TRIGGER journal_entry_counted AFTER INSERT ON journal_entry REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_run_entries_counted();

-- The line check of V11 now also adds the lines to their run's totals, from the same lookups: one index lookup
-- per entry the statement touched, for its run (which also proves it exists) and the sums of all its lines.
CREATE OR REPLACE FUNCTION ledger_lines_checked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad BIGINT; d NUMERIC; c NUMERIC; run BIGINT; account TEXT;
BEGIN
    SELECT n.account_code INTO account FROM (SELECT DISTINCT account_code FROM new_lines) n
     WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.code = n.account_code) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal line refused: account % is not in the chart of accounts', account
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    WITH entry AS MATERIALIZED (
        SELECT u.entry_id, (SELECT e.run_id FROM journal_entry e WHERE e.id = u.entry_id) AS run_id, s.d, s.c
          FROM (SELECT DISTINCT entry_id FROM new_lines) u
          CROSS JOIN LATERAL (SELECT SUM(l.debit) AS d, SUM(l.credit) AS c FROM journal_line l
                               WHERE l.entry_id = u.entry_id) s),
    totals AS (
        -- written even when a check below fails: the exception then undoes it with the lines
        INSERT INTO ledger_run_account AS t (run_id, slot, account_code, lines, debit, credit)
        SELECT e.run_id, pg_backend_pid(), n.account_code, COUNT(*), SUM(n.debit), SUM(n.credit)
          FROM new_lines n JOIN entry e ON e.entry_id = n.entry_id
         WHERE e.run_id IS NOT NULL
         GROUP BY e.run_id, n.account_code
        ON CONFLICT (run_id, slot, account_code) DO UPDATE
           SET lines = t.lines + excluded.lines, debit = t.debit + excluded.debit, credit = t.credit + excluded.credit)
    SELECT x.entry_id, x.d, x.c, x.run_id INTO bad, d, c, run FROM entry x WHERE x.run_id IS NULL OR x.d <> x.c LIMIT 1;
    IF bad IS NOT NULL AND run IS NULL THEN
        RAISE EXCEPTION 'journal line refused: entry % does not exist', bad USING ERRCODE = 'foreign_key_violation';
    ELSIF bad IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is not balanced: debits % credits %', bad, d, c
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

-- A trigger's queries are planned once per connection, the first time they run, and the plan is kept. Planned
-- on the empty tables of a new database (or with no statistics: autovacuum may be off), the lookups became scans
-- of the whole journal or message table at every statement. Measured here, 300,000 entries posted 500 per
-- statement: 39.5 s with V11's check as planned, 5.9 s with the lookups forced to the indexes; V12's checks over
-- 300,000 messages 3.6 s and 2.3 s. Sequential scans are therefore ruled out for these functions' plans (the
-- transition tables they read are not tables and are read whole either way).
ALTER FUNCTION ledger_lines_checked() SET enable_seqscan = off;
ALTER FUNCTION message_result_file_checked() SET enable_seqscan = off;
ALTER FUNCTION declaration_message_checked() SET enable_seqscan = off;

-- Derived from an append-only journal: changed only by these triggers.
CREATE TRIGGER ledger_run_entries_append_only BEFORE INSERT OR UPDATE OR DELETE ON ledger_run_entries
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_account_append_only BEFORE INSERT OR UPDATE OR DELETE ON ledger_run_account
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_entries_no_truncate BEFORE TRUNCATE ON ledger_run_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_account_no_truncate BEFORE TRUNCATE ON ledger_run_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

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

CREATE FUNCTION ledger_run_account_summed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the run of each entry by one index lookup per entry (a join could scan the whole journal, see V11)
    INSERT INTO ledger_run_account AS t (run_id, slot, account_code, lines, debit, credit)
    SELECT r.run_id, pg_backend_pid(), s.account_code, SUM(s.lines), SUM(s.debit), SUM(s.credit)
      FROM (SELECT entry_id, account_code, COUNT(*) AS lines, SUM(debit) AS debit, SUM(credit) AS credit
              FROM new_lines GROUP BY entry_id, account_code) s
      CROSS JOIN LATERAL (SELECT e.run_id FROM journal_entry e WHERE e.id = s.entry_id) r
     GROUP BY r.run_id, s.account_code
    ON CONFLICT (run_id, slot, account_code) DO UPDATE
       SET lines = t.lines + excluded.lines, debit = t.debit + excluded.debit, credit = t.credit + excluded.credit;
    RETURN NULL;
END $$;
-- Named to fire after journal_line_checked (triggers of an event fire in name order): lines of an unknown entry
-- are refused there before they could be left out here.
CREATE TRIGGER journal_line_summed AFTER INSERT ON journal_line REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_run_account_summed();

-- Derived from an append-only journal: changed only by these triggers.
CREATE TRIGGER ledger_run_entries_append_only BEFORE INSERT OR UPDATE OR DELETE ON ledger_run_entries
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_account_append_only BEFORE INSERT OR UPDATE OR DELETE ON ledger_run_account
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_entries_no_truncate BEFORE TRUNCATE ON ledger_run_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_run_account_no_truncate BEFORE TRUNCATE ON ledger_run_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

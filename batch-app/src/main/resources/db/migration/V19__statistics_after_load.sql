-- A night's bulk loads (a million payment lines, half a million releases) leave the planner's statistics
-- describing the tables as they were before, and the steps after them plan their joins for a handful of rows until
-- autovacuum comes by. The application asks for them at once, after the steps that load them. ANALYZE needs the
-- table's owner: this function runs as the owner, for the tables named here only.
CREATE FUNCTION statistics_refreshed(tbl TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    IF tbl NOT IN ('payment_line', 'bank_transaction', 'declaration_release') THEN
        RAISE EXCEPTION 'statistics are refreshed for the loaded tables only, not %', tbl
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('ANALYZE %I', tbl);
END $$;

-- The owner's rights, names resolved in this schema only (V4's rule).
DO $$
BEGIN
    ALTER FUNCTION statistics_refreshed(TEXT) SECURITY DEFINER;
    EXECUTE format('ALTER FUNCTION statistics_refreshed(TEXT) SET search_path = %I, pg_temp', current_schema());
END $$;

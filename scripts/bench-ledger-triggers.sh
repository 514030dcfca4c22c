#!/usr/bin/env bash
# The journal's statement-level line check (ledger_lines_checked in V2__customs.sql, V4) on a new database: posts N
# entries (3 lines each) 500 per statement, one transaction each, in one connection, as the customs writer does,
# and prints the seconds the server took, then the same with the check disabled, so that the difference is the
# check's cost under whatever else the machine is doing. The check is planned on the empty journal, as on a new
# installation.
#
#   scripts/bench-ledger-triggers.sh [N]      N entries (default 300000)
#
# Environment: PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres). Needs psql; creates and drops two
# databases named edibench_trig_*.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300000}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
MIGRATIONS=batch-app/src/main/resources/db/migration
PG=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
measure() { # $1 = with or without the line check
  local db="edibench_trig_$$_$1" f
  createdb "${PG[@]}" "$db"
  trap 'dropdb "${PG[@]}" --if-exists "'"$db"'"' RETURN
  for f in $(ls "$MIGRATIONS" | sort -t_ -k1.2n); do
    psql "${PG[@]}" -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$MIGRATIONS/$f" >/dev/null
  done
  # without the line check no entry is counted as posted: the commit check (V4) goes too
  [[ $1 == without ]] && psql "${PG[@]}" -X -q -d "$db" -c "ALTER TABLE journal_line DISABLE TRIGGER journal_line_checked" \
    -c "ALTER TABLE journal_entry_pending DISABLE TRIGGER journal_entries_posted"
  {
    cat <<'SQL'
CREATE FUNCTION post_chunk(base INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH e AS (INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id)
             SELECT 'K' || (base + g), 'CUSTOMS', DATE '2026-11-28', 'x', 'y', 1 FROM generate_series(1, 500) g RETURNING id)
  INSERT INTO journal_line (entry_id, line_no, account_code, party_id, debit, credit)
  SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 110.0, 0.0), (2, '4100', 0.0, 100.0), (3, '4200', 0.0, 10.0)) v(n, a, d, c);
END $$;
SELECT clock_timestamp() AS t0 \gset
SQL
    for ((i = 0; i < N / 500; i++)); do echo "SELECT post_chunk($((i * 500)));"; done
    echo "SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 2);"
  } | psql "${PG[@]}" -X -q -At -v ON_ERROR_STOP=1 -d "$db" | tail -1
}

echo "entries: $N (3 lines each), 500 per statement"
echo "with the line check (account, entry, line 1, balance, run totals): $(measure with) s"
echo "without it (the same rows, no check and no line totals):          $(measure without) s"

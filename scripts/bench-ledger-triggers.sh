#!/usr/bin/env bash
# The journal's statement-level checks on a new database, with the checks of V12, V13 and V14
# (docs/PERFORMANCE.md): posts N entries (3 lines each) 500 per statement, one transaction each, in one connection, as
# the customs writer does, on a database migrated up to V12, one up to V13 and one to the latest version.
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

measure() { # $1 = highest migration version to apply
  local db="edibench_trig_$$_$1" f v
  createdb "${PG[@]}" "$db"
  trap 'dropdb "${PG[@]}" --if-exists "'"$db"'"' RETURN
  for f in $(ls "$MIGRATIONS" | sort -t_ -k1.2n); do
    v=${f%%__*}; v=${v#V}
    ((v <= $1)) && psql "${PG[@]}" -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$MIGRATIONS/$f" >/dev/null
  done
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

echo "entries: $N, 500 per statement"
echo "up to V12 (checks planned on the empty journal): $(measure 12) s"
echo "up to V13 (index lookups, run totals kept):      $(measure 13) s"
echo "latest (V14: balance from the statement's lines): $(measure 999) s"

#!/usr/bin/env bash
# End-to-end throughput of the banks' credit advices (issue 19): N payment lines claimed, read, matched and
# posted by a nightly run against PostgreSQL, next to the ceiling of the same files read by the two readers alone,
# measured in the same run (docs/PERFORMANCE.md, "Payments").
#
#   scripts/bench-payments.sh [N]     about N payment lines (default 1000000)
#
# How: night 1 (not measured) accepts N declarations (scripts/loadgen.sh, no bad ones); their amounts due are read
# from the database (declaration_receivable, else the accepted declarations' duty + VAT); CreditAdviceGenerator
# pays them as CREMUL and camt.054 files with every matching case, signed by the bank's demo key; night 2 (measured,
# a day later on the fixed clock) claims and processes those files. Lines/s = payment lines recorded by night 2
# (payment_line) over its wall time, the JVM's start-up included.
#
# Environment: CAMT_PERCENT (50: share of the files in camt.054), PARTIAL_PERCENT (2), OVER_PERCENT (2),
# UNKNOWN_PERCENT (1), MALFORMED_PERCENT (1), DUPLICATE_PERCENT (1), PER_FILE (10000 lines per file), PER_MESSAGE
# (1000 lines per CREMUL message or camt.054 notification), SEED (20261128), THREADS (2, for the ceiling),
# PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), BENCH_WORK (a new /tmp/edibatch-paybench.* folder),
# SKIP_BUILD=1, MVN_ARGS (e.g. -o), KEEP_FILES=1, KEEP_DB=1, APP_ARGS (extra application options), JAVA_OPTS.
#
# Prints: payment lines/s end to end and each step's time, peak RSS, the ceiling (reader-only lines/s on THREADS
# threads over the same signed files), the ratio, and PASS or FAIL against 20,000 lines/s. When the build has no
# payments step (no payment_line table after night 2), it says so and prints the ceiling alone.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=java-opts.sh
. scripts/java-opts.sh
# shellcheck source=launch.sh
. scripts/launch.sh
N=${1:-1000000}
SEED=${SEED:-20261128}
THREADS=${THREADS:-2}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/edibatch-paybench.XXXXXX)}
JAR=batch-app/target/batch-app-0.1.0-SNAPSHOT.jar
NIGHT1=2026-11-28T01:00:00Z
NIGHT2=2026-11-29T01:00:00Z
TARGET=20000
mkdir -p "$WORK"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build"
  # shellcheck disable=SC2086
  ./mvnw -q -B -DskipTests ${MVN_ARGS:-} package
fi
cp -p "$JAR" "$WORK/app.jar"
JAR=$WORK/app.jar
rm -rf "$WORK/benchmarks"
mkdir -p "$WORK/benchmarks"
cp -rp benchmarks/target/benchmarks.jar benchmarks/target/lib "$WORK/benchmarks/"
BENCH_JAR=$WORK/benchmarks/benchmarks.jar
if [[ ! -x /usr/bin/time ]]; then
  echo "== installing GNU time (peak RSS)"
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q time >/dev/null; else sudo apt-get install -y -q time >/dev/null; fi
fi

DB=edipay_$$_$(date +%s)
URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?user=$PG_USER"
PSQL=(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -At "$DB")
HOME_DIR=$WORK/home
cleanup() {
  if [[ "${KEEP_DB:-0}" != 1 ]]; then dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$DB" 2>/dev/null || true; fi
  if [[ "${KEEP_FILES:-0}" != 1 ]]; then rm -rf "$WORK/decl" "$WORK/pay" "$HOME_DIR"; fi
}
trap cleanup EXIT
createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$DB"

run_night() { # $1 clock, $2 log; the run as nightly.sh starts it, timed by GNU time into $WORK/time.txt
  EDIBATCH_APP_CACHE=${EDIBATCH_APP_CACHE:-$WORK/.edibatch-cache} /usr/bin/time -v -o "$WORK/time.txt" \
    bash -c '. scripts/launch.sh && edibatch_java "$@"' launch "$JAR" -Xmx1g ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} \
    -- run customs --edibatch.home="$HOME_DIR" --spring.datasource.url="$URL" \
    --edibatch.fixed-clock="$1" --edibatch.intake.settle=0s ${APP_ARGS:-} >"$2" 2>&1
}

echo "== night 1 (not measured): $N declarations, accepted"
scripts/loadgen.sh "$WORK/decl" --declarations "$N" --per-interchange 100 --bad-percent 0 --seed "$SEED" | tail -1
mkdir -p "$HOME_DIR/inbox"
cp -r "$WORK/decl/pki" "$HOME_DIR/pki"
cp -al "$WORK/decl/signed/." "$HOME_DIR/inbox/" 2>/dev/null || cp -r "$WORK/decl/signed/." "$HOME_DIR/inbox/"
set +e
run_night "$NIGHT1" "$WORK/night1.log"
code=$?
set -e
if [[ $code != 0 && $code != 2 ]]; then
  echo "night 1 failed with exit code $code; log: $WORK/night1.log" >&2
  tail -30 "$WORK/night1.log" >&2
  exit 1
fi

echo "== amounts due -> credit advices"
if [[ -n "$("${PSQL[@]}" -c "SELECT 1 FROM pg_views WHERE viewname = 'declaration_receivable'")" ]]; then
  DUES_SQL="SELECT file_id, msg_index, open_amount FROM declaration_receivable WHERE open_amount > 0 ORDER BY file_id, msg_index"
else
  DUES_SQL="SELECT file_id, msg_index, duty_krw + vat_krw FROM declaration WHERE status = 'ACCEPTED' AND kind = 'IMPORT' AND duty_krw + vat_krw > 0 ORDER BY file_id, msg_index"
fi
"${PSQL[@]}" -c "COPY ($DUES_SQL) TO STDOUT WITH (FORMAT csv)" >"$WORK/dues.csv"
echo "   $(wc -l <"$WORK/dues.csv") amounts due"
rm -rf "$WORK/pay"
java -Xmx512m -cp "$BENCH_JAR" org.edibatch.samples.load.CreditAdviceGenerator --out "$WORK/pay/plain" \
  --dues "$WORK/dues.csv" --summary "$WORK/pay.properties" --seed "$SEED" \
  --camt-percent "${CAMT_PERCENT:-50}" --partial-percent "${PARTIAL_PERCENT:-2}" --over-percent "${OVER_PERCENT:-2}" \
  --unknown-percent "${UNKNOWN_PERCENT:-1}" --malformed-percent "${MALFORMED_PERCENT:-1}" \
  --duplicate-percent "${DUPLICATE_PERCENT:-1}" --per-file "${PER_FILE:-10000}" --per-message "${PER_MESSAGE:-1000}" \
  --value-date 2026-11-28
java -jar "$JAR" sign-samples "$HOME_DIR/pki" "$WORK/pay/plain" "$WORK/pay/signed" | tail -1
generated=$(awk -F= '$1 == "lines" {print $2}' "$WORK/pay.properties")

echo "== night 2 (measured): the banks' files"
cp -al "$WORK/pay/signed/." "$HOME_DIR/inbox/" 2>/dev/null || cp -r "$WORK/pay/signed/." "$HOME_DIR/inbox/"
psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -c CHECKPOINT "$DB" || true
sync
set +e
run_night "$NIGHT2" "$WORK/night2.log"
code=$?
set -e
if [[ $code != 0 && $code != 2 ]]; then
  echo "night 2 failed with exit code $code; log: $WORK/night2.log" >&2
  tail -30 "$WORK/night2.log" >&2
  exit 1
fi
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
last_job=$("${PSQL[@]}" -c "SELECT max(job_execution_id) FROM batch_job_execution")
steps=$("${PSQL[@]}" -F ' ' -c "SELECT step_name, round(extract(epoch FROM end_time - start_time)::numeric, 1) FROM batch_step_execution WHERE job_execution_id = $last_job ORDER BY step_execution_id" | tr '\n' ' ')
files_state=$("${PSQL[@]}" -F '=' -c "SELECT state, count(*) FROM inbound_file GROUP BY 1 ORDER BY 1" | tr '\n' ' ')

echo "== ceiling (the same signed files, readers only, $THREADS threads)"
java -Xmx1g -XX:+UseParallelGC -cp "$BENCH_JAR" org.edibatch.bench.PaymentCeilings --in "$WORK/pay/signed" \
  --threads "$THREADS" >"$WORK/ceiling.txt"
ceiling=$(awk -F= '$1 == "LINES_PER_S" {print $2}' "$WORK/ceiling.txt")
ceiling_lines=$(awk -F= '$1 == "LINES" {print $2}' "$WORK/ceiling.txt")

echo "== result"
echo "generated: $(tr '\n' ' ' <"$WORK/pay.properties")"
echo "night 2: ${wall} s wall, steps: $steps; peak RSS $((rss_kb / 1024)) MB; files of both nights: $files_state"
echo "ceiling: $ceiling lines/s ($ceiling_lines lines read and mapped, $THREADS threads)"
if [[ -n "$("${PSQL[@]}" -c "SELECT 1 FROM pg_tables WHERE tablename = 'payment_line'")" ]]; then
  lines=$("${PSQL[@]}" -c "SELECT count(*) FROM payment_line")
  outcomes=$("${PSQL[@]}" -F '=' -c "SELECT outcome, count(*) FROM payment_line GROUP BY 1 ORDER BY 1" | tr '\n' ' ')
  rate=$(awk -v l="$lines" -v w="$wall" 'BEGIN {printf "%.0f", l / w}')
  ratio=$(awk -v r="$rate" -v c="$ceiling" 'BEGIN {printf "%.1f%%", 100 * r / c}')
  verdict=$(awk -v r="$rate" -v t="$TARGET" 'BEGIN {print (r >= t ? "PASS" : "FAIL")}')
  echo "end to end: $lines payment lines ($outcomes) of $generated generated in ${wall} s = $rate lines/s; ratio to the ceiling $ratio; $verdict (>= $TARGET lines/s)"
else
  echo "end to end: not measured: this build has no payments step (no payment_line table); the ceiling above stands alone"
fi

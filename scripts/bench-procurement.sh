#!/usr/bin/env bash
# End-to-end throughput of procurement: bid intake (tender notices, signed bids verified and stored sealed,
# receipts) and bid opening (every seal opened with the agency's RSA-OAEP key, inner signature checked, draw,
# reserve, qualification review, award or failed tender, notices) against PostgreSQL.
#
#   scripts/bench-procurement.sh [TENDERS] [BIDS]     default 1000 tenders, 50000 bids (50 per tender)
#
# Environment: PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), BENCH_WORK (a new
# /tmp/edibatch-bench-proc.* folder), SKIP_BUILD=1, MVN_ARGS (e.g. -o), KEEP_DB=1, KEEP_FILES=1, SEED (20261128),
# JAVA_OPTS (JVM options of the runs after -Xmx1g; default those of scripts/nightly.sh).
#
# Prints: bids/s end to end (bids over the wall time of both JVMs: start-up, intake, opening), the same per core
# (nproc) against the goal of 800 bids/s per core, each command's time, and the machine's load (uptime).
# The benchmark vendors are not in the shipped registry: their vendors.csv and vendor-qualification.csv are put
# first on the run's class path, which otherwise is the application's own (benchmarks.jar and its lib/).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=java-opts.sh
. scripts/java-opts.sh
TENDERS=${1:-1000}
BIDS=${2:-50000}
SEED=${SEED:-20261128}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/edibatch-bench-proc.XXXXXX)}
CLOCK=2026-11-28T01:00:00Z
GOAL_PER_CORE=800
mkdir -p "$WORK"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build"
  # shellcheck disable=SC2086
  ./mvnw -q -B -DskipTests ${MVN_ARGS:-} package
fi
rm -rf "$WORK/benchmarks" "$WORK/load"
mkdir -p "$WORK/benchmarks"
cp -rp benchmarks/target/benchmarks.jar benchmarks/target/lib "$WORK/benchmarks/"
CP=$WORK/benchmarks/benchmarks.jar

echo "== generate $TENDERS tenders, $BIDS sealed and signed bids"
start=$(date +%s%N)
java -Xmx1g -cp "$CP" org.edibatch.bench.ProcurementLoad "$WORK/load" "$TENDERS" "$BIDS" "$SEED"
echo "generated in $(( ($(date +%s%N) - start) / 1000000 )) ms"

DB=edibatch_bench_proc_$$
psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c "CREATE DATABASE $DB" postgres
cleanup() {
  if [[ "${KEEP_DB:-0}" != 1 ]]; then
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c "DROP DATABASE IF EXISTS $DB" postgres || true
  fi
  if [[ "${KEEP_FILES:-0}" != 1 ]]; then
    rm -rf "$WORK/load"
  fi
}
trap cleanup EXIT
HOME_DIR=$WORK/load/home
PKI=$WORK/load/pki
ARGS=(--edibatch.home="$HOME_DIR" "--spring.datasource.url=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?user=$PG_USER"
  --edibatch.fixed-clock=$CLOCK --edibatch.intake.settle=0s --edibatch.signature.required=true
  --edibatch.trust.anchors="$PKI/trust" --edibatch.trust.crls="$PKI/crl"
  --edibatch.procurement.agency-keystore="$PKI/parties/encryption-only.p12"
  --edibatch.procurement.agency-keystore-password=changeit --logging.level.org.edibatch=WARN)
run() {
  local what=$1
  shift
  local t0 code
  t0=$(date +%s%N)
  set +e
  # shellcheck disable=SC2086
  java -Xmx1g ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} -cp "$WORK/load/reference-override:$CP" org.edibatch.EdiBatchApplication \
    run "$what" "${ARGS[@]}" > "$WORK/$what.log" 2>&1
  code=$?
  set -e
  ELAPSED_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "run $what: exit $code, ${ELAPSED_MS} ms ($(tail -1 "$WORK/$what.log"))"
  if [[ $code -ne 0 && $code -ne 2 ]]; then
    cat "$WORK/$what.log" >&2
    exit 1
  fi
}
echo "== load before the runs: $(uptime)"
run bid-intake
INTAKE_MS=$ELAPSED_MS
run bid-opening
OPENING_MS=$ELAPSED_MS
LOAD=$(uptime)

Q() { psql -qtA -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -c "$1"; }
RECEIVED=$(Q "SELECT COUNT(*) FROM bid WHERE status = 'RECEIVED'")
REFUSED=$(Q "SELECT COUNT(*) FROM bid WHERE status <> 'RECEIVED'")
OPENED=$(Q "SELECT COUNT(*) FROM bid_opening")
RESULTS=$(Q "SELECT string_agg(result || ' ' || n, ', ') FROM (SELECT result, COUNT(*) n FROM award GROUP BY 1 ORDER BY 1) x")
POSTED=$(Q "SELECT COUNT(*) FROM journal_entry WHERE ledger = 'PROCUREMENT'")
CORES=$(nproc)
TOTAL_MS=$(( INTAKE_MS + OPENING_MS ))
echo "== result"
echo "bids: $RECEIVED received, $REFUSED refused, $OPENED opened; tenders: $RESULTS; awards posted: $POSTED"
awk -v b="$BIDS" -v t="$TOTAL_MS" -v i="$INTAKE_MS" -v o="$OPENING_MS" -v c="$CORES" -v g="$GOAL_PER_CORE" 'BEGIN {
  r = b / (t / 1000); printf "end to end: %d bids in %.1f s (intake %.1f s, opening %.1f s): %.0f bids/s, %.0f bids/s per core (%d cores); goal %d per core: %s\n",
    b, t / 1000, i / 1000, o / 1000, r, r / c, c, g, (r / c >= g ? "met" : "NOT met") }'
echo "load after the runs: $LOAD"

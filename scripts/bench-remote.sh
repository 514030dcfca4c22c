#!/usr/bin/env bash
# Remote mode's scale-out, measured in one go over the same load: the customs run with 1 worker JVM of 1 thread,
# then with 2 worker JVMs of 1 thread each (manager and workers on this machine, RabbitMQ and PostgreSQL local).
#
#   scripts/bench-remote.sh [N] [K]     N declarations (default 1000000), K per interchange (default 100)
#
# Environment: PARTITIONS (8), BAD_PERCENT (2), SEED (20261128), PG_HOST (127.0.0.1), PG_PORT (5432),
# PG_USER (postgres), BENCH_WORK (a new /tmp/edibatch-bench-remote.* folder), SKIP_BUILD=1, MVN_ARGS (e.g. -o),
# CONFIGS ("1 2": the worker counts, in the order run), SIGNED=1 (sign the load and verify signatures, as a real night; default unsigned, which only the claim step on the
# manager would notice), KEEP_DB=1, JAVA_OPTS (the JVMs' options after -Xmx1g).
#
# Prints for each configuration: the customs step's time (what the workers share), the whole run's wall time,
# declarations/s, journal rows/s written, and the machine's load; then the speed-up of the customs step
# (1 worker / 2 workers) with PASS or FAIL against 1.5, and of the whole run; and how many cores the customs step kept
# busy, whence the highest speed-up this machine allows (its cores over those one worker already keeps busy).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=java-opts.sh
. scripts/java-opts.sh
N=${1:-1000000}
K=${2:-100}
PARTITIONS=${PARTITIONS:-8}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/edibatch-bench-remote.XXXXXX)}
JAR=batch-app/target/batch-app-0.1.0-SNAPSHOT.jar
CLOCK=2026-11-28T01:00:00Z
mkdir -p "$WORK"

if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  echo "RabbitMQ is not reachable at 127.0.0.1:5672: nothing measured" >&2
  exit 1
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build"
  # shellcheck disable=SC2086
  ./mvnw -q -B -DskipTests ${MVN_ARGS:-} package
fi
cp -p "$JAR" "$WORK/app.jar"
JAR=$WORK/app.jar

echo "== generate $N declarations, $K per interchange"
if [[ "${SIGNED:-0}" == 1 ]]; then
  scripts/loadgen.sh "$WORK/load" --declarations "$N" --per-interchange "$K" --bad-percent "${BAD_PERCENT:-2}" --seed "${SEED:-20261128}"
  LOAD=$WORK/load/signed
  SIG_ARGS=()
else
  SKIP_SIGN=1 scripts/loadgen.sh "$WORK/load" --declarations "$N" --per-interchange "$K" --bad-percent "${BAD_PERCENT:-2}" --seed "${SEED:-20261128}"
  LOAD=$WORK/load/plain
  SIG_ARGS=(--edibatch.signature.required=false)
fi

DBS=()
WORKERS=()
cleanup() {
  for p in "${WORKERS[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n "$SAMPLER" ]] && kill "$SAMPLER" 2>/dev/null || true
  if [[ "${KEEP_DB:-0}" != 1 ]]; then
    for db in "${DBS[@]}"; do dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$db" 2>/dev/null || true; done
  fi
  rm -rf "$WORK/load/plain" "$WORK/load/signed" "$WORK"/home-*
}
trap cleanup EXIT
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; }

declare -A STEP WALL CORES
SAMPLER=
for workers in ${CONFIGS:-1 2}; do
  HOME_DIR=$WORK/home-$workers
  mkdir -p "$HOME_DIR/inbox"
  [[ -d "$WORK/load/pki" ]] && cp -r "$WORK/load/pki" "$HOME_DIR/pki"
  cp -al "$LOAD/." "$HOME_DIR/inbox/" 2>/dev/null || cp -r "$LOAD/." "$HOME_DIR/inbox/"
  DB=edibench_remote_$$_$workers
  DBS+=("$DB")
  createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$DB"
  URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?user=$PG_USER"
  QUEUE=edibatch.bench.$$.$workers
  COMMON=(--edibatch.home="$HOME_DIR" --spring.datasource.url="$URL" --edibatch.fixed-clock="$CLOCK"
          --edibatch.intake.settle=0s --edibatch.threads=1 --edibatch.workers.queue="$QUEUE"
          --edibatch.workers.partitions="$PARTITIONS" --edibatch.workers.timeout=6h "${SIG_ARGS[@]}")
  # the schema first, so that the workers' start does not race the manager's migration
  java -Xmx256m -jar "$JAR" status "${COMMON[@]}" >/dev/null 2>&1 || true
  WORKERS=()
  for ((w = 1; w <= workers; w++)); do
    # shellcheck disable=SC2086
    java -Xmx1g ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} -jar "$JAR" worker "${COMMON[@]}" \
      >"$WORK/worker-$workers-$w.log" 2>&1 &
    WORKERS+=($!)
  done
  for ((w = 1; w <= workers; w++)); do
    until grep -q "worker: taking" "$WORK/worker-$workers-$w.log"; do sleep 0.5; done
  done
  # start from a quiet server: the previous configuration's dirty buffers written out, not during this run
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -c CHECKPOINT "$DB" || true
  sync
  read -r busy_before idle_before < <(machine_ticks)
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  # the machine's CPU ticks twice a second, to tell how many cores the customs step kept busy
  (while :; do echo "$(date +%s%3N) $(machine_ticks)"; sleep 0.5; done) >"$WORK/cpu-$workers.txt" &
  SAMPLER=$!
  start=$(date +%s%N)
  set +e
  # shellcheck disable=SC2086
  java -Xmx1g ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} -jar "$JAR" run customs --workers=remote "${COMMON[@]}" \
    >"$WORK/manager-$workers.log" 2>&1
  code=$?
  set -e
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  read -r busy_after idle_after < <(machine_ticks)
  kill "$SAMPLER" 2>/dev/null || true
  wait "$SAMPLER" 2>/dev/null || true
  for p in "${WORKERS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  WORKERS=()
  if [[ $code != 0 && $code != 2 ]]; then
    echo "run with $workers worker(s) failed (exit $code); log: $WORK/manager-$workers.log" >&2
    tail -20 "$WORK/manager-$workers.log" >&2
    exit 3
  fi
  PSQL=(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -At "$DB")
  step=$("${PSQL[@]}" -c "SELECT round(extract(epoch FROM end_time - start_time) * 1000) FROM batch_step_execution
                          WHERE step_name = 'customs' ORDER BY step_execution_id DESC LIMIT 1")
  decided=$("${PSQL[@]}" -c "SELECT count(*) FROM declaration")
  lines=$("${PSQL[@]}" -c "SELECT count(*) FROM journal_line")
  rows=$("${PSQL[@]}" -c "SELECT (SELECT count(*) FROM declaration) + (SELECT count(*) FROM journal_entry)
                          + (SELECT count(*) FROM journal_line) + (SELECT count(*) FROM message_result)
                          + (SELECT count(*) FROM declaration_number) + (SELECT count(*) FROM exception_item)")
  # Batch writes the step's times in the JVM's zone, which java-opts.sh leaves at the machine's (UTC here)
  read -r step_from step_to < <("${PSQL[@]}" -F ' ' -c "SELECT round(extract(epoch FROM start_time) * 1000),
      round(extract(epoch FROM end_time) * 1000) FROM batch_step_execution WHERE step_name = 'customs'
      ORDER BY step_execution_id DESC LIMIT 1")
  cores=$(awk -v from="$step_from" -v to="$step_to" -v n="$(nproc)" '
      $1 >= from && $1 <= to { if (!seen) { b0 = $2; i0 = $3; seen = 1 } b1 = $2; i1 = $3 }
      END { if (b1 + i1 > b0 + i0) printf "%.2f", n * (b1 - b0) / (b1 - b0 + i1 - i0); else print "n/a" }' \
      "$WORK/cpu-$workers.txt")
  CORES[$workers]=$cores
  busy=$(awk -v b=$((busy_after - busy_before)) -v i=$((idle_after - idle_before)) 'BEGIN {printf "%.0f", 100 * b / (b + i)}')
  STEP[$workers]=$step
  WALL[$workers]=$wall
  printf '%s worker JVM(s) x 1 thread: customs step %.1f s, run %.1f s; %s declarations (%.0f/s in the step), ' \
    "$workers" "$(awk -v s="$step" 'BEGIN {print s / 1000}')" "$(awk -v s="$wall" 'BEGIN {print s / 1000}')" \
    "$decided" "$(awk -v d="$decided" -v s="$step" 'BEGIN {print d * 1000 / s}')"
  printf '%s journal lines, %.0f rows/s written in the step; %s broker message(s) (one per partition); machine %s%% busy (load %s before); %s of %s cores busy in the customs step\n' \
    "$lines" "$(awk -v r="$rows" -v s="$step" 'BEGIN {print r * 1000 / s}')" "$PARTITIONS" "$busy" "$load_before" \
    "$cores" "$(nproc)"
done
speedup=$(awk -v a="${STEP[1]}" -v b="${STEP[2]}" 'BEGIN {printf "%.2f", a / b}')
wall_speedup=$(awk -v a="${WALL[1]}" -v b="${WALL[2]}" 'BEGIN {printf "%.2f", a / b}')
verdict=$(awk -v s="$speedup" 'BEGIN {print (s >= 1.5 ? "PASS" : "FAIL")}')
echo "speed-up of the customs step, 2 workers vs 1: $speedup ($verdict against 1.5); whole run: $wall_speedup"
# What the machine allows: with one worker the step kept CORES[1] of the cores busy (worker, PostgreSQL, manager),
# so a second worker can at best fill the rest: no speed-up above nproc / CORES[1] is possible here.
if [[ "${CORES[1]:-n/a}" != n/a ]]; then
  echo "the machine's ceiling for that speed-up: $(nproc) cores / ${CORES[1]} busy with one worker = $(awk -v n="$(nproc)" -v c="${CORES[1]}" 'BEGIN {printf "%.2f", n / c}')"
fi
echo "cores: $(nproc); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

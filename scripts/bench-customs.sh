#!/usr/bin/env bash
# End-to-end throughput of the nightly customs run against PostgreSQL, next to this machine's raw ceilings
# measured in the same run over the same input (issue: national-scale throughput).
#
#   scripts/bench-customs.sh [N] [K]     N declarations (default 1000000), K per interchange (default 100)
#   SINGLE_BYTES=1073741824 scripts/bench-customs.sh   one interchange of about that many bytes instead
#
# Environment: BAD_PERCENT (2), LARGE_FILES (0), XML_PERCENT (0: share of the files that are signed XML batches),
# LOADGEN_ARGS (more LoadGenerator options for the set, e.g. "--replace-percent 10 --cancel-percent 2"),
# SEED (20261128), THREADS (2, for the ceilings),
# PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), BENCH_WORK (a new /tmp/edibatch-bench.* folder),
# SKIP_BUILD=1, MVN_ARGS (e.g. -o), KEEP_FILES=1 (keep the generated and processed files), KEEP_DB=1,
# JFR=1 (record the run with Flight Recorder and print its hottest frames: off by default, so that the measured
# run is the nightly run, without a profiler), JFR_SETTINGS (with JFR=1; default: the
# JDK's low-overhead "default" recording without Spring Batch's two per-item events, see below; "profile" samples
# more often and costs the run some of its speed), APP_ARGS (extra application options, e.g. "--edibatch.threads=4"), JAVA_OPTS (JVM options
# of the run after -Xmx1g; default those of scripts/nightly.sh, from scripts/java-opts.sh), CEILINGS_JAVA_OPTS (those of the
# ceilings, default -XX:+UseParallelGC: not JAVA_OPTS, so that tuning the run's JIT cannot lower them), CEILINGS=0
# (skip the ceilings: with one
# huge file they take minutes and cannot use a second thread), RUNS=n (repeat the run, report the median),
# REUSE_LOAD=1 (keep BENCH_WORK/load from an
# earlier run with KEEP_FILES=1 instead of generating and signing again).
#
# Prints: declarations/s end to end (messages read by the customs step, accepted + rejected, over the wall
# time of the whole JVM: start-up, claim, customs, answer, finish), the time of each step, peak RSS and peak
# heap, the ceilings (EDIFACT parse, CMS verify, COPY of one row and of a declaration's 7 rows), the ratio of end
# to end to the lowest ceiling (and to the lowest without the 7-row COPY), and the
# hottest frames of a JFR recording of the run (JFR=1); the start-up (from the launch to the claim step's log line
# "first file claimed") and the declarations per CPU-second of the JVM and its own PostgreSQL backends. The main
# figures also go to BENCH_WORK/result.env for scripts that run this one (bench-speed.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=java-opts.sh
. scripts/java-opts.sh
# shellcheck source=launch.sh
. scripts/launch.sh
N=${1:-1000000}
K=${2:-100}
BAD_PERCENT=${BAD_PERCENT:-2}
LARGE_FILES=${LARGE_FILES:-0}
XML_PERCENT=${XML_PERCENT:-0}
SEED=${SEED:-20261128}
THREADS=${THREADS:-2}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/edibatch-bench.XXXXXX)}
JAR=batch-app/target/batch-app-0.1.0-SNAPSHOT.jar
CLOCK=2026-11-28T01:00:00Z
mkdir -p "$WORK"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build"
  # shellcheck disable=SC2086
  ./mvnw -q -B -DskipTests ${MVN_ARGS:-} package
fi
# A copy: a rebuild while the benchmark runs must not pull the jar from under the running JVM.
cp -p "$JAR" "$WORK/app.jar" # -p: the same build keeps its unpacked copy (launch.sh)
JAR=$WORK/app.jar
# The ceilings come from the benchmarks module (its jar names its libraries in lib/ beside it): copied too.
rm -rf "$WORK/benchmarks"
mkdir -p "$WORK/benchmarks"
cp -rp benchmarks/target/benchmarks.jar benchmarks/target/lib "$WORK/benchmarks/"
BENCH_JAR=$WORK/benchmarks/benchmarks.jar
if [[ ! -x /usr/bin/time ]]; then
  echo "== installing GNU time (peak RSS)"
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q time >/dev/null; else sudo apt-get install -y -q time >/dev/null; fi
fi

if [[ "${REUSE_LOAD:-0}" == 1 && -d "$WORK/load/signed" ]]; then
  echo "== reuse the load in $WORK/load"
elif [[ -n "${SINGLE_BYTES:-}" ]]; then
  echo "== generate one interchange of about $SINGLE_BYTES bytes, ${BAD_PERCENT}% bad, sign"
  scripts/loadgen.sh "$WORK/load" --single-interchange-bytes "$SINGLE_BYTES" --bad-percent "$BAD_PERCENT" --seed "$SEED"
else
  echo "== generate $N declarations, $K per interchange, ${BAD_PERCENT}% bad, $LARGE_FILES large file(s), ${XML_PERCENT}% XML files${LOADGEN_ARGS:+, $LOADGEN_ARGS}, sign"
  # shellcheck disable=SC2086
  scripts/loadgen.sh "$WORK/load" --declarations "$N" --per-interchange "$K" --bad-percent "$BAD_PERCENT" \
    --large-files "$LARGE_FILES" --xml-percent "$XML_PERCENT" --seed "$SEED" ${LOADGEN_ARGS:-}
fi
cat "$WORK/load/loadgen.properties" | tr '\n' ' '; echo

# utime + stime of a /proc/.../stat file in clock ticks; "children" adds those of its reaped children. The fields
# are counted after the command name, which may hold spaces. Prints nothing when the process or thread is gone.
stat_ticks() { awk -v kids="${2:-}" '{sub(/^.*\) /, ""); print $12 + $13 + (kids ? $14 + $15 : 0)}' "$1" 2>/dev/null; }
# CPU seconds of the local PostgreSQL server (its live processes, plus the backends it has already reaped),
# and of the whole machine (all cores, from /proc/stat): read before and after the run.
pg_cpu_ticks() {
  local t=0 pid v
  for pid in $(pgrep -u postgres 2>/dev/null); do
    v=$(stat_ticks "/proc/$pid/stat" children) || v=
    if [[ -n "$v" ]]; then t=$((t + v)); fi
  done
  echo "$t"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; }
# CPU seconds of each JVM thread (user + system), sampled every second until the JVM exits, so that threads that
# end early (claim workers, customs workers) are counted too; summed by thread name with numbers dropped. One awk
# per sample reads every thread's stat file (its name is in it): processes started per thread and second would
# take several CPU-seconds from the run they measure (docs/PERFORMANCE.md).
thread_cpu() {
  local pid="" raw=$WORK/threads.raw
  for _ in $(seq 1 100); do
    pid=$(pgrep -f -- "--edibatch.home=$HOME_DIR" | while read -r p; do [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] && echo "$p"; done | head -1)
    [[ -n "$pid" ]] && break
    sleep 0.1
  done
  [[ -n "$pid" ]] || return 0
  : >"$raw"
  while kill -0 "$pid" 2>/dev/null; do
    # tid|name|ticks; the name sits between the first "(" and the last ")" and may hold spaces
    awk '{l = $0; o = index(l, "("); c = o; for (i = o; i <= length(l); i++) if (substr(l, i, 1) == ")") c = i
          n = substr(l, o + 1, c - o - 1); split(substr(l, c + 2), f, " "); print $1 "|" n "|" f[12] + f[13]; nextfile}' \
      /proc/"$pid"/task/*/stat >>"$raw" 2>/dev/null
    sleep 1
  done
  # the last sample of each thread, summed by name
  awk -F'|' -v hz="$(getconf CLK_TCK)" '{t[$1] = $3; name[$1] = $2}
    END {for (id in t) {n = name[id]; sub(/[#-]?[0-9]+$/, "", n); c[n] += t[id] / hz}
         for (k in c) if (c[k] >= 0.1) printf "%.1f %s\n", c[k], k}' "$raw" | sort -rn | head -10 |
    awk '{c = $1; $1 = ""; printf "%s%s %s", (NR > 1 ? ", " : ""), substr($0, 2), c} END {print ""}'
}

# CPU seconds of the run's own PostgreSQL backends (the processes whose title names its database), sampled every
# half second until the JVM exits, the last sample of each kept: unlike the server-wide figure it leaves out
# other databases' work on a shared server; it misses what a backend spends after its last sample (at most half
# a second each, the pool's ten) and the server's shared processes (WAL writer, checkpointer).
backend_cpu() {
  local pid="" raw=$WORK/backends.raw
  for _ in $(seq 1 100); do
    pid=$(pgrep -f -- "--edibatch.home=$HOME_DIR" | while read -r p; do [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] && echo "$p"; done | head -1)
    [[ -n "$pid" ]] && break
    sleep 0.1
  done
  : >"$raw"
  while [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; do
    local pids
    pids=$(pgrep -u postgres -f "^postgres: .* $DB [0-9.:a-f]+\\(" | sed 's#^\(.*\)$#/proc/\1/stat#' | tr '\n' ' ')
    # shellcheck disable=SC2086
    [[ -n "$pids" ]] && awk '{l = $0; sub(/^.*\) /, "", l); split(l, f, " "); print $1, f[12] + f[13]; nextfile}' $pids >>"$raw" 2>/dev/null
    sleep 0.5
  done
  awk -v hz="$(getconf CLK_TCK)" '{t[$1] = $2} END {for (p in t) s += t[p]; printf "%.1f\n", s / hz}' "$raw"
}

# Spring Batch 6 emits a JFR event for every item read and every item processed, each with its stack trace: in a
# recording with the JDK's default settings that is two million events per million declarations, ~5% of the
# customs workers' CPU, which the nightly run (not recorded) does not pay. The benchmark's recording keeps the
# JDK's defaults and Spring Batch's chunk, step and job events, and leaves those two out.
if [[ "${JFR:-0}" == 0 ]]; then
  JFR_OPTS=()
else
  if [[ -z "${JFR_SETTINGS:-}" ]]; then
    JFR_SETTINGS=$WORK/bench.jfc
    jdk_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    sed 's#</configuration>#  <event name="org.springframework.batch.core.observability.jfr.events.step.chunk.ItemReadEvent"><setting name="enabled">false</setting></event>\n  <event name="org.springframework.batch.core.observability.jfr.events.step.chunk.ItemProcessEvent"><setting name="enabled">false</setting></event>\n</configuration>#' \
      "$jdk_home/lib/jfr/default.jfc" >"$JFR_SETTINGS"
  fi
  JFR_OPTS=("-XX:StartFlightRecording=filename=$WORK/customs.jfr,settings=$JFR_SETTINGS")
fi

# The run is started as nightly.sh starts it (launch.sh: the jar unpacked once; EDIBATCH_UNPACK=0 runs it packed).
# RUNS=n repeats the run n times over the same load (a fresh home and database each time) and reports each
# run and their median: on this machine the same run varies by +-15% from one time to the next.
RUNS=${RUNS:-1}
rates=()
walls=()
# What a run leaves (its home, its database) is deleted when the benchmark ends, not before the next run: on this
# machine's ext4 (mounted without a journal) a file created within minutes of a mass deletion has ext4 skip every
# recently deleted inode to find a free one, and the 20,000 answer files and PostgreSQL's new files of a run paid
# for the 20,000 files deleted just before it (~1% of the machine); a nightly run deletes nothing beforehand.
TRASH=$WORK/trash
DBS=()
mkdir -p "$TRASH"
for ((run = 1; run <= RUNS; run++)); do
HOME_DIR=$WORK/home
if [[ -e "$HOME_DIR" ]]; then mv "$HOME_DIR" "$TRASH/home.$(date +%s%N)"; fi
mkdir -p "$HOME_DIR/inbox"
cp -r "$WORK/load/pki" "$HOME_DIR/pki"
# Hard links: the run moves files out of the inbox, and the ceilings need the same bytes afterwards.
cp -al "$WORK/load/signed/." "$HOME_DIR/inbox/" 2>/dev/null || cp -r "$WORK/load/signed/." "$HOME_DIR/inbox/"

DB=edibench_$$_$(date +%s)_$run
URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?user=$PG_USER"
PSQL=(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -At "$DB")
DBS+=("$DB")
cleanup() {
  if [[ "${KEEP_DB:-0}" != 1 ]]; then
    for db in "${DBS[@]}"; do dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$db" 2>/dev/null || true; done
  fi
  rm -rf "$TRASH"
  if [[ "${KEEP_FILES:-0}" != 1 ]]; then
    rm -rf "$WORK/load/plain" "$WORK/load/signed" "$HOME_DIR/inbox" "$HOME_DIR/work" "$HOME_DIR/archive" \
      "$HOME_DIR/quarantine" "$HOME_DIR/outbox"
  fi
}
trap cleanup EXIT
createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$DB"

# Start from a quiet server: the previous run's dirty buffers written out, its dropped database's files gone.
psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -c CHECKPOINT "$DB" || true
sync
rm -f "$WORK/customs.jfr"
pg_before=$(pg_cpu_ticks)
read -r busy_before idle_before < <(machine_ticks)

echo "== run customs $run/$RUNS (database $DB${JFR_OPTS:+, JFR $WORK/customs.jfr})"
set +e
thread_cpu >"$WORK/threads.txt" &
sampler=$!
backend_cpu >"$WORK/backends.txt" &
backend_sampler=$!
launch_ns=$(date +%s%N)
# shellcheck disable=SC2086
EDIBATCH_APP_CACHE=${EDIBATCH_APP_CACHE:-$WORK/.edibatch-cache} /usr/bin/time -v -o "$WORK/time.txt" \
  bash -c '. scripts/launch.sh && edibatch_java "$@"' launch "$JAR" -Xmx1g ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} \
  "${JFR_OPTS[@]}" "-Xlog:gc:file=$WORK/gc.log::filecount=0" \
  -- run customs --edibatch.home="$HOME_DIR" --spring.datasource.url="$URL" \
  --edibatch.fixed-clock="$CLOCK" --edibatch.intake.settle=0s ${APP_ARGS:-} >"$WORK/run.log" 2>&1
code=$?
wait "$sampler" "$backend_sampler"
pg_backend_cpu=$(cat "$WORK/backends.txt")
set -e
pg_cpu=$(awk -v a="$pg_before" -v b="$(pg_cpu_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')
read -r busy_after idle_after < <(machine_ticks)
machine_busy=$(awk -v b=$((busy_after - busy_before)) -v i=$((idle_after - idle_before)) 'BEGIN {printf "%.0f", 100 * b / (b + i)}')
if [[ $code != 0 && $code != 2 ]]; then
  echo "customs run failed with exit code $code; log: $WORK/run.log" >&2
  tail -30 "$WORK/run.log" >&2
  exit 1
fi

# The ledger the night left: verify-ledger recomputes it from the journal lines, the chain, the running totals
# and every archived file's digest (exit 0; 5 on any difference).
vl_start=$(date +%s%N)
set +e
EDIBATCH_APP_CACHE=${EDIBATCH_APP_CACHE:-$WORK/.edibatch-cache} \
  bash -c '. scripts/launch.sh && edibatch_java "$@"' launch "$JAR" -Xmx1g -- verify-ledger \
  --edibatch.home="$HOME_DIR" --spring.datasource.url="$URL" >"$WORK/verify-ledger.log" 2>&1
vl_code=$?
set -e
vl_secs=$(awk -v a="$vl_start" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
if [[ $vl_code != 0 ]]; then
  echo "verify-ledger exited $vl_code; log: $WORK/verify-ledger.log" >&2
  tail -30 "$WORK/verify-ledger.log" >&2
  exit 1
fi

wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$WORK/time.txt")
messages=$("${PSQL[@]}" -c "SELECT count(*) FROM message_result")
read -r accepted rejected < <("${PSQL[@]}" -F ' ' -c "SELECT count(*) FILTER (WHERE status = 'ACCEPTED'), count(*) FILTER (WHERE status <> 'ACCEPTED') FROM declaration")
syntax_rejected=$("${PSQL[@]}" -c "SELECT count(*) FROM message_result WHERE status <> 'ACCEPTED'")
files_state=$("${PSQL[@]}" -F '=' -c "SELECT state, count(*) FROM inbound_file GROUP BY 1 ORDER BY 1" | tr '\n' ' ')
commits=$("${PSQL[@]}" -c "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
steps=$("${PSQL[@]}" -F ' ' -c "SELECT step_name, round(extract(epoch FROM end_time - start_time)::numeric, 1), commit_count FROM batch_step_execution ORDER BY step_execution_id")
customs_secs=$(awk '$1 == "customs" {print $2}' <<<"$steps")
rate=$(awk -v m="$messages" -v w="$wall" 'BEGIN {printf "%.0f", m / w}')
# Start-up: from the launch (launch.sh and the JVM's start) to the claim step's first registered file, from the
# timestamp of its log line (the log's clock is the system's, not the run's fixed clock).
first_claim=$(grep -m1 'first file claimed' "$WORK/run.log" | awk '{print $1}' || true)
if [[ -n "$first_claim" ]]; then
  startup=$(awk -v a="$launch_ns" -v b="$(date -d "$first_claim" +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
else
  startup=-
fi
customs_rate=$(awk -v m="$messages" -v w="$customs_secs" 'BEGIN {if (w > 0) printf "%.0f", m / w; else print "-"}')
rates+=("$rate")
walls+=("$wall")
if ((run < RUNS)); then
  echo "   run $run: ${wall} s, $rate declarations/s"
fi
done
if ((RUNS > 1)); then
  rate=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2))}')
fi
# The heap in use before each collection ("Pause Young (Allocation Failure) 305M->25M(981M)"): its peak, and
# the most that survived a full collection (what the run holds, as opposed to garbage not yet collected).
peak_heap=$(awk '/Pause/ && /->/ {split($0, a, "->"); n = split(a[1], b, " "); v = b[n]; u = substr(v, length(v)); v += 0
  if (u == "G") v *= 1024; if (u == "K") v /= 1024; if (v > m) m = v} END {printf "%.0f MB", m}' "$WORK/gc.log")
live_full=$(awk '/Pause Full/ && /->/ {split($0, a, "->"); split(a[2], b, "("); v = b[1]; u = substr(v, length(v)); v += 0
  if (u == "G") v *= 1024; if (u == "K") v /= 1024; if (v > m) m = v; n++} END {if (n) printf "%.0f MB after the largest of %d full collection(s)", m, n; else print "no full collection"}' "$WORK/gc.log")

if [[ "${CEILINGS:-1}" != 0 ]]; then
  echo "== ceilings (same input, same machine)"
  # shellcheck disable=SC2086
  java -Xmx1g ${CEILINGS_JAVA_OPTS:--XX:+UseParallelGC} -cp "$BENCH_JAR" org.edibatch.bench.Ceilings \
    --in "$WORK/load/signed" --pki "$WORK/load/pki" --jdbc "$URL" --threads "$THREADS" --received-at "$CLOCK" \
    --app-home "$HOME_DIR" --out "$WORK/ceilings.txt" 2>"$WORK/ceilings.err" | grep -v '^LOWEST' || { cat "$WORK/ceilings.err" >&2; exit 1; }
else
  printf 'LOWEST_CEILING=0\nLOWEST_CEILING_STAGE=not_measured_(CEILINGS=0)\nLOWEST_CEILING_1THREAD=0\n' >"$WORK/ceilings.txt"
fi
lowest=$(awk -F= '/^LOWEST_CEILING=/ {print $2}' "$WORK/ceilings.txt")
lowest_stage=$(awk -F= '/^LOWEST_CEILING_STAGE=/ {print $2}' "$WORK/ceilings.txt" | tr '_' ' ')
lowest1=$(awk -F= '/^LOWEST_CEILING_1THREAD=/ {print $2}' "$WORK/ceilings.txt")

if [[ -f "$WORK/customs.jfr" ]]; then
echo "== hot methods of the run (JFR, top 25 leaf frames by sample count)"
# head closes its pipe early; that SIGPIPE is not a failure of the benchmark
set +o pipefail
jfr print --events jdk.ExecutionSample --stack-depth 1 "$WORK/customs.jfr" | awk '
  /stackTrace = \[/ { if ((getline line) > 0) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); c[line]++; n++ } }
  END { for (f in c) printf "%7d %5.1f%%  %s\n", c[f], 100 * c[f] / n, f; printf "%7d total\n", n > "/dev/stderr" }' \
  2>"$WORK/hot-total.txt" | sort -rn | head -25 | tee "$WORK/hot-leaf.txt"
echo "-- by first non-JDK frame (library or our code doing the work), top 15"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/customs.jfr" | awk '
  /stackTrace = \[/ { inside = 1; found = 0; next }
  inside && /^[ \t]*\]/ { inside = 0; next }
  inside && !found { f = $1; if (f !~ /^(java|javax|jdk|sun|com\.sun)\./ && f != "...") { sub(/\(.*$/, "", f); c[f]++; found = 1 } }
  END { for (f in c) printf "%7d  %s\n", c[f], f }' | sort -rn | head -15 | tee "$WORK/hot-lib.txt"
echo "-- by first org.edibatch frame (which of our code paths the time is spent under), top 15"
jfr print --events jdk.ExecutionSample --stack-depth 128 "$WORK/customs.jfr" | awk '
  /stackTrace = \[/ { inside = 1; found = 0; next }
  inside && /^[ \t]*\]/ { inside = 0; next }
  inside && !found && $1 ~ /^org\.edibatch\./ { f = $1; sub(/\(.*$/, "", f); c[f]++; found = 1 }
  END { for (f in c) printf "%7d  %s\n", c[f], f }' | sort -rn | head -15 | tee "$WORK/hot-edibatch.txt"
echo "-- threads in native code (socket reads = waiting for PostgreSQL), top 8"
jfr print --events jdk.NativeMethodSample --stack-depth 1 "$WORK/customs.jfr" | awk '
  /stackTrace = \[/ { if ((getline line) > 0) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); c[line]++ } }
  END { for (f in c) printf "%7d  %s\n", c[f], f }' | sort -rn | head -8
set -o pipefail
fi
echo
echo "== result"
echo "input:        $(tr '\n' ' ' <"$WORK/load/loadgen.properties")"
echo "files:        $files_state"
echo "messages:     $messages read by the customs step ($syntax_rejected rejected by syntax); declarations decided: $accepted accepted, $rejected rejected"
echo "steps (s, commits):"
sed 's/^/              /' <<<"$steps"
echo "wall time:    ${wall} s (JVM start to exit), CPU ${cpu} s of the JVM ($(awk -v c="$cpu" -v w="$wall" 'BEGIN {printf "%.2f", c / w}') cores busy)"
echo "JVM threads:  $(cat "$WORK/threads.txt") (CPU-s by thread name)"
echo "start-up:     ${startup} s from the launch to the first claimed file"
echo "DB commits:   $commits (pg_stat_database.xact_commit); PostgreSQL CPU ${pg_cpu} s (local server processes), ${pg_backend_cpu} s in the run's own backends"
echo "per CPU-s:    $(awk -v m="$messages" -v c="$cpu" -v p="$pg_backend_cpu" 'BEGIN {printf "%.0f", m / (c + p)}') declarations per CPU-second of the JVM and its PostgreSQL backends"
echo "machine:      ${machine_busy}% of all cores busy during the run (JVM, PostgreSQL and everything else)"
echo "verify-ledger: ${vl_secs} s (JVM start to exit), no difference: $(grep -m1 '^journal:' "$WORK/verify-ledger.log" || true)"
echo "peak RSS:     $((rss_kb / 1024)) MB   peak heap used (GC log, before a collection): ${peak_heap} of -Xmx1g; live: ${live_full}"
if ((RUNS > 1)); then
  echo "runs:         ${walls[*]} s (JVM start to exit); ${rates[*]} declarations/s; the figures above are the last run's"
  echo "end to end:   $rate declarations/s, the median of $RUNS runs"
else
  echo "end to end:   $rate declarations/s   (customs step alone: $customs_rate declarations/s)"
fi
echo "lowest ceiling: $lowest declarations/s ($lowest_stage, best over 1..$THREADS threads; 1 thread: $lowest1)"
in_app=$(awk '$1 == "parse" && $2 == "validated" && $3 == "(in" {print $(NF)}' "$WORK/ceilings.txt" | tail -1)
parse_best=$(awk '$1 == "parse" && $2 == "validated" && $3 != "(in" && $NF > m {m = $NF} END {print m + 0}' "$WORK/ceilings.txt")
if [[ -n "$in_app" && "$parse_best" != 0 ]]; then
  echo "in the app:   the validated parse after the application's start-up in that JVM: $in_app declarations/s ($(awk -v a="$in_app" -v c="$parse_best" 'BEGIN {printf "%.0f%%", 100 * a / c}') of the bare JVM's $parse_best; JIT profiles of java.util.stream, see docs/PERFORMANCE.md)"
fi
if [[ "$lowest" != 0 ]]; then
  echo "ratio:        $(awk -v r="$rate" -v c="$lowest" 'BEGIN {printf "%.1f%%", 100 * r / c}') of the lowest ceiling (target >= 50%); $(awk -v r="$rate" -v c="$lowest1" 'BEGIN {printf "%.1f%%", 100 * r / c}') of its 1-thread figure"
fi
# The definition before 2026-11-29 (COPY ceiling = one row per declaration into a temporary table), for comparison.
single_row=$(awk -F= '/^LOWEST_SINGLE_ROW=/ {print $2}' "$WORK/ceilings.txt")
single_row_stage=$(awk -F= '/^LOWEST_SINGLE_ROW_STAGE=/ {print $2}' "$WORK/ceilings.txt" | tr '_' ' ')
if [[ -n "$single_row" && "$single_row_stage" != "$lowest_stage" ]]; then
  echo "without the 7-row COPY: lowest $single_row declarations/s ($single_row_stage); ratio $(awk -v r="$rate" -v c="$single_row" 'BEGIN {printf "%.1f%%", 100 * r / c}') (the definition before 2026-11-29)"
fi
echo "target:       >= 3300 declarations/s: $(awk -v r="$rate" 'BEGIN {print (r >= 3300 ? "met" : "NOT met")}')"
echo "kept:         $WORK ($([[ -f "$WORK/customs.jfr" ]] && echo "customs.jfr, hot-*.txt, ")run.log, gc.log, time.txt, threads.txt, ceilings.txt, verify-ledger.log)"
# The figures above for scripts that run this one (bench-speed.sh), one NAME=value a line.
cat >"$WORK/result.env" <<EOF
MESSAGES=$messages
WALL=$wall
RATE=$rate
STARTUP=$startup
JVM_CPU=$cpu
PG_BACKEND_CPU=$pg_backend_cpu
PG_SERVER_CPU=$pg_cpu
MACHINE_BUSY=$machine_busy
EOF

#!/usr/bin/env bash
# Issue 18's benchmark: a night of N declarations of which a share are replacements and cancellations, against a
# night of N originals only, both end to end through scripts/bench-customs.sh, in this one run of the script (same
# build, same hour of the machine, each on a fresh database), and the ratio of the two rates.
#
#   scripts/bench-amendments.sh [N] [K]     N declarations (default 1000000), K per interchange (default 100)
#   CEILINGS=0 scripts/bench-amendments.sh 20000     a small try
#
# Environment: REPLACE_PERCENT (10), CANCEL_PERCENT (2), TARGET_PERCENT (85: the ratio asked for), PAIRS (1:
# PAIRS=n runs originals and amendments alternately n times each, over the same two loads, and compares the
# medians: on this machine one run varies by +-15% from the next), CEILINGS (0: not needed for the ratio; 1 measures
# them after each run), BENCH_WORK (a new /tmp/edibatch-amend.* folder), KEEP_FILES=1, SKIP_BUILD=1, MVN_ARGS;
# everything else (BAD_PERCENT, SEED, XML_PERCENT, APP_ARGS, JAVA_OPTS...) goes to bench-customs.sh unchanged, so
# both nights get the same.
#
# Prints each night's result as bench-customs.sh does, then the two rates (declarations read by the customs step
# over the JVM's wall time), their ratio and PASS or FAIL against TARGET_PERCENT. Exit 0 on PASS, 1 on FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
K=${2:-100}
REPLACE_PERCENT=${REPLACE_PERCENT:-10}
CANCEL_PERCENT=${CANCEL_PERCENT:-2}
TARGET_PERCENT=${TARGET_PERCENT:-85}
PAIRS=${PAIRS:-1}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/edibatch-amend.XXXXXX)}
export CEILINGS=${CEILINGS:-0}
mkdir -p "$WORK"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build"
  # shellcheck disable=SC2086
  ./mvnw -q -B -DskipTests ${MVN_ARGS:-} package
fi

# One night through bench-customs.sh; its output is kept, its rate printed on stdout.
#   night NAME PASS [LoadGenerator options...]
night() {
  local name=$1 pass=$2
  shift 2
  local log=$WORK/$name-$pass.log reuse=0
  [[ -d "$WORK/$name/load/signed" ]] && reuse=1
  echo "== $name night, pass $pass/$PAIRS (log $log)" >&2
  # KEEP_FILES: the load serves the later passes; this script deletes it at its end
  if ! SKIP_BUILD=1 KEEP_FILES=1 REUSE_LOAD=$reuse BENCH_WORK="$WORK/$name" LOADGEN_ARGS="$*" \
    scripts/bench-customs.sh "$N" "$K" >"$log" 2>&1; then
    echo "the $name night failed; log: $log" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  sed -n '/^== result/,$p' "$log" >&2
  awk '/^end to end:/ {print $4; exit}' "$log"
}

cleanup() {
  if [[ "${KEEP_FILES:-0}" != 1 ]]; then
    rm -rf "$WORK/originals/load/plain" "$WORK/originals/load/signed" "$WORK/amendments/load/plain" \
      "$WORK/amendments/load/signed" "$WORK"/*/home
  fi
}
trap cleanup EXIT

originals=()
amendments=()
for ((pass = 1; pass <= PAIRS; pass++)); do
  originals+=("$(night originals "$pass")")
  amendments+=("$(night amendments "$pass" --replace-percent "$REPLACE_PERCENT" --cancel-percent "$CANCEL_PERCENT")")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2))}'; }
o=$(median "${originals[@]}")
a=$(median "${amendments[@]}")
ratio=$(awk -v a="$a" -v o="$o" 'BEGIN {printf "%.1f", 100 * a / o}')
verdict=$(awk -v r="$ratio" -v t="$TARGET_PERCENT" 'BEGIN {print (r >= t ? "PASS" : "FAIL")}')

echo
echo "== amendments against originals"
echo "load:         $N declarations, $K per interchange; amendments night: ${REPLACE_PERCENT}% replacements, ${CANCEL_PERCENT}% cancellations"
echo "generated:    $(tr '\n' ' ' <"$WORK/amendments/load/loadgen.properties" | grep -o 'replacements=.*' || true)"
if ((PAIRS > 1)); then
  echo "runs:         originals ${originals[*]}; amendments ${amendments[*]} declarations/s (alternating); medians below"
fi
echo "originals:    $o declarations/s end to end"
echo "amendments:   $a declarations/s end to end"
# CPU of the last pass of each night (JVM, and the local PostgreSQL server): on a busy machine the wall times
# stretch with everyone else's work, the CPU spent on the night much less.
cpu() { awk '/^wall time:/ {for (i = 1; i <= NF; i++) if ($i == "CPU") j = $(i + 1)} /^DB commits:/ {for (i = 1; i <= NF; i++) if ($i == "CPU") p = $(i + 1)} END {printf "%s JVM + %s PostgreSQL CPU-s", j, p}' "$1"; }
echo "cpu:          originals $(cpu "$WORK/originals-$PAIRS.log"); amendments $(cpu "$WORK/amendments-$PAIRS.log") (the last pass of each)"
echo "ratio:        ${ratio}% of the originals' rate (target >= ${TARGET_PERCENT}%): $verdict"
echo "kept:         $WORK (each night's log: originals-*.log, amendments-*.log)"
[[ "$verdict" == PASS ]]

#!/usr/bin/env bash
# Runs the fuzz properties (batch-app, package org.edibatch.fuzz) long: each property tries TRIES inputs, sample
# files mutated from random seeds, against the readers a sender's bytes meet first (docs/FUZZING.md).
#
#   scripts/fuzz.sh                 100,000 tries per property
#   TRIES=10000 scripts/fuzz.sh     fewer
#   PROPERTIES=XmlReaderFuzzTest scripts/fuzz.sh    one property class (a Surefire -Dtest pattern)
#
# Environment: TRIES (100000), PROPERTIES (*FuzzTest), CPU_MS (2000: the CPU time one input may cost the reading
# thread), MVN_ARGS (e.g. -o once the dependencies are in ~/.m2), FUZZ_LOG (the Maven log; default a new
# /tmp/edibatch-fuzz.*.log).
#
# Prints per property: tries, wall seconds, tries/s and the outcome, then the findings (each failing input with
# the seed and mutations that make it: Mutator.edifact(seed) / Mutator.xml(seed) rebuild it). A finding is replayed
# first by the next run (jqwik's database in batch-app/target/jqwik-database). Exit 0 without findings, 1 with.
# The properties need no database; Maven's test phase compiles and runs them alone.
set -euo pipefail
cd "$(dirname "$0")/.."
TRIES=${TRIES:-100000}
PROPERTIES=${PROPERTIES:-*FuzzTest}
CPU_MS=${CPU_MS:-2000}
LOG=${FUZZ_LOG:-$(mktemp /tmp/edibatch-fuzz.XXXXXX.log)}

echo "== fuzz: $TRIES tries per property ($PROPERTIES), at most $CPU_MS ms CPU per input; log $LOG"
start=$(date +%s)
set +e
# shellcheck disable=SC2086
./mvnw -B ${MVN_ARGS:-} -pl batch-app -am test -Dtest="$PROPERTIES" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djqwik.tries.default="$TRIES" -Djqwik.reporting.onlyfailures=false -Dfuzz.cpu-ms="$CPU_MS" >"$LOG" 2>&1
code=$?
set -e
secs=$(($(date +%s) - start))

# jqwik reports each property as "<timestamp>, Class:method = " followed by its tries; Surefire the class's time.
awk '
  /, [A-Za-z]+FuzzTest:[A-Za-z]+ = *$/ { n = $0; sub(/^.*, /, "", n); sub(/ = *$/, "", n); prop = n }
  prop != "" && /^tries = / { tries[prop] = $3 }
  prop != "" && /^seed = / { seed[prop] = $3; order[++k] = prop; prop = "" }
  /Tests run: .* in org\.edibatch\.fuzz\./ {
    cls = $NF; sub(/^.*\./, "", cls)
    t = $0; sub(/^.*Time elapsed: /, "", t); sub(/ s.*$/, "", t); time[cls] = t
    failed[cls] = ($0 ~ /FAILURE/) }
  END {
    printf "%-58s %9s %8s %9s  %s\n", "property", "tries", "seconds", "tries/s", "outcome"
    for (i = 1; i <= k; i++) {
      p = order[i]; c = p; sub(/:.*$/, "", c)
      printf "%-58s %9d %8.1f %9.0f  %s (seed %s)\n", p, tries[p], time[c], (time[c] > 0 ? tries[p] / time[c] : 0),
        (failed[c] ? "FINDING" : "no finding"), seed[p]
    }
  }' "$LOG"

findings=$(grep -c '^Shrunk Sample\|^Sample$' "$LOG" || true)
if [[ $code != 0 ]]; then
  echo "== findings (the shrunk input first; its seed and mutations rebuild it):"
  grep -A3 '^Shrunk Sample\|^Sample$' "$LOG" | grep -E '(edifact|xml|cremul|camt054) seed=' | sed 's/^ */  /' || true
  grep -E '^(org\.opentest4j\.|java\.)[A-Za-z.]*(Error|Exception)' "$LOG" | sort | uniq -c | sed 's/^/  /' || true
  if [[ "$findings" == 0 ]]; then
    echo "  no property failed: the build itself did (see $LOG)"
    tail -20 "$LOG"
  fi
  echo "== $secs s in all; FINDINGS (log $LOG)"
  exit 1
fi
echo "== $secs s in all (Maven and compilation included); no finding"

#!/usr/bin/env bash
# JMH micro-benchmarks of the customs path's stages, in process and in isolation: EDIFACT parse (StAEDI with the
# CUSDEC guide, envelope-only and validated), CMS detached verification (RSA and EC), the XML declaration reader
# and the CUSDEC-to-Declaration mapping. Scores are operations per second: per declaration for parse and mapping,
# per 1 MB batch for the XML reader, per interchange of 100 declarations for the verification.
#
#   scripts/bench-micro.sh                     every benchmark, with the options below
#   scripts/bench-micro.sh ParseBenchmark      those whose name matches (a JMH regular expression)
#   scripts/bench-micro.sh -h                  JMH's own options (forks, iterations, profilers: -prof gc)
#
# Defaults here are short (1 fork, 3 warm-up and 5 measured iterations of 2 s) for a machine shared with
# others; an option given on the command line replaces its default. Build first: ./mvnw -q -B -DskipTests package.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [[ ! -f "$JAR" ]]; then
  echo "$JAR missing: run './mvnw -q -B -DskipTests package' in $ROOT first" >&2
  exit 1
fi
defaults=()
for d in "-f 1" "-wi 3" "-w 2s" "-i 5" "-r 2s" "-tu s"; do
  given=0
  for a in "$@"; do [[ "$a" == "${d%% *}" ]] && given=1; done
  if [[ $given == 0 ]]; then defaults+=("${d%% *}" "${d#* }"); fi
done
java -jar "$JAR" "${defaults[@]}" "$@"

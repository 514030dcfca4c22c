#!/usr/bin/env bash
# Generates benchmark load and signs it the way senders would deliver it.
#
#   scripts/loadgen.sh OUT [LoadGenerator options...]
#   e.g. scripts/loadgen.sh /tmp/load --declarations 1000000 --per-interchange 100 --bad-percent 2 --large-files 5
#        scripts/loadgen.sh /tmp/big --single-interchange-bytes 1073741824
#
# Writes OUT/plain (unsigned interchanges), OUT/pki (demo PKI, created once), OUT/signed (each file with its
# detached NAME.p7s, ready to drop into an inbox) and OUT/loadgen.properties (counts).
#
# XML batches (--xml-percent) are signed the same way, by the sender in their batch header.
# Needs a built tree (./mvnw -DskipTests package); SKIP_SIGN=1 stops after generation.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 || "$1" == --* ]]; then
  echo "usage: $0 OUT [--declarations N] [--per-interchange K] [--senders A,B] [--bad-percent P] [--large-files F]" >&2
  echo "          [--seed S] [--xml-percent X] [--replace-percent R] [--cancel-percent C] | [--single-interchange-bytes B]" >&2
  exit 64
fi
OUT=$1
shift
JAR=batch-app/target/batch-app-0.1.0-SNAPSHOT.jar
# LoadGenerator and its libraries (sample-messages, edi-schemas, picocli), named by the benchmarks jar's manifest
CP=benchmarks/target/benchmarks.jar
if [[ ! -f "$CP" || ! -f "$JAR" ]]; then
  echo "build first: ./mvnw -q -B -DskipTests package" >&2
  exit 1
fi
# Certificates must be valid at the run's fixed clock (bench: 2026-11-28T01:00Z), whatever today is.
PKI_NOW=${PKI_NOW:-2026-11-27T00:00:00Z}

rm -rf "$OUT/plain" "$OUT/signed"
mkdir -p "$OUT/plain"
start=$(date +%s%N)
java -Xmx512m -cp "$CP" org.edibatch.samples.load.LoadGenerator --out "$OUT/plain" --summary "$OUT/loadgen.properties" "$@"
gen=$(( ($(date +%s%N) - start) / 1000000 ))
if [[ "${SKIP_SIGN:-0}" == 1 ]]; then
  exit 0
fi
if [[ ! -d "$OUT/pki/trust" ]]; then
  java -jar "$JAR" pki init "$OUT/pki" --now="$PKI_NOW" >/dev/null
fi
start=$(date +%s%N)
java -jar "$JAR" sign-samples "$OUT/pki" "$OUT/plain" "$OUT/signed"
sign=$(( ($(date +%s%N) - start) / 1000000 ))
unsigned=0
for f in "$OUT"/signed/*; do
  [[ "$f" == *.p7s || -e "$f.p7s" ]] || unsigned=$((unsigned + 1))
done
if [[ "$unsigned" -gt 0 ]]; then
  echo "note: $unsigned file(s) copied unsigned (their sender has no demo key)"
fi
echo "generated in ${gen} ms, signed in ${sign} ms -> $OUT/signed"

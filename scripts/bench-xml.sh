#!/usr/bin/env bash
# Streams an XML declaration batch through the XML reader (StAX + schema validation + mapping) and prints
# declarations/s and peak heap and RSS. The file is written declaration by declaration by BigXmlFile
# (default 1 GiB, about 1,050,000 declarations) and deleted afterwards unless KEEP=1.
#
# Build first: ./mvnw -q -B -DskipTests package from the root (XmlReaderBench is in the benchmarks module).
#
# Usage: scripts/bench-xml.sh [bytes] [heap, default 64m] [extra reader flags: --no-validate --skip=N]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BYTES="${1:-1073741824}"
HEAP="${2:-64m}"
shift $(( $# > 2 ? 2 : $# ))
JAR="$ROOT/benchmarks/target/benchmarks.jar"

if [[ ! -f "$JAR" ]]; then
  echo "$JAR missing: run './mvnw -q -B -DskipTests package' in $ROOT first" >&2
  exit 1
fi

WORK="$(mktemp -d)"
FILE="$WORK/batch.xml"
cleanup() { if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "kept $FILE"; fi; }
trap cleanup EXIT

java -cp "$JAR" org.edibatch.samples.xml.BigXmlFile "$FILE" "$BYTES"
# the reader needs only the JDK, the customs model and the XSDs: Spring and the database driver sit on the class
# path (the module's jar names all its libraries) but are never loaded
java "-Xmx$HEAP" -cp "$JAR" org.edibatch.bench.XmlReaderBench "$FILE" "$@"

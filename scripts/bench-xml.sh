#!/usr/bin/env bash
# Streams an XML declaration batch through the XML reader (StAX + schema validation + mapping) and prints
# declarations/s and peak heap and RSS. The file is written declaration by declaration by BigXmlFile
# (default 1 GiB, about 1,050,000 declarations) and deleted afterwards unless KEEP=1.
#
# Assumes `./mvnw -q -DskipTests install` was run from the repository root first.
#
# Usage: scripts/bench-xml.sh [bytes] [heap, default 64m] [extra reader flags: --no-validate --skip=N]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BYTES="${1:-1073741824}"
HEAP="${2:-64m}"
shift $(( $# > 2 ? 2 : $# ))

for d in batch-app/target/classes/org/edibatch/xml sample-messages/target/classes/org/edibatch/samples/xml \
         edi-schemas/target/classes/edi-schemas/xml; do
  if [[ ! -d "$ROOT/$d" ]]; then
    echo "$d missing: run './mvnw -q -DskipTests install' in $ROOT first" >&2
    exit 1
  fi
done

WORK="$(mktemp -d)"
FILE="$WORK/batch.xml"
cleanup() { if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "kept $FILE"; fi; }
trap cleanup EXIT

java -cp "$ROOT/sample-messages/target/classes" org.edibatch.samples.xml.BigXmlFile "$FILE" "$BYTES"
# the reader needs only the JDK, the customs model and the XSDs: no Spring, no database
java "-Xmx$HEAP" -cp "$ROOT/batch-app/target/classes:$ROOT/edi-schemas/target/classes" \
  org.edibatch.xml.XmlReaderBench "$FILE" "$@"

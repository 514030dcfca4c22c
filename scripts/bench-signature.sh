#!/usr/bin/env bash
# Throughput of CMS signature verification (RSA-2048 and EC P-256, detached, 1.5 KB message,
# path + CRL check included) single-threaded and with one thread per core.
#
# Assumes `./mvnw -q -DskipTests install` was run from the repository root first, so that
# batch-app/target/classes is current and the module's dependencies are resolvable.
#
# Usage: scripts/bench-signature.sh [secondsPerRun] [threads]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT

if [[ ! -d "$ROOT/batch-app/target/classes/org/edibatch/signature" ]]; then
  echo "batch-app is not built: run './mvnw -q -DskipTests install' in $ROOT first" >&2
  exit 1
fi

(cd "$ROOT" && ./mvnw -q -pl batch-app dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)

java -cp "$ROOT/batch-app/target/classes:$(cat "$CP_FILE")" org.edibatch.signature.SignatureBenchmark "$@"

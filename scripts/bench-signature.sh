#!/usr/bin/env bash
# Throughput of CMS signature verification (RSA-2048 and EC P-256, detached, 1.5 KB message,
# path + CRL check included) single-threaded and with one thread per core.
#
# Runs SignatureBenchmark of the benchmarks module: build first (./mvnw -q -B -DskipTests package from the root).
#
# Usage: scripts/bench-signature.sh [secondsPerRun] [threads]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [[ ! -f "$JAR" ]]; then
  echo "benchmarks are not built: run './mvnw -q -B -DskipTests package' in $ROOT first" >&2
  exit 1
fi

java -cp "$JAR" org.edibatch.bench.SignatureBenchmark "$@"

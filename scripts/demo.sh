#!/usr/bin/env bash
# Builds the project and runs the customs job over sample-messages/edifact on the embedded PostgreSQL.
# Everything the run writes goes under ./var (inbox, outbox, archive, quarantine, reports, pgdata).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mkdir -p var/inbox
cp sample-messages/edifact/* var/inbox/
set +e
java -jar batch-app/target/batch-app-0.1.0-SNAPSHOT.jar run customs --edibatch.home=var "$@"
code=$?
set -e
echo "exit code ${code} (0 all accepted, 2 done with rejections, 3 failed: rerun to resume, 4 locked)"
exit "${code}"

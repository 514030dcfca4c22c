#!/usr/bin/env bash
# Builds the project, creates a demo PKI (once), signs the sample EDIFACT interchanges and XML batches with
# their senders' demo keys
# and runs the customs job over them on the embedded PostgreSQL. Everything the run writes goes under ./var
# (inbox, outbox, archive, quarantine, reports, pki, pgdata). Extra arguments go to the application.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
JAR=batch-app/target/batch-app-0.1.0-SNAPSHOT.jar
if [[ ! -d var/pki/trust ]]; then
  java -jar "$JAR" pki init var/pki
fi
java -jar "$JAR" sign-samples var/pki sample-messages/edifact var/inbox
java -jar "$JAR" sign-samples var/pki sample-messages/xml var/inbox
set +e
# the files were signed into the inbox just now: no need to wait for them to settle (edibatch.intake.settle)
java -jar "$JAR" run customs --edibatch.home=var --edibatch.intake.settle=0s "$@"
code=$?
set -e
echo "exit code ${code} (0 all accepted, 2 done with rejections, 3 failed: rerun to resume, 4 locked, 5 ledger differs, 64 usage)"
exit "${code}"

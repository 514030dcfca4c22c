#!/usr/bin/env bash
# A customs worker (the 'worker' command), for systemd (deploy/systemd/edibatch-worker.service) or by hand: runs
# the partitions a manager sends ('run customs --workers=remote') until stopped with SIGTERM. Logs to stdout
# (the journal). Same configuration by environment as nightly.sh, plus the broker (SPRING_RABBITMQ_HOST, _PORT,
# _USERNAME, _PASSWORD) and EDIBATCH_WORKERS_QUEUE; see docs/OPERATIONS.md "Several machines".
set -uo pipefail
APP_HOME="${EDIBATCH_APP_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
export EDIBATCH_HOME="${EDIBATCH_HOME:-$APP_HOME/var}"
JAR="${EDIBATCH_JAR:-$APP_HOME/batch-app/target/batch-app-0.1.0-SNAPSHOT.jar}"
# shellcheck source=java-opts.sh
. "$(dirname "$0")/java-opts.sh"
# shellcheck source=launch.sh
. "$(dirname "$0")/launch.sh"
# shellcheck disable=SC2086
edibatch_java "$JAR" ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} -- worker "$@"

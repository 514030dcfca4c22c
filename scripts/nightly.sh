#!/usr/bin/env bash
# The nightly run, for cron. One run at a time is guaranteed by the application itself (PostgreSQL advisory
# lock: a second run exits 4 at once). Each run logs to its own file; the exit code is the application's:
#   0 all accepted   2 done, some input rejected   3 failed: the next run resumes it   4 another run holds the lock
#
# Configuration by environment (or an application.properties beside the jar, see README):
#   EDIBATCH_APP_HOME   where the project is installed (default: this script's parent folder)
#   EDIBATCH_HOME       data folder: inbox, outbox, archive, quarantine, reports, pki (default: $EDIBATCH_APP_HOME/var)
#   EDIBATCH_LOGS       log folder (default: $EDIBATCH_HOME/logs)
#   SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD   PostgreSQL (default: embedded PostgreSQL in $EDIBATCH_HOME/pgdata)
#   JAVA_OPTS           JVM options (default: scripts/java-opts.sh, which says why each)
#   EDIBATCH_APP_CACHE  where the jar is kept unpacked (scripts/launch.sh; default beside the jar);
#                       EDIBATCH_UNPACK=0 runs the packed jar
set -uo pipefail
APP_HOME="${EDIBATCH_APP_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
export EDIBATCH_HOME="${EDIBATCH_HOME:-$APP_HOME/var}"
LOGS="${EDIBATCH_LOGS:-$EDIBATCH_HOME/logs}"
JAR="${EDIBATCH_JAR:-$APP_HOME/batch-app/target/batch-app-0.1.0-SNAPSHOT.jar}"
mkdir -p "$LOGS"
LOG="$LOGS/nightly-$(date -u +%Y%m%dT%H%M%SZ).log"

ln -sf "$(basename "$LOG")" "$LOGS/nightly-latest.log"
echo "nightly run starting $(date -u +%FT%TZ) home=$EDIBATCH_HOME" >>"$LOG"
# shellcheck source=java-opts.sh
. "$(dirname "$0")/java-opts.sh"
# shellcheck source=launch.sh
. "$(dirname "$0")/launch.sh"
# shellcheck disable=SC2086
edibatch_java "$JAR" ${JAVA_OPTS:-$EDIBATCH_JAVA_OPTS_DEFAULT} -- run nightly "$@" >>"$LOG" 2>&1
code=$?
echo "nightly run ended $(date -u +%FT%TZ) exit=$code" >>"$LOG"
exit $code

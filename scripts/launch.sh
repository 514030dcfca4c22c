# How the scripts start the application jar, sourced by nightly.sh and bench-customs.sh:
#
#   edibatch_java JAR [JVM options...] -- [application arguments...]
#
# runs the jar the way Spring Boot recommends for a process started again and again: unpacked once into plain jars
# (java -Djarmode=tools -jar JAR extract; classes then load through the JDK's own class path instead of the
# nested-jar loader) and with a class data sharing archive of the classes a run loads, so that they are mapped in
# instead of being read, parsed and verified each time. Measured here on the status command: 2.5-2.9 s and
# 4.6 CPU-s from a packed jar, 1.9-2.1 s unpacked, 1.25-1.36 s and 2.3 CPU-s with the archive.
#
# The unpacked copy and the archive live in EDIBATCH_APP_CACHE (default: beside the jar, in .edibatch-cache/),
# in a folder named after the jar's size and modification time, so a new build gets its own. The first run of a
# build writes the archive when it exits (-XX:ArchiveClassesAtExit), under a temporary name moved into place only
# if that run did real work (exit 0 or 2): a run refused by the lock loads too few classes to be worth keeping.
# The JVM checks the archive against the class path and runs without it if they differ. Its notes on what it could
# not archive (classes of signed jars such as BouncyCastle's, classes that fail verification) are kept out of
# the run's log: only errors are logged (-Xlog:cds*=error).
# EDIBATCH_CDS=0 runs the packed jar as before.

edibatch_java() {
  local jar=$1
  shift
  local jvm=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    jvm+=("$1")
    shift
  done
  [[ $# -gt 0 ]] && shift # the "--"
  if [[ "${EDIBATCH_CDS:-1}" == 0 ]]; then
    java "${jvm[@]}" -jar "$jar" "$@"
    return
  fi
  local cache=${EDIBATCH_APP_CACHE:-$(dirname "$jar")/.edibatch-cache}
  local stamp
  stamp=$(stat -c '%s-%Y' "$jar") || return 3
  local dir=$cache/$(basename "$jar" .jar)-$stamp
  local unpacked=$dir/$(basename "$jar")
  if [[ ! -f "$unpacked" ]]; then
    local tmp=$dir.tmp.$$
    rm -rf "$tmp"
    mkdir -p "$cache"
    if ! java -Djarmode=tools -jar "$jar" extract --destination "$tmp" >/dev/null 2>&1; then
      echo "launch.sh: could not unpack $jar; running it packed" >&2
      rm -rf "$tmp"
      java "${jvm[@]}" -jar "$jar" "$@"
      return
    fi
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp" # another run unpacked it first
  fi
  local archive=$dir/app.jsa
  local code
  if [[ -f "$archive" ]]; then
    java -XX:SharedArchiveFile="$archive" -Xlog:cds*=error "${jvm[@]}" -jar "$unpacked" "$@"
    return
  fi
  local fresh=$dir/app.jsa.$$
  java -XX:ArchiveClassesAtExit="$fresh" -Xlog:cds*=error "${jvm[@]}" -jar "$unpacked" "$@"
  code=$?
  if [[ ($code == 0 || $code == 2) && -f "$fresh" ]]; then
    mv -f "$fresh" "$archive"
  else
    rm -f "$fresh"
  fi
  return $code
}

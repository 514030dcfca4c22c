# How the scripts start the application jar, sourced by nightly.sh and bench-customs.sh:
#
#   edibatch_java JAR [JVM options...] -- [application arguments...]
#
# runs the jar unpacked once into plain jars (java -Djarmode=tools -jar JAR extract), as Spring Boot recommends
# for a process started again and again: its classes then load through the JDK's own class path instead of the
# nested-jar loader, which then need not be compiled either: start-up drops by about a quarter
# (docs/PERFORMANCE.md).
#
# Not done, measured: a class data sharing archive of the application's classes (dynamic, -XX:ArchiveClassesAtExit,
# or static, -Xshare:dump) took start-up to 1.3 s and 2.3 CPU-s, but this JDK (17.0.15) then crashes
# (SIGSEGV in KlassFactory::check_shared_class_file_load_hook) when Flight Recorder runs, started with the JVM or
# attached later with jcmd JFR.start: a profiling operator would kill the night.
#
# The unpacked copy lives in EDIBATCH_APP_CACHE (default: beside the jar, in .edibatch-cache/), in a folder named
# after the jar's size and modification time, so a new build gets its own (older builds' folders are left for the
# operator to remove: a run of the old build may still be loading classes from them). EDIBATCH_UNPACK=0 runs the
# packed jar.

edibatch_java() {
  local jar=$1
  shift
  local jvm=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    jvm+=("$1")
    shift
  done
  [[ $# -gt 0 ]] && shift # the "--"
  if [[ "${EDIBATCH_UNPACK:-1}" == 0 ]]; then
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
  java "${jvm[@]}" -jar "$unpacked" "$@"
}

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
# EDIBATCH_JAVA names the java to run (default: java on the PATH). When it is Java 25 or later, the run also uses
# an ahead-of-time cache of the application's classes (JEP 483/514/515: classes loaded and linked, method profiles),
# which halves start-up (docs/PERFORMANCE.md). The first run of a build on that JVM trains it: it runs as usual and
# writes the cache as it exits; later runs load it. EDIBATCH_AOT=0 runs without. Java 17 has no such cache: its
# class data sharing archive crashes with Flight Recorder (below).
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
  local java=${EDIBATCH_JAVA:-java}
  if [[ "${EDIBATCH_UNPACK:-1}" == 0 ]]; then
    "$java" "${jvm[@]}" -jar "$jar" "$@"
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
    if ! "$java" -Djarmode=tools -jar "$jar" extract --destination "$tmp" >/dev/null 2>&1; then
      echo "launch.sh: could not unpack $jar; running it packed" >&2
      rm -rf "$tmp"
      "$java" "${jvm[@]}" -jar "$jar" "$@"
      return
    fi
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp" # another run unpacked it first
  fi
  local aot
  aot=$(edibatch_aot_cache "$java" "$dir")
  if [[ -z "$aot" ]]; then
    "$java" "${jvm[@]}" -jar "$unpacked" "$@"
  elif [[ -f "$aot" ]]; then
    "$java" -XX:AOTCache="$aot" "${jvm[@]}" -jar "$unpacked" "$@"
  else
    # this run trains the cache; it is written under a name of its own and renamed, so a run starting meanwhile
    # never loads half a file, and two training runs leave one cache
    local status=0
    "$java" -XX:AOTCacheOutput="$aot.$$.tmp" "${jvm[@]}" -jar "$unpacked" "$@" || status=$?
    if [[ -s "$aot.$$.tmp" ]]; then mv -f "$aot.$$.tmp" "$aot"; else rm -f "$aot.$$.tmp"; fi
    return $status
  fi
}

# The ahead-of-time cache file for this java and unpacked build, or nothing when the java has none (before 25) or
# EDIBATCH_AOT=0. A cache only fits the JVM build that wrote it: the name carries the java's version line.
edibatch_aot_cache() {
  local java=$1 dir=$2
  [[ "${EDIBATCH_AOT:-1}" == 0 ]] && return 0
  local bin version
  bin=$(readlink -f "$(command -v "$java")") || return 0
  # the JDK's release file says its version without starting a JVM (a start would cost what the cache saves)
  version=$(grep -s '^JAVA_RUNTIME_VERSION=' "$(dirname "$(dirname "$bin")")/release") \
    || version=$("$java" -version 2>&1 | head -1) || return 0
  local major
  major=$(sed -E 's/^[^"]*"([0-9]+).*/\1/' <<<"$version")
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 25 ]] || return 0
  echo "$dir/aot-$(printf '%s %s' "$bin" "$version" | sha256sum | cut -c1-16).aot"
}

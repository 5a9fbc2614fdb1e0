#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a given time.
#
#   fuzz/run.sh [SECONDS] [TARGET...]   build, then fuzz each target (all by default) for SECONDS
#                                       (default 60); new crashes are minimised into
#                                       fuzz/crashes-new/TARGET/ (git-ignored) for triage
#   fuzz/run.sh build                   only build
#   fuzz/run.sh replay                  run every committed fixture in fuzz/corpus-crashes/ and
#                                       fuzz/seeds/ through its target once (a regression check)
#
# Targets: cel-parse cel-eval yaml-load csv-read json-read jsonl-read pack-load check-csv
# Module sources are compiled straight from Sources/ with `swiftc -sanitize=fuzzer,address`
# into fuzz/.build/ (git-ignored); libFuzzer ships with the Swift toolchain on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B="$ROOT/fuzz/.build"
mkdir -p "$B"
SWIFTC=${SWIFTC:-swiftc}
SAN="-sanitize=fuzzer,address"
OPT=${FUZZ_OPT:--O}
ALL_TARGETS="cel-parse cel-eval yaml-load csv-read json-read jsonl-read pack-load check-csv"

# module name, then the modules it imports
MODULES=(
  "CEL"
  "PreceptDiagnostics"
  "PreceptYAML"
  "PreceptInput"
  "PreceptRules"
  "PreceptEngine"
)

newer_than() { # $1 = output, rest = inputs; true if output is missing or older than any input
  local out=$1; shift
  [ ! -e "$out" ] && return 0
  [ -n "$(find "$@" -newer "$out" -print -quit 2>/dev/null)" ]
}

build_module() {
  local m=$1
  local srcs
  srcs=$(find "Sources/$m" -name '*.swift' | sort)
  # Modules are built in order; each is rebuilt when its sources or an earlier module changed.
  if newer_than "$B/$m.o" $srcs $BUILT; then
    echo "fuzz: compiling $m"
    rm -f "$B/$m.o"
    # shellcheck disable=SC2086
    $SWIFTC $SAN $OPT -g -parse-as-library -wmo -module-name "$m" \
      -emit-module -emit-module-path "$B/$m.swiftmodule" \
      -I "$B" -I Sources/CYaml -c $srcs -o "$B/$m.o" 2>&1 | grep -v "^\s*$" | grep -E "error" || true
    [ -e "$B/$m.o" ] || { echo "fuzz: $m failed to compile"; exit 1; }
  fi
  BUILT="$BUILT $B/$m.o"
}

build_target() {
  local t=$1
  local entry="fuzz/Targets/$t.swift"
  local extra=""
  case $t in *-read) extra="fuzz/ReaderSupport.swift" ;; esac
  if newer_than "$B/$t" "$entry" $extra "$B"/*.o; then
    echo "fuzz: linking $t"
    # shellcheck disable=SC2086
    $SWIFTC $SAN $OPT -g -parse-as-library -I "$B" -I Sources/CYaml "$entry" $extra \
      "$B"/CEL.o "$B"/PreceptDiagnostics.o "$B"/PreceptYAML.o "$B"/PreceptInput.o \
      "$B"/PreceptRules.o "$B"/PreceptEngine.o -lyaml -o "$B/$t" 2>&1 \
      | grep -E "error" || true
    [ -x "$B/$t" ] || { echo "fuzz: $t failed to link"; exit 1; }
  fi
}

BUILT=""
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
build_all() {
  for m in "${MODULES[@]}"; do build_module "$m"; done
  for t in $ALL_TARGETS; do build_target "$t"; done
}

replay() {
  local failed=0
  for t in $ALL_TARGETS; do
    for dir in "fuzz/corpus-crashes/$t" "fuzz/seeds/$t"; do
      [ -d "$dir" ] || continue
      local files
      files=$(find "$dir" -type f ! -name '*.md' | sort)
      [ -n "$files" ] || continue
      # shellcheck disable=SC2086
      if ! "$B/$t" -runs=1 -timeout=20 -rss_limit_mb=4096 $files >"$B/$t.replay.log" 2>&1; then
        echo "fuzz: $t FAILED on a fixture in $dir (see $B/$t.replay.log)"
        failed=1
      else
        echo "fuzz: $t ok on $(echo "$files" | wc -l) fixtures in $dir"
      fi
    done
  done
  return $failed
}

case "${1:-}" in
  build) build_all; exit 0 ;;
  replay) build_all; replay; exit $? ;;
esac

SECONDS_PER=${1:-60}
shift || true
TARGETS=${*:-$ALL_TARGETS}
build_all
mkdir -p fuzz/crashes-new
for t in $TARGETS; do
  work="$B/corpus/$t"
  mkdir -p "$work" "fuzz/crashes-new/$t"
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds+=("fuzz/seeds/$t")
  [ -d "fuzz/corpus-crashes/$t" ] && seeds+=("fuzz/corpus-crashes/$t")
  dict=()
  [ -f "fuzz/dicts/$t.dict" ] && dict=("-dict=fuzz/dicts/$t.dict")
  echo "fuzz: $t for ${SECONDS_PER}s"
  set +e
  "$B/$t" "$work" "${seeds[@]}" "${dict[@]}" -max_total_time="$SECONDS_PER" -timeout=10 \
    -rss_limit_mb=4096 -max_len=${FUZZ_MAX_LEN:-4096} -print_final_stats=1 \
    -artifact_prefix="fuzz/crashes-new/$t/" >"$B/$t.log" 2>&1
  rc=$?
  set -e
  runs=$(grep -E "stat::number_of_executed_units" "$B/$t.log" | awk '{print $2}')
  echo "fuzz: $t exit $rc, ${runs:-?} executions (log $B/$t.log)"
  echo "$(date -u +%FT%TZ) $t ${SECONDS_PER}s rc=$rc execs=${runs:-?}" >>"$B/history.txt"
  rm -rf /dev/shm/precept-fuzz-* 2>/dev/null || true
done

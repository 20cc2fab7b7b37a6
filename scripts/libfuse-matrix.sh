#!/usr/bin/env bash
# Runs the tests that touch libfuse once per libfuse build: layout (against that build's headers), loading, mount,
# operations coverage, the POSIX suite and a reliability smoke run.
#
#   scripts/libfuse-matrix.sh [PREFIX|system ...]
#
# Each PREFIX is a libfuse 3 installation (meson --prefix=PREFIX --libdir=lib: PREFIX/lib/libfuse3.so.*,
# PREFIX/lib/pkgconfig/fuse3.pc, PREFIX/include/fuse3, PREFIX/bin/fusermount3); "system" is the distribution's.
# Without arguments the prefixes come from FUSEGEN_LIBFUSE_MATRIX (colon-separated), default "system".
# For one prefix the runtime loads PREFIX's library (FUSEGEN_LIBFUSE), the layout test compiles against its headers
# (PKG_CONFIG_PATH) and fusermount3 is its own (PATH; libfuse itself also runs the one of its own prefix).
#
# FUSEGEN_MATRIX_RELIABILITY: the reliability tests to run (a dotnet test filter; default below);
# FUSEGEN_MATRIX_POSIX=0 skips the POSIX suite.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
require_dotnet
ensure_packages fuse3 libfuse3-3 libfuse3-dev gcc pkg-config rsync git perl

export FUSEGEN_REQUIRE_MOUNT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A signal ignored here stays ignored in every filesystem the tests start (nohup ignores SIGHUP, a background job of
# a shell without job control SIGINT), and the tests that stop a filesystem with it then fail.
ignored=$(awk '/^SigIgn:/ { print $2 }' /proc/self/status)
if (( (16#$ignored & 0x3) != 0 )); then
  echo "warning: SIGHUP or SIGINT is ignored in this shell (SigIgn $ignored): the signal tests will fail; run the script in the foreground, without nohup" >&2
fi

if [ $# -gt 0 ]; then
  prefixes=("$@")
else
  IFS=: read -r -a prefixes <<< "${FUSEGEN_LIBFUSE_MATRIX:-system}"
fi

reliability=${FUSEGEN_MATRIX_RELIABILITY:-"FullyQualifiedName~ShutdownTests|FullyQualifiedName~LeakTests|FullyQualifiedName~BadInputTests"}
# project|filter: the libfuse-touching tests of each project ("" runs all of it).
runs=(
  "tests/FuseGen.Tests|FullyQualifiedName~LayoutTests|FullyQualifiedName~LibFuse"
  "tests/FuseGen.IntegrationTests|"
  "tests/FuseGen.MirrorFs.Tests|"
  "tests/FuseGen.ReliabilityTests|$reliability"
)
[ "${FUSEGEN_MATRIX_POSIX:-1}" = 0 ] || runs+=("tests/FuseGen.PosixTests|")

echo "== building once"
for run in "${runs[@]}"; do
  dotnet build "${run%%|*}" -c Release -v q -nologo || exit 1
done
for sample in samples/*/; do
  dotnet build "$sample" -c Release -v q -nologo || exit 1
done

# Every temp directory and mount point the tests make is under this run's own directory (as in scripts/test.sh), so
# that a FUSE mount another process makes meanwhile is not blamed on the matrix.
run_root=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/fusegen-matrix-run.XXXXXX")")
chmod 1777 "$run_root"
export FUSEGEN_TEST_MOUNT_ROOT=$run_root
run_mounts() { awk -v root="$run_root/" '$3 ~ /^fuse(\.|blk|$)/ && index($2, root) == 1 { print $2 }' /proc/mounts; }
summary=()
status=0
prefix_log=$(mktemp)
trap 'rm -f "$prefix_log"' EXIT
for prefix in "${prefixes[@]}"; do
  (
    if [ "$prefix" != system ]; then
      library=$(ls "$prefix"/lib/libfuse3.so.[0-9] 2>/dev/null | sort | tail -1)
      if [ -z "$library" ] || [ ! -f "$prefix/lib/pkgconfig/fuse3.pc" ]; then
        echo "error: $prefix is not a libfuse 3 prefix (no lib/libfuse3.so.N or lib/pkgconfig/fuse3.pc)" >&2
        exit 2
      fi
      export FUSEGEN_LIBFUSE=$library
      export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
      export LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
      export PATH=$prefix/bin:$PATH
    fi
    version=$(pkg-config --modversion fuse3)
    echo "== libfuse $version ($prefix): $(command -v fusermount3)"
    passed=0 failed=0 skipped=0
    for run in "${runs[@]}"; do
      project=${run%%|*} filter=${run#*|}
      log=$(mktemp)
      dotnet test "$project" -c Release --no-build ${filter:+--filter "$filter"} --logger "console;verbosity=normal" >"$log" 2>&1
      counts=$(awk '/^ +Passed: [0-9]+$/ { p += $2 } /^ +Failed: [0-9]+$/ { f += $2 } /^ +Skipped: [0-9]+$/ { s += $2 }
                    END { printf "%d %d %d", p, f, s }' "$log")
      read -r p f s <<< "$counts"
      echo "   $(basename "$project"): $p passed, $f failed, $s skipped"
      grep -E '^  Failed [^ ]' "$log" | sed 's/^  Failed /     FAILED /'
      passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
      rm -f "$log"
    done
    echo "RESULT libfuse $version: $passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  ) 2>&1 | tee "$prefix_log"; result=${PIPESTATUS[0]}
  summary+=("$(grep '^RESULT' "$prefix_log" || echo "RESULT $prefix: did not run")")
  [ "$result" -eq 0 ] || status=1
done

echo "== matrix"
printf '%s\n' "${summary[@]}"
left=$(run_mounts)
if [ -n "$left" ]; then
  echo "error: tests left FUSE mounts behind: $left" >&2
  status=1
else
  rm -rf --one-file-system "$run_root" || true
fi
exit $status

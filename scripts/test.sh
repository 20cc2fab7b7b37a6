#!/usr/bin/env bash
# Runs the tests. Default: every test, real mounts included (FUSEGEN_REQUIRE_MOUNT=1: a test that cannot mount fails
# instead of skipping). --quick: the inner loop, the generator, analyzer and kernel-free runtime tests
# (tests/Quick.slnf) without those marked [Trait("Category", "Slow")]; no mount, no package build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

target=FuseGen.sln
filter=()
case "${1:-}" in
  "") ;;
  --quick) target=tests/Quick.slnf; filter=(--filter "Category!=Slow") ;;
  *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

require_dotnet
ensure_packages fuse3 libfuse3-3 libfuse3-dev gcc pkg-config rsync git perl fio

export FUSEGEN_REQUIRE_MOUNT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Every temp directory and mount point the tests make is under this run's own directory (tests/FuseGen.Testing's
# TempRoot reads FUSEGEN_TEST_MOUNT_ROOT), so a FUSE mount made meanwhile by anything else is not blamed on the tests.
# World-writable and sticky like /tmp: some tests mount as an unprivileged user.
run_root=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/fusegen-test-run.XXXXXX")")
chmod 1777 "$run_root"
export FUSEGEN_TEST_MOUNT_ROOT=$run_root

# The FUSE mounts under this run's directory (octal escapes as /proc/mounts writes them, e.g. \040 for a space).
run_mounts() { awk -v root="$run_root/" '$3 ~ /^fuse(\.|blk|$)/ && index($2, root) == 1 { print $2 }' /proc/mounts; }

log=$(mktemp)
status=0
if [ "$target" = tests/Quick.slnf ]; then
  # Built once, then the test assemblies run side by side, each printed whole when it ends: `dotnet test` over the
  # filter would build and test project by project on as many MSBuild nodes as cores, leaving the last one to run
  # alone after the others.
  dotnet build "$target" -c Release 2>&1 | tee "$log" || status=$?
  if [ $status -eq 0 ]; then
    pids=()
    logs=()
    for project in $(grep -o '"tests[^"]*\.csproj"' "$target" | tr -d '"' | tr -s '\\' /); do
      logs+=("$(mktemp)")
      dotnet test "$project" -c Release --no-build "${filter[@]}" --logger "console;verbosity=normal" >"${logs[-1]}" 2>&1 &
      pids+=($!)
    done
    for i in "${!pids[@]}"; do
      wait "${pids[$i]}" || status=$?
      cat "${logs[$i]}" | tee -a "$log"
      rm -f "${logs[$i]}"
    done
  fi
else
  dotnet test "$target" -c Release "${filter[@]}" --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?
fi

# The failures again, one line each with the first line of their message, just before the closing line: the end of
# the output is what a CI log shows when it is cut.
awk 'function flush() { if (name != "") print "FAILED " name; name = "" }
     /^  Failed [^ ]/ { flush(); name = $0; sub(/^  Failed /, "", name); sub(/ \[[^]]*\]$/, "", name); next }
     name != "" && /^  Error Message:/ { getline; sub(/^ +/, ""); print "FAILED " name ": " substr($0, 1, 240); name = "" }
     END { flush() }' "$log" | awk 'NR <= 30 { print } END { if (NR > 30) printf "... and %d more failures\n", NR - 30 }'

# One closing line over all test assemblies (the console logger prints "Passed: N" etc. per assembly).
awk '/^ +Passed: [0-9]+$/ { p += $2 } /^ +Failed: [0-9]+$/ { f += $2 } /^ +Skipped: [0-9]+$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; if (p == 0 || f > 0) exit 1 }' "$log" || status=1
rm -f "$log"

# Only mounts the tests made count, and those are all under the run's directory.
left=$(run_mounts)
if [ -n "$left" ]; then
  echo "error: tests left FUSE mounts behind: $left" >&2
  status=1
else
  # Nothing is mounted there, so nothing below can be a mount: remove what the tests left (one file system only).
  rm -rf --one-file-system "$run_root" || true
fi
exit $status

#!/usr/bin/env bash
# Runs every test, real mounts included (FUSEGEN_REQUIRE_MOUNT=1: a test that cannot mount fails instead of skipping).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
require_dotnet
ensure_packages fuse3 libfuse3-3 libfuse3-dev gcc pkg-config rsync git perl fio

export FUSEGEN_REQUIRE_MOUNT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fuse_mounts() { grep -E ' fuse(\.|blk| )' /proc/mounts | awk '{print $2}' | sort || true; }
mounts_before=$(fuse_mounts)

log=$(mktemp)
status=0
dotnet test FuseGen.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

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

# Only mounts the tests made count: the machine may have FUSE mounts of its own.
left=$(comm -13 <(echo "$mounts_before") <(fuse_mounts) | grep . || true)
if [ -n "$left" ]; then
  echo "error: tests left FUSE mounts behind: $left" >&2
  status=1
fi
exit $status

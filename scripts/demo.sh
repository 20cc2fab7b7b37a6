#!/usr/bin/env bash
# Mounts the HelloFs sample on a temporary directory, lists and reads it, and unmounts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
require_dotnet
ensure_packages fuse3 libfuse3-3

echo "building HelloFs..."
# Quiet when it works; the whole build output (the compiler's errors) when it does not.
if ! build_output=$(dotnet build samples/HelloFs/HelloFs.csproj -c Release -f net10.0 -nologo 2>&1); then
  printf '%s\n' "$build_output" >&2
  echo "error: the build of samples/HelloFs failed (output above)" >&2
  exit 1
fi

mountpoint=$(mktemp -d)
pid=""
cleanup() {
  if grep -q " $mountpoint " /proc/mounts; then fusermount3 -u "$mountpoint" 2>/dev/null || fusermount3 -uz "$mountpoint"; fi
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rmdir "$mountpoint" 2>/dev/null || true
}
trap cleanup EXIT

dotnet samples/HelloFs/bin/Release/net10.0/HelloFs.dll "$mountpoint" -f &
pid=$!
for _ in $(seq 100); do grep -q " $mountpoint " /proc/mounts && break; sleep 0.1; done
grep -q " $mountpoint " /proc/mounts || { echo "error: HelloFs did not mount" >&2; exit 1; }

echo "\$ ls -l $mountpoint"
ls -l "$mountpoint"
echo "\$ cat $mountpoint/hello"
cat "$mountpoint/hello"

fusermount3 -u "$mountpoint"
wait "$pid"
status=$?
pid=""
echo "unmounted; HelloFs exited with status $status"

#!/usr/bin/env bash
# arm64 for real, on an x86_64 Debian machine: cross-publishes HelloFs and MemFs with NativeAOT for linux-arm64,
# mounts each under qemu-user (through the host's kernel, /dev/fuse and fusermount3), runs the everyday checks from
# outside, unmounts, and runs the arm64 layout and open-flag tests (the C programs built with aarch64-linux-gnu-gcc
# against the arm64 libfuse, run under qemu).
#
#   scripts/arm64.sh [OUTPUT_DIRECTORY]      binaries go to OUTPUT_DIRECTORY (default: a temporary directory)
#
# Installs what it needs (the arm64 dpkg architecture, the cross toolchain, clang, lld, qemu-user, libfuse3:arm64).
# Every step is bounded by a timeout and every mount is taken down on exit. Takes 1.5 to 7 minutes here (2 loaded
# cores), mostly the two NativeAOT publishes.
#
# Why net10.0: the registry serves the linux-arm64 NativeAOT compiler pack of net10.0, not net9.0's.
# Why qemu-aarch64 runs without -L: libfuse3-3:arm64 brings the multiarch libc6:arm64, and -L /usr/aarch64-linux-gnu
# would pair the cross toolchain's loader (glibc 2.36-8cross1) with that libc (2.36-9+deb12u*): the process then
# spins forever in its first pthread_create (glibc's stack cache list, read at another layout).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
require_dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "adding the arm64 dpkg architecture"
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
fi
ensure_packages fuse3 attr file gcc pkg-config libfuse3-dev crossbuild-essential-arm64 clang lld qemu-user \
  libfuse3-3:arm64 libfuse3-dev:arm64 zlib1g-dev:arm64

out=${1:-$(mktemp -d -t fusegen-arm64.XXXXXX)}
mkdir -p "$out"
failures=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }

# --- cross-publish ------------------------------------------------------------------------------------------------
publish() {
  local sample=$1 started=$SECONDS
  echo "publishing $sample for linux-arm64 (NativeAOT, net10.0)..."
  if ! timeout 1500 dotnet publish "samples/$sample/$sample.csproj" -c Release -f net10.0 -r linux-arm64 \
      -p:CppCompilerAndLinker=clang -p:ObjCopyName=aarch64-linux-gnu-objcopy \
      -o "$out/$sample" -nologo -v quiet >"$out/$sample.publish.log" 2>&1; then
    tail -20 "$out/$sample.publish.log" >&2
    echo "error: publishing $sample for linux-arm64 failed (log: $out/$sample.publish.log)" >&2
    exit 1
  fi
  local binary="$out/$sample/$sample"
  file -b "$binary" | grep -q "ARM aarch64" || { echo "error: $binary is not an arm64 executable" >&2; exit 1; }
  echo "  $binary: $(stat -c %s "$binary") bytes, published in $((SECONDS - started)) s"
}

# --- mount under qemu-user ----------------------------------------------------------------------------------------
mountpoint=""
pid=""
cleanup() {
  if [ -n "$mountpoint" ]; then
    if grep -q " $mountpoint " /proc/mounts; then
      timeout 15 fusermount3 -u "$mountpoint" 2>/dev/null || timeout 15 fusermount3 -uz "$mountpoint" 2>/dev/null || true
    fi
    rm -rf "$mountpoint" 2>/dev/null || true
  fi
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  mountpoint=""
  pid=""
}
trap cleanup EXIT

# mount SAMPLE [OPTIONS...]: starts the arm64 binary under qemu-aarch64 and waits (up to 90 s: emulated startup is
# slow on a loaded machine) for the mount to appear.
mount_sample() {
  local sample=$1
  shift
  mountpoint=$(mktemp -d -t "fusegen-$sample.XXXXXX")
  # Not under timeout: $pid must be the emulated filesystem itself, for the signal checks and for cleanup.
  qemu-aarch64 "$out/$sample/$sample" "$mountpoint" -f "$@" >"$out/$sample.stdout" 2>"$out/$sample.stderr" &
  pid=$!
  local started=$SECONDS
  while ! grep -q " $mountpoint " /proc/mounts; do
    if ! kill -0 "$pid" 2>/dev/null || [ $((SECONDS - started)) -ge 90 ]; then
      cat "$out/$sample.stderr" >&2
      echo "error: $sample did not mount under qemu-aarch64" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "  $sample mounted on $mountpoint under qemu-aarch64 in $((SECONDS - started)) s ($(grep " $mountpoint " /proc/mounts | cut -d' ' -f3,4))"
}

# unmount_sample SAMPLE [SIGNAL]: fusermount3 -u (or the signal), then the process must end by itself with exit
# code 0 and the mount must be gone.
unmount_sample() {
  if [ -n "${2:-}" ]; then
    if kill "-$2" "$pid"; then pass "SIG$2 sent"; else fail "SIG$2 could not be sent"; fi
  elif timeout 15 fusermount3 -u "$mountpoint"; then
    pass "fusermount3 -u"
  else
    fail "fusermount3 -u"
  fi
  local status=0
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    fail "the process did not exit within 30 s of the unmount"
  else
    wait "$pid" || status=$?
    pid=""
    if [ "$status" -eq 0 ]; then pass "exit code 0"; else fail "exit code $status"; cat "$out/$1.stderr" >&2; fi
  fi
  if grep -q " $mountpoint " /proc/mounts; then fail "still mounted"; else pass "unmounted"; fi
  cleanup
}

# check DESCRIPTION EXPECTED COMMAND...: runs COMMAND (bounded: a hung filesystem must not hang the script) and
# compares its output with EXPECTED.
check() {
  local description=$1 expected=$2 actual
  shift 2
  if actual=$(timeout 20 "$@" 2>&1) && [ "$actual" = "$expected" ]; then
    pass "$description"
  else
    fail "$description: expected '$expected', got '$actual'"
  fi
}

publish HelloFs
publish MemFs

echo "HelloFs under qemu-aarch64 refusing bad mount points (the arm64 struct stat read back)"
touch "$out/not-a-directory"
check "a regular file" "HelloFs: mount point '$out/not-a-directory' is not a directory; exit 1" \
  sh -c "message=\$(timeout 120 qemu-aarch64 '$out/HelloFs/HelloFs' '$out/not-a-directory' -f 2>&1); echo \"\$message; exit \$?\""
check "a missing directory" "HelloFs: mount point '$out/missing' does not exist; exit 1" \
  sh -c "message=\$(timeout 120 qemu-aarch64 '$out/HelloFs/HelloFs' '$out/missing' -f 2>&1); echo \"\$message; exit \$?\""

echo "HelloFs under qemu-aarch64 (-o auto_unmount: mounted through the host's fusermount3 and its socket)"
mount_sample HelloFs -o auto_unmount
m=$mountpoint
check "ls" "hello" ls "$m"
check "ls -l" "-r--r--r-- 1 13" sh -c "ls -l '$m' | awk 'NR == 2 { print \$1, \$2, \$5 }'"
check "stat" "regular file 13 444 1" stat -c '%F %s %a %h' "$m/hello"
check "cat" "Hello World!" cat "$m/hello"
check "write is refused" "refused" sh -c "{ echo x > '$m/hello'; } 2>/dev/null && echo written || echo refused"
check "missing name" "ENOENT" sh -c "stat '$m/missing' >/dev/null 2>&1 && echo found || echo ENOENT"
check "df" "HelloFs" sh -c "df '$m' | awk 'NR == 2 { print \$1 }'"
unmount_sample HelloFs

echo "HelloFs under qemu-aarch64, stopped by SIGTERM (qemu-user forwards it to the emulated process)"
mount_sample HelloFs
check "cat" "Hello World!" cat "$mountpoint/hello"
unmount_sample HelloFs TERM

echo "MemFs under qemu-aarch64"
mount_sample MemFs
m=$mountpoint
head -c 3000000 /dev/urandom >"$out/random.bin"
rm -rf "$out/tree"
for d in $(seq 20); do
  mkdir -p "$out/tree/dir$d/sub"
  for f in $(seq 10); do seq "$((d * f))" >"$out/tree/dir$d/file$f"; done
  ln -s ../dir1/file1 "$out/tree/dir$d/sub/link"
done
check "write and read back" "hello arm64" sh -c "echo 'hello arm64' > '$m/a.txt' && cat '$m/a.txt'"
check "stat" "regular file 12 1" stat -c '%F %s %h' "$m/a.txt"
check "ls -l" "-rw-r--r-- 12 a.txt" sh -c "ls -l '$m' | awk 'NR == 2 { print \$1, \$5, \$9 }'"
check "3 MB copy compares equal" "same" sh -c "cp '$out/random.bin' '$m/random.bin' && cmp '$out/random.bin' '$m/random.bin' && echo same"
check "append" "hello arm64 again" sh -c "echo again >> '$m/a.txt' && tr '\n' ' ' < '$m/a.txt' | sed 's/ \$//'"
check "mkdir" "directory 2" sh -c "mkdir '$m/d' && stat -c '%F %h' '$m/d'"
check "rename" "b.txt" sh -c "mv '$m/a.txt' '$m/d/b.txt' && ls '$m/d'"
check "symlink" "d/b.txt hello arm64" sh -c "ln -s d/b.txt '$m/link' && echo \$(readlink '$m/link') \$(head -n1 '$m/link')"
check "hard link" "2" sh -c "ln '$m/d/b.txt' '$m/hard' && stat -c %h '$m/d/b.txt'"
check "chmod" "600" sh -c "chmod 600 '$m/d/b.txt' && stat -c %a '$m/d/b.txt'"
check "truncate" "5 hello" sh -c "truncate -s 5 '$m/d/b.txt' && echo \$(stat -c %s '$m/d/b.txt') \$(cat '$m/d/b.txt')"
check "utimens" "946684800" sh -c "touch -m -d @946684800 '$m/d/b.txt' && stat -c %Y '$m/d/b.txt'"
check "xattr" "arm64" sh -c "setfattr -n user.k -v arm64 '$m/d/b.txt' && getfattr --absolute-names --only-values -n user.k '$m/d/b.txt'"
check "tree of 200 files and 20 symlinks: cp -a, diff -r" "same" sh -c "cp -a '$out/tree' '$m/tree' && diff -r --no-dereference '$out/tree' '$m/tree' && echo same"
check "find" "261" sh -c "find '$m/tree' | wc -l"
check "rename a directory" "same" sh -c "mv '$m/tree' '$m/moved' && diff -r --no-dereference '$out/tree' '$m/moved' && echo same"
check "rm -r" "gone" sh -c "rm -r '$m/moved' && [ ! -e '$m/moved' ] && echo gone"
check "df" "MemFs" sh -c "df '$m' | awk 'NR == 2 { print \$1 }'"
check "unlink and rmdir" "empty" sh -c "rm '$m/link' '$m/hard' '$m/d/b.txt' '$m/random.bin' && rmdir '$m/d' && [ -z \"\$(ls -A '$m')\" ] && echo empty"
check "rmdir of a missing directory fails" "ENOENT" sh -c "rmdir '$m/d' 2>/dev/null && echo removed || echo ENOENT"
unmount_sample MemFs

# --- layout and open flags against the arm64 headers --------------------------------------------------------------
echo "arm64 layout and open-flag tests (layout.c and openflags.c built with aarch64-linux-gnu-gcc, run under qemu)"
if FUSEGEN_REQUIRE_ARM64=1 timeout 1200 dotnet test tests/FuseGen.Tests/FuseGen.Tests.csproj -c Release -nologo \
    --filter "FullyQualifiedName~FuseGen.Tests.Arm64LayoutTests|FullyQualifiedName~FuseGen.Tests.OpenFlagsTests" \
    >"$out/tests.log" 2>&1; then
  pass "$(grep -E '^(Passed|Failed)!' "$out/tests.log" | tail -1)"
else
  grep -E '^(Passed|Failed)!|  Failed |Error Message' -A2 "$out/tests.log" | head -40 >&2
  fail "arm64 layout and open-flag tests (log: $out/tests.log)"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed (binaries and logs: $out)" >&2
  exit 1
fi
echo "all arm64 checks passed (binaries and logs: $out)"

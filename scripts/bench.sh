#!/usr/bin/env bash
# BenchFs (docs/benchfs.md, docs/benchfs-write.md) on libfuse's C high-level API vs FuseGen (NativeAOT net9.0, JIT net10.0),
# and on libfuse's C low-level API vs FuseGen's inode API (NativeAOT), real kernel mounts.
#
#   scripts/bench.sh [options]
#     --reps N         repetitions of every workload and implementation (default 5; BENCH_REPS)
#     --workloads "…"  subset of: seqread randread latency stat readdir openclose all (the read workloads; "all" is
#                      the full run of the read workloads on one mount, measured for RSS at its end), seqwrite randwrite
#                      create mkdir rename setattr (the write workloads, on a read-write mount); "read" and "write"
#                      name the two groups (default: both)
#     --impls "…"      subset of: c aot jit cll inode inode-copy inode-vt base (default: all but base, inode-copy and
#                      inode-vt; inode is skipped, with a note, while samples/BenchInodeFs does not exist;
#                      BENCH_INODE_PROJECT names another project); inode-vt is samples/BenchInodeFs.Async (its read a
#                      completed ValueTask that copies into the request's buffer), against inode-copy,
#                      samples/BenchInodeFs.Copy (the same copy in a synchronous read: only the task machinery differs),
#                      itself against inode (which replies from its bytes without a copy); base is
#                      BenchFs NativeAOT built from the commit BENCH_BASELINE names (e.g. the commit before a change),
#                      measured side by side with today's AOT build: the "AOT / baseline" column
#     --side-by-side   read workloads too as the write workloads run: every implementation mounted at once, pinned
#                      to one CPU with the driver, which goes round the mounts in chunks of a few milliseconds of
#                      work, the order rotating; see measure_side_by_side
#     -s               single-threaded loop in every filesystem (default: multithreaded)
#     --quick          tiny counts (64 MiB big, 2,000 files, 1 rep): proves the machinery, measures nothing
#     --calibrate      instead of measuring: counts the requests each workload really makes (C twin with -d, small
#                      counts) next to the driver's estimate, the denominator of CPU/request
#     --no-build       reuse the binaries of the last run
#     --out FILE       results file (default artifacts/bench/results-DATE.md)
#   Sizes: BENCH_BIG_MB (1024), BENCH_FILES (10000). Counts: BENCH_SEQREAD_PASSES (3), BENCH_RANDREAD_OPS (200000),
#   BENCH_LATENCY_OPS (50000), BENCH_STAT_PASSES (5), BENCH_READDIR_OPS (300), BENCH_OPENCLOSE_OPS (100000),
#   BENCH_SEQWRITE_PASSES (1), BENCH_RANDWRITE_OPS (200000); create, mkdir, rename and setattr make BENCH_FILES entries.
#   BENCH_MOUNT_OPTIONS: more -o options for every implementation (e.g. io_uring, with libfuse 3.18+ and
#   /sys/module/fuse/parameters/enable_uring = Y; select the library with FUSEGEN_LIBFUSE, LD_LIBRARY_PATH and
#   PKG_CONFIG_PATH so that the C twin is built and run against the same one).
#   BENCH_VERIFY_BIG=every|first|never: sha256 of big on every mount (default), on each implementation's first, never.
#
# Every measurement is a fresh mount (-f -o ro) on a fresh temp dir; the served bytes are checked (sha256 of hello,
# the last many/ file and big), then the driver runs the workload, and the filesystem process's CPU time over the
# driver's run (its process CPU clock, in ns, exited threads included) is divided by the requests the workload makes;
# RSS is VmRSS after the workload. Implementations alternate (C, AOT, JIT, C, ...) within each
# workload, and ratios are taken per repetition against each one's reference: the path API (aot, jit) and the C
# low-level twin (cll) against the C high-level twin (c), the inode API (inode) against the C low-level twin. Every mount is bounded and nothing stays mounted on exit.
# Write workloads mount without -o ro and report one figure per timed phase (create: create, create-stat,
# create-unlink; mkdir: mkdir, rmdir; setattr: chmod, utimens), each with the CPU time of its own phase. They run
# every implementation side by side on one CPU (BENCH_CPU, default the last): see measure_side_by_side.
# seqread on FuseGen also counts garbage collections per generation and managed bytes allocated from init to destroy
# of the mount (BenchFs's FUSEGEN_BENCH_GC_REPORT), over everything read on it: the driver's passes and the sha256 of big.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

reps=${BENCH_REPS:-}
read_workloads="seqread randread latency stat readdir openclose all"
write_workloads="seqwrite randwrite create mkdir rename setattr"
workloads="read write"
full_run="seqread randread latency stat readdir openclose"
impls="c aot jit cll inode"
single=""
side_reads=0
quick=0
calibrate=0
build=1
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --impls) impls=$2; shift 2 ;;
    -s) single="-s"; shift ;;
    --side-by-side) side_reads=1; shift ;;
    --quick) quick=1; shift ;;
    --calibrate) calibrate=1; shift ;;
    --no-build) build=0; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,41p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ $quick -eq 1 ]; then
  : "${BENCH_BIG_MB:=64}" "${BENCH_FILES:=2000}" "${BENCH_SEQREAD_PASSES:=1}" "${BENCH_RANDREAD_OPS:=4000}"
  : "${BENCH_LATENCY_OPS:=2000}" "${BENCH_STAT_PASSES:=1}" "${BENCH_READDIR_OPS:=10}" "${BENCH_OPENCLOSE_OPS:=4000}"
  : "${BENCH_RANDWRITE_OPS:=4000}"
  reps=${reps:-1}
fi
reps=${reps:-5}
export BENCH_BIG_MB=${BENCH_BIG_MB:-1024} BENCH_FILES=${BENCH_FILES:-10000}
verify_big=${BENCH_VERIFY_BIG:-every}
timeout_s=${BENCH_TIMEOUT:-600}

declare -A driver_args=(
  [seqread]="--passes ${BENCH_SEQREAD_PASSES:-3}"
  [randread]="--ops ${BENCH_RANDREAD_OPS:-200000} --threads 4"
  [latency]="--ops ${BENCH_LATENCY_OPS:-50000}"
  [stat]="--passes ${BENCH_STAT_PASSES:-5}"
  [readdir]="--ops ${BENCH_READDIR_OPS:-300}"
  [openclose]="--ops ${BENCH_OPENCLOSE_OPS:-100000}"
  [all]="(every read workload above, in turn, on one mount)"
  [seqwrite]="--passes ${BENCH_SEQWRITE_PASSES:-1}"
  [randwrite]="--ops ${BENCH_RANDWRITE_OPS:-200000} --threads 4"
  [create]="--files $BENCH_FILES"
  [mkdir]="--files $BENCH_FILES"
  [rename]="--files $BENCH_FILES"
  [setattr]="--files $BENCH_FILES"
)
# The figures (driver lines) of each workload, in table order.
declare -A figures=([create]="create create-stat create-unlink" [mkdir]="mkdir rmdir" [setattr]="chmod utimens")
workloads=$(for w in $workloads; do case $w in read) echo "$read_workloads" ;; write) echo "$write_workloads" ;; *) echo "$w" ;; esac; done | tr '\n' ' ')
is_write() { [[ " $write_workloads " == *" $1 "* ]]; }
declare -A impl_name=([c]="C (libfuse high-level)" [aot]="FuseGen AOT" [jit]="FuseGen JIT" [cll]="C (libfuse low-level)" [inode]="FuseGen inode AOT" [inode-copy]="FuseGen inode AOT, copying read" [inode-vt]="FuseGen inode AOT, ValueTask read" [base]="FuseGen AOT at ${BENCH_BASELINE:-?}")
# What each implementation's ratio is taken against: the same API's C twin (the low-level C twin against the high-level one);
# the ValueTask read against the synchronous read doing the same copy, and that one against the read without a copy.
declare -A reference=([aot]=c [jit]=c [cll]=c [inode]=cll [inode-copy]=inode [inode-vt]=inode-copy [base]=c)
# The inode API's BenchFs (generated); BENCH_INODE_PROJECT names another project that publishes an executable named
# BenchInodeFs.
inode_project=${BENCH_INODE_PROJECT:-samples/BenchInodeFs/BenchInodeFs.csproj}
if [[ " $impls " == *" inode "* ]] && [ ! -f "$inode_project" ]; then
  echo "bench.sh: skipping inode: $inode_project does not exist yet (the inode API's BenchFs)"
  impls=$(sed 's/\binode\b//; s/  */ /g; s/^ //; s/ $//' <<<"$impls")
fi
if [[ " $impls " == *" inode "* ]] && [[ " $impls " != *" cll "* ]]; then impls="$impls cll"; fi
# References of references too (inode-vt needs inode-copy, which needs inode, which needs cll).
for _ in 1 2 3; do
  for i in $impls; do
    r=${reference[$i]:-}
    if [ -n "$r" ] && [[ " $impls " != *" $r "* ]]; then impls="$r $impls"; fi
  done
done
if [[ " $impls " == *" base "* ]]; then
  [ -n "${BENCH_BASELINE:-}" ] || { echo "bench.sh: base needs BENCH_BASELINE=<commit>" >&2; exit 2; }
  [[ " $impls " == *" aot "* ]] || impls="$impls aot"
fi
# The ratio columns, numerator/denominator: each implementation against its reference, and today's AOT build against
# the baseline's.
ratios=$(for i in $impls; do [ -z "${reference[$i]:-}" ] || echo "$i/${reference[$i]}"; done | tr '\n' ' ')
[[ " $impls " != *" base "* ]] || ratios="$ratios aot/base"
for w in $workloads; do [ -n "${driver_args[$w]:-}" ] || { echo "bench.sh: unknown workload $w" >&2; exit 2; }; done
for i in $impls; do [ -n "${impl_name[$i]:-}" ] || { echo "bench.sh: unknown implementation $i" >&2; exit 2; }; done

bench=artifacts/bench
mkdir -p "$bench/logs"
c_bin=$bench/benchfs-c
cll_bin=$bench/benchfs-c-ll
inode_bin=$(dirname "$inode_project")/bin/Release/net9.0/linux-x64/publish/BenchInodeFs
inode_copy_bin=samples/BenchInodeFs.Copy/bin/Release/net9.0/linux-x64/publish/BenchInodeFs.Copy
inode_vt_bin=samples/BenchInodeFs.Async/bin/Release/net9.0/linux-x64/publish/BenchInodeFs.Async
driver=$bench/benchfs-driver
aot_bin=samples/BenchFs/bin/Release/net9.0/linux-x64/publish/BenchFs
jit_dll=samples/BenchFs/bin/Release/net10.0/BenchFs.dll
base_bin=$bench/benchfs-baseline

# ---- build -------------------------------------------------------------------------------------------------------
if [ $build -eq 1 ]; then
  require_dotnet
  ensure_packages fuse3 libfuse3-3 libfuse3-dev gcc pkg-config
  echo "building the C twin and the driver (gcc -O2)..."
  gcc -O2 -Wall -Werror tests/FuseGen.Benchmarks/c/benchfs.c $(pkg-config --cflags --libs fuse3) -o "$c_bin"
  gcc -O2 -Wall -Werror tests/FuseGen.Benchmarks/c/benchfs_ll.c $(pkg-config --cflags --libs fuse3) -o "$cll_bin"
  gcc -O2 -Wall -Wextra -Werror -pthread tests/FuseGen.Benchmarks/driver/driver.c -o "$driver"
  if [[ " $impls " == *" aot "* ]]; then
    echo "publishing BenchFs NativeAOT (net9.0, linux-x64, Release)..."
    dotnet publish samples/BenchFs/BenchFs.csproj -c Release -f net9.0 -r linux-x64 -v quiet -nologo >/dev/null
  fi
  if [[ " $impls " == *" inode "* ]]; then
    echo "publishing BenchInodeFs NativeAOT (net9.0, linux-x64, Release)..."
    dotnet publish "$inode_project" -c Release -f net9.0 -r linux-x64 -v quiet -nologo >/dev/null
  fi
  if [[ " $impls " == *" inode-copy "* ]]; then
    echo "publishing BenchInodeFs.Copy NativeAOT (net9.0, linux-x64, Release)..."
    dotnet publish samples/BenchInodeFs.Copy/BenchInodeFs.Copy.csproj -c Release -f net9.0 -r linux-x64 -v quiet -nologo >/dev/null
  fi
  if [[ " $impls " == *" inode-vt "* ]]; then
    echo "publishing BenchInodeFs.Async NativeAOT (net9.0, linux-x64, Release)..."
    dotnet publish samples/BenchInodeFs.Async/BenchInodeFs.Async.csproj -c Release -f net9.0 -r linux-x64 -v quiet -nologo >/dev/null
  fi
  if [[ " $impls " == *" base "* ]]; then
    echo "publishing BenchFs NativeAOT at $BENCH_BASELINE (net9.0, linux-x64, Release)..."
    base_src=$(mktemp -d /tmp/benchfs-baseline.XXXXXX)
    git worktree add --detach "$base_src" "$BENCH_BASELINE" >/dev/null
    dotnet publish "$base_src/samples/BenchFs/BenchFs.csproj" -c Release -f net9.0 -r linux-x64 -v quiet -nologo >/dev/null
    cp "$base_src/samples/BenchFs/bin/Release/net9.0/linux-x64/publish/BenchFs" "$base_bin"
    git worktree remove --force "$base_src"
  fi
  if [[ " $impls " == *" jit "* ]]; then
    echo "building BenchFs JIT (net10.0, Release)..."
    dotnet build samples/BenchFs/BenchFs.csproj -c Release -f net10.0 -v quiet -nologo >/dev/null
  fi
fi
for f in "$c_bin" "$driver"; do [ -x "$f" ] || { echo "bench.sh: $f missing (run without --no-build)" >&2; exit 1; }; done
if [[ " $impls " == *" base "* ]]; then [ -x "$base_bin" ] || { echo "bench.sh: $base_bin missing (run without --no-build)" >&2; exit 1; }; fi
if [[ " $impls " == *" cll "* ]]; then [ -x "$cll_bin" ] || { echo "bench.sh: $cll_bin missing (run without --no-build)" >&2; exit 1; }; fi

# ---- mounts: start, wait, verify, stop; all bounded, all cleaned up ----------------------------------------------
fs_pid=""
mountpoint=""
# Write workloads keep every implementation mounted at once: those mounts (pid:mountpoint) are cleaned up too.
side_by_side=()
cleanup() {
  for live in "${side_by_side[@]}"; do
    fs_pid=${live%%:*} mountpoint=${live#*:}
    stop_quietly
  done
  stop_quietly
}
stop_quietly() {
  if [ -n "$mountpoint" ]; then
    if grep -q " $mountpoint " /proc/mounts; then fusermount3 -u "$mountpoint" 2>/dev/null || fusermount3 -uz "$mountpoint" 2>/dev/null || true; fi
    rmdir "$mountpoint" 2>/dev/null || true
  fi
  if [ -n "$fs_pid" ] && kill -0 "$fs_pid" 2>/dev/null; then
    kill -TERM "$fs_pid" 2>/dev/null || true
    sleep 1
    kill -KILL "$fs_pid" 2>/dev/null || true
  fi
  fs_pid="" mountpoint=""
}
trap cleanup EXIT
trap 'echo "bench.sh: interrupted" >&2; exit 130' INT TERM

is_mounted() { grep -q " $1 fuse" /proc/mounts; }

# start IMPL LOGFILE [extra args...]: mounts on a fresh temp dir; sets fs_pid and mountpoint. Read-only unless
# mount_mode is rw (the write workloads).
# $pin prefixes the filesystem's command (the write workloads pin everything to one CPU).
mount_mode=ro
pin=""
start() {
  local impl=$1 log=$2
  shift 2
  mountpoint=$(mktemp -d /tmp/benchfs.XXXXXX)
  case $impl in
    c) $pin "$c_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    aot) $pin "$aot_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    base) $pin "$base_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    jit) $pin dotnet "$jit_dll" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    cll) $pin "$cll_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    inode) $pin "$inode_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    inode-copy) $pin "$inode_copy_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
    inode-vt) $pin "$inode_vt_bin" "$mountpoint" -f $single -o "$mount_mode${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}" "$@" >"$log" 2>&1 & ;;
  esac
  fs_pid=$!
  for _ in $(seq 600); do
    is_mounted "$mountpoint" && return 0
    kill -0 "$fs_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench.sh: $impl did not mount on $mountpoint (log: $log)" >&2
  tail -5 "$log" >&2 || true
  exit 1
}

# stop: unmounts; escalates to a lazy unmount and signals if the filesystem does not exit.
stop() {
  local status=0
  fusermount3 -u "$mountpoint" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$fs_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$fs_pid" 2>/dev/null; then
    echo "bench.sh: filesystem $fs_pid did not exit after unmount; forcing" >&2
    fusermount3 -uz "$mountpoint" 2>/dev/null || true
    kill -TERM "$fs_pid" 2>/dev/null || true
    sleep 2
    kill -KILL "$fs_pid" 2>/dev/null || true
    status=1
  fi
  wait "$fs_pid" 2>/dev/null || status=$?
  is_mounted "$mountpoint" && { fusermount3 -uz "$mountpoint" 2>/dev/null || true; }
  rmdir "$mountpoint" 2>/dev/null || true
  fs_pid="" mountpoint=""
  return $status
}

# Expected hashes: docs/benchfs.md's for the default size, otherwise the content rule generated by the driver.
hello_sha=03ba204e50d126e4674c005e04d82e84c21366780af1f43bd54a37816b6ab340
many_sha=e5c4030bc01d8ccb63108e50e08a73ddf80b471af66444421d498c8892387031
if [ "$BENCH_BIG_MB" -eq 1024 ]; then
  big_sha=05918aaf341f1581d92f4c74118cad84aec9c9c3aa058ea856972bd4fa93c9b0
else
  big_sha=$("$driver" gen $((BENCH_BIG_MB * 1048576)) | sha256sum | cut -d' ' -f1)
fi
last_many=$(printf 'many/f%05d' $((BENCH_FILES - 1)))
declare -A verified_big=()
big_checked=0

# verify IMPL: checks the served bytes; sets big_checked to 1 when it read big on this mount.
verify() {
  local impl=$1 name sha expected
  local checks=("hello $hello_sha")
  [ "$BENCH_FILES" -gt 0 ] && checks+=("$last_many $many_sha")
  big_checked=0
  if [ "$mount_mode" = rw ]; then
    : # write workloads: the driver checks what reaches /w; big is the read workloads' business
  elif [ "$verify_big" = every ] || { [ "$verify_big" = first ] && [ -z "${verified_big[$impl]:-}" ]; }; then
    checks+=("big $big_sha")
    verified_big[$impl]=1
    big_checked=1
  fi
  for check in "${checks[@]}"; do
    name=${check% *} expected=${check#* }
    sha=$(timeout "$timeout_s" sha256sum "$mountpoint/$name" | cut -d' ' -f1) || { echo "bench.sh: $impl: cannot read $name" >&2; exit 1; }
    [ "$sha" = "$expected" ] || { echo "bench.sh: $impl serves wrong bytes for $name ($sha, expected $expected)" >&2; exit 1; }
  done
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# ---- calibration: real request counts from libfuse's debug log ---------------------------------------------------
if [ $calibrate -eq 1 ]; then
  echo "requests per workload: driver estimate vs libfuse -d (C twin, BENCH_BIG_MB=$BENCH_BIG_MB BENCH_FILES=$BENCH_FILES)"
  for w in $workloads; do
    [ "$w" = all ] && continue
    log=$bench/logs/calibrate-$w.log
    mount_mode=$(is_write "$w" && echo rw || echo ro)
    start c "$log" -d
    lines=$(timeout "$timeout_s" "$driver" ${driver_args[$w]} "$w" "$mountpoint")
    sleep 0.5
    stop || true
    counts=$(awk '/opcode:/ { for (i = 1; i <= NF; i++) if ($i == "opcode:") { c[$(i+1)]++; if ($(i+1) != "INIT" && $(i+1) != "DESTROY") t++ } }
                  END { for (k in c) printf "%s=%d ", k, c[k]; printf "total=%d", t }' "$log")
    # Write workloads: one estimate per timed phase; the log also holds their untimed set-up and checks.
    estimate=$(while read -r line; do printf '%s:%s ' "$(field workload "$line")" "$(field requests "$line")"; done <<<"$lines")
    printf '%-10s estimate=%s measured: %s\n' "$w" "$estimate" "$counts"
  done
  exit 0
fi

# ---- measurement ---------------------------------------------------------------------------------------------------
stamp=$(date -u +%Y%m%d-%H%M%S)
out=${out:-$bench/results-$stamp.md}
raw=${out%.md}.tsv
: >"$raw"
loop=$([ -n "$single" ] && echo "single-threaded (-s)" || echo "multithreaded (default)")
echo "BenchFs: $reps rep(s) of [$workloads] on [$impls], $loop, big=${BENCH_BIG_MB} MiB, files=$BENCH_FILES"

# Write workloads, and read workloads with --side-by-side: every implementation mounted at once (read workloads -o ro),
# the driver going round-robin over them in chunks of work (its interleave(): 100 stats or metadata operations, 2 MiB
# of seqread, 64 MiB of seqwrite, 4 batches of 4 x 256 random reads or writes, 10,000 latency samples, 1,000 opens,
# one listing; a chunk ends when its mount has no request in flight), the driver and all filesystems pinned to one
# CPU; the order of the mounts rotates per chunk and per repetition. Each implementation's figures add up its own
# chunks: throughput = all its work / all its chunks' time, CPU per request = all its CPU time / all its requests,
# latency p50 and p99 over all its samples. On this kind of shared VM a whole run of one implementation can land in a
# slow second that the next run misses; taking turns every few milliseconds on the same CPU gives each implementation
# the same machine.
write_cpu=${BENCH_CPU:-$(( $(nproc) - 1 ))}
measure_side_by_side() {
  local w=$1 rep=$2 order=() pids=() mounts=() args=() k lines line figure impl requests cpu_us value rss
  read -r -a order <<<"$impls"
  for ((k = 0; k < rep - 1; k++)); do order=("${order[@]:1}" "${order[0]}"); done
  mount_mode=$(is_write "$w" && echo rw || echo ro) pin="taskset -c $write_cpu"
  for impl in "${order[@]}"; do
    start "$impl" "$bench/logs/$w-$impl-$rep.log"
    verify "$impl"
    side_by_side+=("$fs_pid:$mountpoint")
    pids+=("$fs_pid") mounts+=("$mountpoint") args+=(--fs-pid "$fs_pid")
    fs_pid="" mountpoint=""
  done
  pin=""
  if ! lines=$(timeout "$timeout_s" taskset -c "$write_cpu" "$driver" "${args[@]}" ${driver_args[$w]} "$w" "${mounts[@]}"); then
    echo "bench.sh: $w failed or timed out (logs: $bench/logs/$w-*-$rep.log)" >&2
    exit 1
  fi
  declare -A rss=()
  for k in "${!order[@]}"; do rss[${order[$k]}]=$(rss_kib "${pids[$k]}"); done
  for k in "${!order[@]}"; do
    fs_pid=${pids[$k]} mountpoint=${mounts[$k]}
    stop || { echo "bench.sh: ${order[$k]} did not stop cleanly" >&2; exit 1; }
  done
  side_by_side=()
  # One line per timed phase and mount; RSS (after the whole workload) goes with each of the workload's figures.
  while read -r line; do
    figure=$(field workload "$line")
    impl=${order[$(field mount "$line")]}
    requests=$(field requests "$line")
    cpu_us=$(awk -v ns="$(field fs_cpu_ns "$line")" -v r="$requests" 'BEGIN { printf "%.3f", ns / 1000 / r }')
    value=$(field value "$line")
    printf '%s\t%s\t%s\t%s\t%s\n' "$figure" value "$impl" "$rep" "$value" "$figure" cpu "$impl" "$rep" "$cpu_us" \
      "$figure" rss "$impl" "$rep" "$(awk -v k="${rss[$impl]}" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$raw"
    [ "$figure" = latency ] && printf '%s\t%s\t%s\t%s\t%s\n' "$figure" p99 "$impl" "$rep" "$(field p99_us "$line")" >>"$raw"
    printf '  %-13s rep %d %-3s %s %s  cpu/req %s us  rss %s KiB\n' "$figure" "$rep" "$impl" "$value" "$(field unit "$line")" "$cpu_us" "${rss[$impl]}"
  done <<<"$lines"
}

for w in $workloads; do
  for rep in $(seq "$reps"); do
    if is_write "$w" || { [ $side_reads -eq 1 ] && [ "$w" != all ]; }; then
      measure_side_by_side "$w" "$rep"
      continue
    fi
    for impl in $impls; do
      log=$bench/logs/$w-$impl-$rep.log
      gc_report=""
      if [ "$w" = seqread ] && [ "$impl" != c ] && [ "$impl" != cll ]; then
        gc_report=$bench/logs/$w-$impl-$rep.gc
        rm -f "$gc_report"
      fi
      mount_mode=ro
      FUSEGEN_BENCH_GC_REPORT=$gc_report start "$impl" "$log"
      verify "$impl"
      if [ "$w" = all ]; then
        # The full run on one mount: memory after everything a long-lived filesystem would have served.
        for step in $full_run; do
          timeout "$timeout_s" "$driver" ${driver_args[$step]} "$step" "$mountpoint" >/dev/null \
            || { echo "bench.sh: $step (full run) on $impl failed or timed out (log: $log)" >&2; exit 1; }
        done
        rss=$(rss_kib "$fs_pid")
        stop || { echo "bench.sh: $impl did not stop cleanly (log: $log)" >&2; exit 1; }
        printf '%s\t%s\t%s\t%s\t%s\n' "$w" rss "$impl" "$rep" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$raw"
        printf '  %-9s rep %d %-3s rss %s KiB after the full run\n' "$w" "$rep" "$impl" "$rss"
        continue
      fi
      if ! lines=$(timeout "$timeout_s" "$driver" --fs-pid "$fs_pid" ${driver_args[$w]} "$w" "$mountpoint"); then
        echo "bench.sh: $w on $impl failed or timed out (log: $log)" >&2
        exit 1
      fi
      rss=$(rss_kib "$fs_pid")
      stop || { echo "bench.sh: $impl did not stop cleanly (log: $log)" >&2; exit 1; }
      line=$lines
      requests=$(field requests "$line")
      cpu_us=$(awk -v ns="$(field fs_cpu_ns "$line")" -v r="$requests" 'BEGIN { printf "%.3f", ns / 1000 / r }')
      value=$(field value "$line")
      printf '%s\t%s\t%s\t%s\t%s\n' "$w" value "$impl" "$rep" "$value" >>"$raw"
      [ "$w" = latency ] && printf '%s\t%s\t%s\t%s\t%s\n' "$w" p99 "$impl" "$rep" "$(field p99_us "$line")" >>"$raw"
      printf '%s\t%s\t%s\t%s\t%s\n' "$w" cpu "$impl" "$rep" "$cpu_us" "$w" rss "$impl" "$rep" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$raw"
      gc=""
      if [ -n "$gc_report" ] && [ -s "$gc_report" ]; then
        # Collections and allocation over everything read on the mount: the driver's bytes, and big if verify read it.
        counts=$(<"$gc_report")
        read_mib=$(( ($(field bytes "$line") + big_checked * BENCH_BIG_MB * 1048576) / 1048576 ))
        for g in gen0 gen1 gen2; do printf '%s\t%s\t%s\t%s\t%s\n' "$w" "$g" "$impl" "$rep" "$(field "$g" "$counts")" >>"$raw"; done
        printf '%s\t%s\t%s\t%s\t%s\n' "$w" alloc "$impl" "$rep" "$(awk -v b="$(field allocated "$counts")" 'BEGIN { printf "%.1f", b / 1024 }')" "$w" read "$impl" "$rep" "$read_mib" >>"$raw"
        gc=$(printf '  gc gen0/1/2 %s/%s/%s  alloc %s B over %s MiB read' "$(field gen0 "$counts")" "$(field gen1 "$counts")" "$(field gen2 "$counts")" "$(field allocated "$counts")" "$read_mib")
      fi
      printf '  %-9s rep %d %-3s %s %s  cpu/req %s us  rss %s KiB%s\n' "$w" "$rep" "$impl" "$value" "$(field unit "$line")" "$cpu_us" "$rss" "$gc"
    done
  done
done

# ---- the table: median (min–max) per implementation, and of the per-repetition ratios FuseGen/C -------------------
units() {
  case "$1/$2" in
    seqread/value|seqwrite/value) echo "throughput, MiB/s ↑" ;;
    randread/value|stat/value|openclose/value) echo "throughput, ops/s ↑" ;;
    readdir/value) echo "throughput, entries/s ↑" ;;
    latency/value) echo "p50, µs ↓" ;;
    latency/p99) echo "p99, µs ↓" ;;
    */value) echo "throughput, ops/s ↑" ;;
    */cpu) echo "CPU per request, µs ↓" ;;
    all/rss) echo "RSS after the full run (one mount, every workload in turn), MiB ↓" ;;
    */rss) echo "RSS at end, MiB ↓" ;;
    */gc) echo "Gen0 / Gen1 / Gen2 GCs during the mount ↓" ;;
    */alloc) echo "managed allocation during the mount, KiB ↓" ;;
    */read) echo "read during the mount, MiB" ;;
  esac
}
summary=$(awk -F'\t' -v ratios="$ratios" '
  BEGIN { n = split(ratios, pairs, " "); for (i = 1; i <= n; i++) { split(pairs[i], nd, "/"); num[i] = nd[1]; den[i] = nd[2] } }
  { v[$1 FS $2 FS $3 FS $4] = $5; print }
  END {
    for (k in v) {
      split(k, p, FS)
      for (i = 1; i <= n; i++) {
        r = p[1] FS p[2] FS den[i] FS p[4]
        if (num[i] == p[3] && (r in v) && v[r] > 0)
          printf "%s\t%s\t%s/%s\t%s\t%.6f\n", p[1], p[2], p[3], den[i], p[4], v[k] / v[r]
      }
    }
  }' "$raw" | sort -t$'\t' -k1,1 -k2,2 -k3,3 -k5,5g | awk -F'\t' '
  function fmt(x, ratio) {
    if (ratio) return sprintf("%.2f", x)
    return x >= 1e6 ? sprintf("%.2fM", x / 1e6) : x >= 1e4 ? sprintf("%.1fk", x / 1e3) : x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x)
  }
  function flush() {
    if (n == 0) return
    median = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    ratio = key ~ /\//
    if (key ~ /\t(gen[012]|read)\t/) printf "%s\t%s\n", key, (a[1] == a[n] ? a[1] : sprintf("%d (%d–%d)", median, a[1], a[n]))
    else printf "%s\t%s\n", key, (n == 1 ? fmt(median, ratio) : fmt(median, ratio) " (" fmt(a[1], ratio) "–" fmt(a[n], ratio) ")")
    n = 0
  }
  { k = $1 FS $2 FS $3; if (k != key) { flush(); key = k } a[++n] = $5 }
  END { flush() }')

cell() { awk -F'\t' -v k="$1	$2	$3" '$1 FS $2 FS $3 == k { print $4 }' <<<"$summary"; }
header="| workload | metric |"
rule="|---|---|"
for impl in $impls; do header+=" ${impl_name[$impl]} |"; rule+="---|"; done
declare -A short_name=([c]="C" [cll]="C low-level" [inode]="inode" [inode-copy]="inode copying read" [base]="baseline")
for ratio in $ratios; do header+=" ${impl_name[${ratio%/*}]#FuseGen } / ${short_name[${ratio#*/}]} |"; rule+="---|"; done
table=$(
  echo "$header"
  echo "$rule"
  for w in $(for w in $workloads; do echo "${figures[$w]:-$w}"; done); do
    metrics="value cpu rss"
    [ "$w" = latency ] && metrics="value p99 cpu rss"
    [ "$w" = all ] && metrics="rss"
    # GC rows only where a FuseGen filesystem reported them (seqread); C has none.
    gc_metrics=""
    grep -q "^$w	gen0	" "$raw" && gc_metrics="gc alloc read"
    for m in $metrics; do
      row="| $w | $(units "$w" "$m") |"
      for impl in $impls; do row+=" $(cell "$w" "$m" "$impl") |"; done
      for ratio in $ratios; do row+=" $(cell "$w" "$m" "$ratio") |"; done
      echo "$row"
    done
    for m in $gc_metrics; do
      row="| $w | $(units "$w" "$m") |"
      for impl in $impls; do
        if [ "$m" = gc ]; then
          cell="$(cell "$w" gen0 "$impl") / $(cell "$w" gen1 "$impl") / $(cell "$w" gen2 "$impl")"
          [ "$cell" = " /  / " ] && cell=""
        else
          cell=$(cell "$w" "$m" "$impl")
        fi
        row+=" ${cell:-–} |"
      done
      for ratio in $ratios; do row+=" – |"; done
      echo "$row"
    done
  done
)

libfuse=$(pkg-config --modversion fuse3 2>/dev/null || echo unknown)
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
  echo "# BenchFs results, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) CPUs ($cpu_model), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), libfuse $libfuse, .NET SDK $(dotnet --version 2>/dev/null || echo '?')"
  [ $side_reads -eq 1 ] && echo "- read workloads side by side (--side-by-side): all implementations mounted at once, pinned with the driver to CPU $write_cpu, the driver going round the mounts in chunks of work (its interleave()), the order rotating per chunk; latency: p50 and p99 over all of an implementation's samples"
  echo "- options: $loop loop, -f -o ro${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS} (write workloads: -o rw${BENCH_MOUNT_OPTIONS:+,$BENCH_MOUNT_OPTIONS}); big=${BENCH_BIG_MB} MiB, files=$BENCH_FILES; $reps repetition(s), implementations alternating per repetition; sha256 of big: $verify_big mount"
  echo "- counts: $(for w in $workloads; do printf '%s %s; ' "$w" "${driver_args[$w]}"; done)"
  grep -q "	gen0	" "$raw" && echo "- GC: collections per generation and managed bytes allocated (GC.GetTotalAllocatedBytes) by the FuseGen filesystem from its init to its destroy, over all it served on the mount (the driver's reads and the sha256 checks)"
  echo "- cells: median (min–max) over repetitions; ratios per repetition, each against the same API's C twin (C low-level against C high-level; with a baseline, also today's AOT build against the baseline's) (>1 is better for throughput, worse for latency, CPU and RSS); CPU per request = the filesystem process's CPU time (all threads) during the driver's run / requests the workload makes (the driver's count, checked with scripts/bench.sh --calibrate)"
  echo
  echo "$table"
  echo
  echo "Raw values: $(basename "$raw") (workload, metric, implementation, repetition, value)."
} >"$out"
echo
cat "$out"
echo
echo "results: $out"

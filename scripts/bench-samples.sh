#!/usr/bin/env bash
# The samples against libfuse's own examples: MirrorFs vs passthrough_fh and passthrough_ll (built at run time from
# the examples libfuse3-dev ships in /usr/share/doc/libfuse3-dev/examples), all three over a tmpfs source, and MemFs
# beside them; fio and the BenchFs driver's metadata workloads; real kernel mounts, side by side in one run.
#
#   scripts/bench-samples.sh [options]
#     --reps N          repetitions (default 5; BENCH_REPS)
#     --workloads "…"   subset of the fio workloads seqread seqwrite randread randwrite, each buffered and O_DIRECT
#                       (seqread-buf, seqread-direct, ...), and the metadata workloads create mkdir rename setattr;
#                       "fio" and "meta" name the two groups (default: both)
#     --impls "…"       subset of: mirrorfs passthrough_fh passthrough_ll inodemirrorfs memfs (default: all), and the option
#                       variants mirrorfs_wb memfs_wb (-o writeback_cache), mirrorfs_w128k (-o max_write=131072)
#     --mirror-opts O   extra -o options for MirrorFs (e.g. writeback_cache), --memfs-opts O the same for MemFs
#     --quick           small sizes, 1 rep: proves the machinery, measures nothing
#     --no-build        reuse the binaries of the last run
#     --out FILE        results file (default artifacts/bench/samples-DATE.md)
#     --table TSV       no measurement: the table of an earlier run's raw values (e.g. one stopped early)
#   Sizes: SAMPLES_FILE_MB (1024): the file sequential I/O reads or writes whole and random I/O addresses;
#   SAMPLES_RUNTIME (5): seconds of each random-I/O run; BENCH_FILES (10000): entries of the metadata workloads;
#   SAMPLES_SLICES (4): the slices each fio run is cut into, which take turns on the mounts (see below).
#
# fio: sequential 1 MiB (one job, psync, --end_fsync for writes), random 4 KiB (4 jobs on one file, time based),
# each with and without O_DIRECT. Reads read a file written into the source beforehand (for MemFs, copied in through
# the mount); writes write a new file (random writes: into a sparse file of the full size). Each run is cut into
# slices (a sequential slice reads or writes its own part of the file, a random one runs its share of the time) that
# take turns on the mounts, the order rotating per slice; a figure is the slices' bytes over their summed run times.
# fio does not preallocate files (--fallocate=none): passthrough_fh, mounted through libfuse's subdir module, has no
# fallocate (the module lacks it) and fio carries on without, while MirrorFs would zero the whole file on tmpfs first.
# Every repetition mounts every implementation afresh on fresh sources, all at once, and everything runs on one CPU
# (see below); ratios are taken per repetition. CPU per operation = the filesystem process's CPU time (utime + stime of all its threads, exited ones
# included, from /proc) over the run / the I/Os fio did (metadata: / the operations of the phase, measured by the
# driver); it compares implementations that may send different requests for the same operation.
# Every implementation runs with its defaults as shipped (passthrough_fh mounts its source with -o modules=subdir).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

reps=${BENCH_REPS:-}
fio_workloads="seqread-buf seqread-direct seqwrite-buf seqwrite-direct randread-buf randread-direct randwrite-buf randwrite-direct"
meta_workloads="create mkdir rename setattr"
workloads="fio meta"
impls="mirrorfs passthrough_fh passthrough_ll inodemirrorfs memfs"
mirror_opts=""
memfs_opts=""
quick=0
build=1
out=""
table_from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --impls) impls=$2; shift 2 ;;
    --mirror-opts) mirror_opts=$2; shift 2 ;;
    --memfs-opts) memfs_opts=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-build) build=0; shift ;;
    --out) out=$2; shift 2 ;;
    --table) table_from=$2; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-samples.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ $quick -eq 1 ]; then
  : "${SAMPLES_FILE_MB:=64}" "${SAMPLES_RUNTIME:=1}" "${BENCH_FILES:=1000}"
  reps=${reps:-1}
fi
reps=${reps:-5}
file_mb=${SAMPLES_FILE_MB:-1024}
runtime=${SAMPLES_RUNTIME:-5}
slices=${SAMPLES_SLICES:-4}
export BENCH_FILES=${BENCH_FILES:-10000}
timeout_s=${BENCH_TIMEOUT:-600}
workloads=$(for w in $workloads; do case $w in fio) echo "$fio_workloads" ;; meta) echo "$meta_workloads" ;; *) echo "$w" ;; esac; done | tr '\n' ' ')
declare -A impl_name=([mirrorfs]="MirrorFs (AOT)" [passthrough_fh]="passthrough_fh" [passthrough_ll]="passthrough_ll" [inodemirrorfs]="InodeMirrorFs (AOT)" [memfs]="MemFs (AOT)"
  [mirrorfs_wb]="MirrorFs -o writeback_cache" [memfs_wb]="MemFs -o writeback_cache" [mirrorfs_w128k]="MirrorFs -o max_write=131072")
declare -A figures=([create]="create create-stat create-unlink" [mkdir]="mkdir rmdir" [setattr]="chmod utimens")
for w in $workloads; do [[ " $fio_workloads $meta_workloads " == *" $w "* ]] || { echo "bench-samples.sh: unknown workload $w" >&2; exit 2; }; done
for i in $impls; do [ -n "${impl_name[$i]:-}" ] || { echo "bench-samples.sh: unknown implementation $i" >&2; exit 2; }; done

bench=artifacts/bench
mkdir -p "$bench/logs"
examples=/usr/share/doc/libfuse3-dev/examples
driver=$bench/benchfs-driver
mirror_bin=${SAMPLES_MIRRORFS:-samples/MirrorFs/bin/Release/net9.0/linux-x64/publish/MirrorFs}
memfs_bin=${SAMPLES_MEMFS:-samples/MemFs/bin/Release/net9.0/linux-x64/publish/MemFs}
inode_mirror_bin=${SAMPLES_INODEMIRRORFS:-samples/InodeMirrorFs/bin/Release/net9.0/linux-x64/publish/InodeMirrorFs}
work=$(mktemp -d /tmp/bench-samples.XXXXXX)
pfh_bin=$work/passthrough_fh
pll_bin=$work/passthrough_ll

measure() {
# ---- build: libfuse's examples into the temp dir (never into the repository), the samples NativeAOT ------------
ensure_packages fuse3 libfuse3-3 libfuse3-dev gcc pkg-config fio
echo "building libfuse's passthrough_fh and passthrough_ll from $examples (gcc -O2)..."
# The examples' own build defines these from meson's feature checks; all hold on Linux with glibc.
features="-DHAVE_SETXATTR -DHAVE_FSTATAT -DHAVE_UTIMENSAT -DHAVE_POSIX_FALLOCATE -DHAVE_FALLOCATE -DHAVE_COPY_FILE_RANGE"
gcc -O2 -Wall $features -I"$examples" "$examples/passthrough_fh.c" $(pkg-config --cflags --libs fuse3) -o "$pfh_bin"
gcc -O2 -Wall $features -I"$examples" "$examples/passthrough_ll.c" $(pkg-config --cflags --libs fuse3) -o "$pll_bin"
if [ $build -eq 1 ]; then
  require_dotnet
  gcc -O2 -Wall -Wextra -Werror -pthread tests/FuseGen.Benchmarks/driver/driver.c -o "$driver"
  for sample in MirrorFs InodeMirrorFs MemFs; do
    if [[ " $impls " == *" ${sample,,}"* ]]; then
      echo "publishing $sample NativeAOT (net9.0, linux-x64, Release)..."
      dotnet publish samples/$sample/$sample.csproj -c Release -f net9.0 -r linux-x64 -v quiet -nologo >/dev/null
    fi
  done
fi
[ -x "$driver" ] || { echo "bench-samples.sh: $driver missing (run without --no-build)" >&2; exit 1; }

# ---- the tmpfs every source lives on; mounts: start, wait, stop; all bounded, all cleaned up ----------------------
# Every repetition mounts all implementations at once (fresh sources), pinned with fio and the driver to one CPU
# (BENCH_CPU, default the last): fio runs take turns on the mounts (the order rotating per repetition), and the
# metadata workloads go round-robin over the mounts in chunks of 100 operations (the driver's interleave()). On this
# kind of shared VM a whole run of one implementation can land in a slow second that the next run misses; taking
# turns on one CPU gives every implementation the same machine.
cpu=${BENCH_CPU:-$(( $(nproc) - 1 ))}
pin="taskset -c $cpu"
tmpfs=$work/tmpfs
mkdir -p "$tmpfs"
mount -t tmpfs -o size=$(( file_mb * 4 + 1024 ))M benchsamples "$tmpfs"
live=() # impl:pid:mountpoint:source of every mount of this repetition
stop_mount() {
  local pid=$1 mountpoint=$2 source_dir=$3
  fusermount3 -u "$mountpoint" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench-samples.sh: filesystem $pid did not exit after unmount; forcing" >&2
    fusermount3 -uz "$mountpoint" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  rmdir "$mountpoint" 2>/dev/null || true
  rm -rf "$source_dir"
}
stop_all() {
  local entry impl pid rest mountpoint source_dir
  for entry in "${live[@]}"; do
    IFS=: read -r impl pid mountpoint source_dir <<<"$entry"
    stop_mount "$pid" "$mountpoint" "$source_dir"
  done
  live=()
}
cleanup() {
  stop_all
  grep -q " $tmpfs " /proc/mounts && { umount "$tmpfs" 2>/dev/null || umount -l "$tmpfs" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench-samples.sh: interrupted" >&2; exit 130' INT TERM

# The file reads read: the content rule (the driver's generator), written once.
data=$tmpfs/data
"$driver" gen $(( file_mb * 1048576 )) >"$data"
data_sha=$(sha256sum "$data" | cut -d' ' -f1)

is_mounted() { grep -q " $1 fuse" /proc/mounts; }

# start IMPL LOGFILE: a fresh source directory (holding a link to the data file) and mount point; adds to live.
start() {
  local impl=$1 log=$2 source_dir mountpoint pid sha
  source_dir=$(mktemp -d "$tmpfs/src.XXXXXX")
  ln "$data" "$source_dir/data"
  mountpoint=$(mktemp -d "$work/mnt.XXXXXX")
  case $impl in
    mirrorfs) $pin "$mirror_bin" "$source_dir" "$mountpoint" -f ${mirror_opts:+-o "$mirror_opts"} >"$log" 2>&1 & ;;
    inodemirrorfs) $pin "$inode_mirror_bin" "$source_dir" "$mountpoint" -f >"$log" 2>&1 & ;;
    mirrorfs_wb) $pin "$mirror_bin" "$source_dir" "$mountpoint" -f -o writeback_cache >"$log" 2>&1 & ;;
    mirrorfs_w128k) $pin "$mirror_bin" "$source_dir" "$mountpoint" -f -o max_write=131072 >"$log" 2>&1 & ;;
    memfs_wb) $pin "$memfs_bin" "$mountpoint" -f -o writeback_cache >"$log" 2>&1 & ;;
    passthrough_fh) $pin "$pfh_bin" "$mountpoint" -f -o "modules=subdir,subdir=$source_dir" >"$log" 2>&1 & ;;
    passthrough_ll) $pin "$pll_bin" "$mountpoint" -f -o "source=$source_dir" >"$log" 2>&1 & ;;
    memfs) $pin "$memfs_bin" "$mountpoint" -f ${memfs_opts:+-o "$memfs_opts"} >"$log" 2>&1 & ;;
  esac
  pid=$!
  live+=("$impl:$pid:$mountpoint:$source_dir")
  for _ in $(seq 600); do
    is_mounted "$mountpoint" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  is_mounted "$mountpoint" || { echo "bench-samples.sh: $impl did not mount (log: $log)" >&2; tail -5 "$log" >&2; exit 1; }
  # MemFs has no source: the data file goes in through the mount (untimed).
  [[ $impl == memfs* ]] && cp "$data" "$mountpoint/data"
  sha=$(timeout "$timeout_s" sha256sum "$mountpoint/data" | cut -d' ' -f1)
  [ "$sha" = "$data_sha" ] || { echo "bench-samples.sh: $impl serves wrong bytes for data" >&2; exit 1; }
}

ticks=$(getconf CLK_TCK)
cpu_us() { awk -v t="$ticks" '{ print ($14 + $15 + $16 + $17) * 1e6 / t }' "/proc/$1/stat"; }
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# run_fio WORKLOAD SLICE IMPL PID MOUNTPOINT: slice SLICE (0-based) of a workload on one mount; prints
# "KiB milliseconds cpu_us": sequential slices read or write their own 1/slices of the file (at its offset), random
# slices run runtime/slices each. The first slice of a write creates the file, the last checks and removes it.
run_fio() {
  local w=$1 k=$2 impl=$3 pid=$4 mountpoint=$5 kind=${1%-*} mode=${1##*-} direct args file before after line
  local part=$(( file_mb / slices )) span=$(( runtime * 1000 / slices ))
  direct=$([ "$mode" = direct ] && echo 1 || echo 0)
  case $kind in
    seqread) file=$mountpoint/data; args="--rw=read --bs=1M --numjobs=1 --offset=$(( k * part ))M --size=${part}M" ;;
    seqwrite) file=$mountpoint/seqwrite; args="--rw=write --bs=1M --numjobs=1 --end_fsync=1 --offset=$(( k * part ))M --size=${part}M" ;;
    randread) file=$mountpoint/data; args="--rw=randread --bs=4k --numjobs=4 --size=${file_mb}M --time_based --runtime=${span}ms" ;;
    randwrite) file=$mountpoint/randwrite; args="--rw=randwrite --bs=4k --numjobs=4 --size=${file_mb}M --time_based --runtime=${span}ms"
      [ "$k" -eq 0 ] && truncate -s "${file_mb}M" "$file" ;;
  esac
  before=$(cpu_us "$pid")
  line=$(timeout "$timeout_s" $pin fio --name="$w" --filename="$file" --ioengine=psync --direct=$direct --fallocate=none \
    --group_reporting --output-format=terse --terse-version=3 $args 2>>"$bench/logs/samples-fio-$impl.log") \
    || { echo "bench-samples.sh: fio $w on $impl failed (log: $bench/logs/samples-fio-$impl.log)" >&2; exit 1; }
  after=$(cpu_us "$pid")
  awk -F';' -v cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" '{ printf "%d %d %.0f\n", $6 + $47, $9 + $50, cpu }' <<<"$line"
  # Checks what the filesystem holds (a sequentially written file is the size fio wrote), then frees the space.
  if [ "$k" -eq $(( slices - 1 )) ]; then
    if [ "$kind" = seqwrite ]; then
      [ "$(stat -c %s "$file")" -eq $(( part * slices * 1048576 )) ] || { echo "bench-samples.sh: $impl: $file has the wrong size" >&2; exit 1; }
    fi
    [[ $kind == *write ]] && rm -f "$file"
  fi
  return 0
}

# ---- measurement ---------------------------------------------------------------------------------------------------
stamp=$(date -u +%Y%m%d-%H%M%S)
out=${out:-$bench/samples-$stamp.md}
raw=${out%.md}.tsv
: >"$raw"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "samples: $reps rep(s) of [$workloads] on [$impls], file ${file_mb} MiB, random runs ${runtime} s, $slices slices, $BENCH_FILES entries, CPU $cpu, load $load_before"
for rep in $(seq "$reps"); do
  read -r -a order <<<"$impls"
  for ((k = 0; k < rep - 1; k++)); do order=("${order[@]:1}" "${order[0]}"); done
  for impl in "${order[@]}"; do start "$impl" "$bench/logs/samples-$impl-$rep.log"; done
  for w in $workloads; do
    if [[ " $fio_workloads " == *" $w "* ]]; then
      # Slices take turns on the mounts, the order rotating per slice, so that a slow second of this shared machine
      # lands on every implementation alike rather than on one whole run.
      declare -A kib=() ms=() cpu_total=()
      for ((k = 0; k < slices; k++)); do
        turn=("${live[@]}")
        for ((j = 0; j < k; j++)); do turn=("${turn[@]:1}" "${turn[0]}"); done
        for entry in "${turn[@]}"; do
          IFS=: read -r impl pid mountpoint _ <<<"$entry"
          read -r slice_kib slice_ms slice_cpu <<<"$(run_fio "$w" "$k" "$impl" "$pid" "$mountpoint")"
          kib[$impl]=$(( ${kib[$impl]:-0} + slice_kib )) ms[$impl]=$(( ${ms[$impl]:-0} + slice_ms ))
          cpu_total[$impl]=$(( ${cpu_total[$impl]:-0} + slice_cpu ))
        done
      done
      for entry in "${live[@]}"; do
        IFS=: read -r impl _ <<<"$entry"
        # Sequential: MiB/s and CPU per 1 MiB I/O; random: IOPS and CPU per 4 KiB I/O.
        read -r value cpu <<<"$(awk -v kib="${kib[$impl]}" -v ms="${ms[$impl]}" -v cpu="${cpu_total[$impl]}" -v seq="$([[ $w == seq* ]] && echo 1 || echo 0)" 'BEGIN {
          ios = seq ? kib / 1024 : kib / 4; s = ms / 1000
          printf (seq ? "%.1f" : "%.0f") " %.3f\n", (s > 0 ? (seq ? kib / 1024 : ios) / s : 0), (ios > 0 ? cpu / ios : 0)
        }')"
        printf '%s\t%s\t%s\t%s\t%s\n' "$w" value "$impl" "$rep" "$value" "$w" cpu "$impl" "$rep" "$cpu" >>"$raw"
        printf '  %-16s rep %d %-15s %s  cpu/io %s us\n' "$w" "$rep" "$impl" "$value" "$cpu"
      done
      unset kib ms cpu_total
    else
      args=() mounts=() names=()
      for entry in "${live[@]}"; do
        IFS=: read -r impl pid mountpoint _ <<<"$entry"
        args+=(--fs-pid "$pid") mounts+=("$mountpoint") names+=("$impl")
      done
      lines=$(timeout "$timeout_s" $pin "$driver" --plain "${args[@]}" --files "$BENCH_FILES" "$w" "${mounts[@]}") \
        || { echo "bench-samples.sh: $w failed (logs: $bench/logs/samples-*-$rep.log)" >&2; exit 1; }
      while read -r line; do
        figure=$(field workload "$line")
        impl=${names[$(field mount "$line")]}
        value=$(field value "$line")
        cpu=$(awk -v ns="$(field fs_cpu_ns "$line")" -v n="$(field count "$line")" 'BEGIN { printf "%.3f", ns / 1000 / n }')
        printf '%s\t%s\t%s\t%s\t%s\n' "$figure" value "$impl" "$rep" "$value" "$figure" cpu "$impl" "$rep" "$cpu" >>"$raw"
        printf '  %-16s rep %d %-15s %s  cpu/op %s us\n' "$figure" "$rep" "$impl" "$value" "$cpu"
      done <<<"$lines"
    fi
  done
  stop_all
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
}

if [ -n "$table_from" ]; then
  raw=$table_from out=${out:-${table_from%.tsv}.md}
  reps=$(cut -f4 "$raw" | sort -u | wc -l)
  impls=$(cut -f3 "$raw" | awk '!seen[$0]++' | tr '\n' ' ')
  workloads=$(cut -f1 "$raw" | awk '!seen[$0]++' | sed -E 's/^create-(stat|unlink)$/create/; s/^rmdir$/mkdir/; s/^(chmod|utimens)$/setattr/' | awk '!seen[$0]++' | tr '\n' ' ')
  file_mb=${SAMPLES_FILE_MB:-1024} runtime=${SAMPLES_RUNTIME:-5}
  rmdir "$work"
else
  measure
fi

# ---- the table: median (min–max) per implementation; per-repetition ratios to passthrough_fh and passthrough_ll --
summary=$(awk -F'\t' '
  { v[$1 FS $2 FS $3 FS $4] = $5; print }
  END {
    for (k in v) {
      split(k, p, FS)
      for (b = 1; b <= 2; b++) {
        base = b == 1 ? "passthrough_fh" : "passthrough_ll"
        if ((p[3] == "mirrorfs" || p[3] == "inodemirrorfs" || p[3] == "memfs") && ((p[1] FS p[2] FS base FS p[4]) in v) && v[p[1] FS p[2] FS base FS p[4]] > 0)
          printf "%s\t%s\t%s/%s\t%s\t%.6f\n", p[1], p[2], p[3], base, p[4], v[k] / v[p[1] FS p[2] FS base FS p[4]]
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
    ratio = key ~ /\/passthrough/
    printf "%s\t%s\n", key, (n == 1 ? fmt(median, ratio) : fmt(median, ratio) " (" fmt(a[1], ratio) "–" fmt(a[n], ratio) ")")
    n = 0
  }
  { k = $1 FS $2 FS $3; if (k != key) { flush(); key = k } a[++n] = $5 }
  END { flush() }')
cell() { awk -F'\t' -v k="$1	$2	$3" '$1 FS $2 FS $3 == k { print $4 }' <<<"$summary"; }
units() {
  case "$1/$2" in
    seq*/value) echo "MiB/s ↑" ;;
    rand*/value) echo "IOPS ↑" ;;
    */value) echo "ops/s ↑" ;;
    */cpu) echo "CPU per op, µs ↓" ;;
  esac
}
ratio_columns=""
for impl in mirrorfs inodemirrorfs memfs; do
  [[ " $impls " == *" $impl "* ]] || continue
  for base in passthrough_fh passthrough_ll; do [[ " $impls " == *" $base "* ]] && ratio_columns+=" $impl/$base"; done
done
table=$(
  header="| workload | metric |" rule="|---|---|"
  for impl in $impls; do header+=" ${impl_name[$impl]} |"; rule+="---|"; done
  for r in $ratio_columns; do header+=" ${impl_name[${r%%/*}]% (AOT)} / ${r#*/} |"; rule+="---|"; done
  echo "$header"
  echo "$rule"
  for w in $(for w in $workloads; do echo "${figures[$w]:-$w}"; done); do
    for m in value cpu; do
      row="| $w | $(units "$w" "$m") |"
      for impl in $impls; do row+=" $(cell "$w" "$m" "$impl") |"; done
      for r in $ratio_columns; do row+=" $(cell "$w" "$m" "$r") |"; done
      echo "$row"
    done
  done
)
{
  echo "# Samples vs libfuse's examples, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), kernel $(uname -r), libfuse $(pkg-config --modversion fuse3), fio $(fio --version)"
  echo "- sources: tmpfs; passthrough_fh -o modules=subdir,subdir=SRC; passthrough_ll -o source=SRC; MirrorFs SRC${mirror_opts:+ -o $mirror_opts}; InodeMirrorFs SRC; MemFs${memfs_opts:+ -o $memfs_opts}; all multithreaded, defaults as shipped"
  echo "- fio: psync; seq = one job, 1 MiB blocks, ${file_mb} MiB (writes end with fsync); rand = 4 jobs on one ${file_mb} MiB file, 4 KiB blocks, ${runtime} s; -buf = buffered, -direct = O_DIRECT; each run in ${slices:-?} slices taking turns on the mounts. Metadata: the BenchFs driver (--plain), $BENCH_FILES entries"
  [ -n "${load_before:-}" ] && echo "- load average (1, 5, 15 min): $load_before before, $load_after after"
  echo "- cells: median (min–max) over $reps repetition(s); ratios per repetition (>1 is better for throughput, worse for CPU)"
  echo
  echo "$table"
  echo
  echo "Raw values: $(basename "$raw") (workload, metric, implementation, repetition, value)."
} >"$out"
echo
cat "$out"
echo
echo "results: $out"

/*
 * The BenchFs workload driver (docs/benchfs.md): runs one workload against one or more mounted BenchFs and prints one
 * line of key=value pairs per mount (and timed phase). Built by scripts/bench.sh with
 *   gcc -O2 -Wall -Wextra -pthread driver.c -o benchfs-driver
 *
 *   benchfs-driver [options] WORKLOAD MOUNTPOINT...
 *   benchfs-driver gen BYTES          # writes the content rule's first BYTES bytes to stdout (for sha256 checks)
 *
 * WORKLOAD: seqread randread latency stat readdir openclose (docs/benchfs.md), seqwrite randwrite create mkdir rename
 * setattr (docs/benchfs-write.md: the writable directory /w, checksums in /sum). Options (defaults are the specs'):
 *   --ops N       randread reads (200000), latency samples (50000), readdir listings (300), openclose opens (100000),
 *                 randwrite writes (200000)
 *   --passes N    seqread passes (3), stat passes (5), seqwrite passes (1)
 *   --threads N   randread and randwrite threads (4)
 *   --sleep-ms N  untimed sleep before each stat pass (1200; must exceed the 1 s entry timeout)
 *   --big-mb N    size of big (env BENCH_BIG_MB, 1024)
 *   --files N     files in many/ (env BENCH_FILES, 10000); also the entries create, mkdir, rename and setattr make
 *   --plain       write workloads on any read-write filesystem (the samples, libfuse's passthroughs): the driver
 *                 makes w/ itself and removes it at the end, and checks checksums by reading the data back instead
 *                 of BenchFs's /sum files
 *   --chunk N     items per chunk of the item-by-item phases (stat and the metadata workloads) when they go
 *                 round-robin over several mounts (100)
 *   --fs-pid PID  also report the CPU time the filesystem process PID used during the run (fs_cpu_ns=): its
 *                 process CPU clock (clock_getcpuclockid), which counts every thread, exited ones included; with
 *                 several mount points, one --fs-pid per mount point, in the same order
 *
 * Output, one line per mount point (mount=INDEX) and timed phase: workload=... mount=... metric=... value=... unit=...
 * elapsed_s=... requests=... basis=... [p50_us= p99_us= max_us=] [fs_cpu_ns=]
 * "requests" is the number of FUSE requests the workload makes the filesystem serve, as the driver knows it: an
 * estimate from the workload (basis says how), except readdir, where it counts getdents64 calls (each is exactly
 * one READDIR). Small per-open requests (LOOKUP/GETATTR on expiry) are left out where they are < 1 %.
 * Any mismatch with the content rule, short read or wrong listing exits 1 with a message on stderr.
 * Every workload runs on all the mount points given, round-robin in chunks of its items (see interleave()), each
 * mount point timed (wall clock and its filesystem's CPU time) over its own chunks only: on a machine whose load
 * swings from second to second, every implementation sees the same swings. A chunk ends when its mount has no request
 * in flight (see drain()). Write workloads print one line per timed phase (create: create, create-stat,
 * create-unlink; mkdir: mkdir, rmdir; setattr: chmod, utimens); what they check (sizes, checksums, listings, modes,
 * times) is checked outside the timed phases, and they leave /w empty.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MIB (1024L * 1024L)
#define BLOCK (4096)
#define READAHEAD_READ (128 * 1024)
#define MANY_SIZE 4096

static long long big_size;
static int files;
static long ops = -1;
static int passes = -1;
static int threads = 4;
static int sleep_ms = 1200;
static const char *root;
static int plain;

static void die(const char *format, const char *detail)
{
    fprintf(stderr, "benchfs-driver: ");
    fprintf(stderr, format, detail);
    fprintf(stderr, "\n");
    exit(1);
}

static void die_errno(const char *what, const char *path)
{
    fprintf(stderr, "benchfs-driver: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned char rule(long long offset)
{
    return (unsigned char)((offset % 251 * 7 + 13) % 251);
}

/* First and last byte of a block read at offset. */
static void check_block(const unsigned char *data, long long offset, ssize_t length, const char *what)
{
    if (length <= 0)
        return;
    if (data[0] != rule(offset) || data[length - 1] != rule(offset + length - 1)) {
        char detail[128];
        snprintf(detail, sizeof detail, "%s at offset %lld (+%zd)", what, offset, length);
        die("content rule mismatch: %s", detail);
    }
}

static char *path_of(const char *name)
{
    char *path;
    if (asprintf(&path, "%s/%s", root, name) < 0)
        die("out of memory%s", "");
    return path;
}

/* splitmix64: fixed seeds, the same offsets for every implementation and run. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void *aligned_block(size_t size)
{
    void *block;
    if (posix_memalign(&block, BLOCK, size) != 0)
        die("out of memory%s", "");
    return block;
}

/* ---- mounts: every workload runs on one or several, its items round-robin over them -------------------------------- */
/*
 * With several mounts (one --fs-pid per mount), a workload's timed phases go round-robin over the mounts in chunks
 * of items, each mount timed (wall clock and its filesystem's CPU time) over its own chunks only, the order of the
 * mounts rotating from chunk to chunk. On a machine whose load swings from second to second, every implementation
 * then sees the same swings: the ratio is measured side by side at a granularity of milliseconds, not of whole runs.
 */
#define MAX_MOUNTS 8
#define BATCH 256
static int mounts;
static const char *roots[MAX_MOUNTS];
static pid_t pids[MAX_MOUNTS];
static clockid_t clocks[MAX_MOUNTS];
static int current;
static double mount_elapsed[MAX_MOUNTS];
static long long mount_cpu[MAX_MOUNTS];
static long chunk_items = 100;

static void use_mount(int m)
{
    current = m;
    root = roots[m];
}

static long long cpu_of(int m)
{
    if (pids[m] <= 0)
        return 0;
    struct timespec t;
    if (clock_gettime(clocks[m], &t) != 0)
        die("cannot read a filesystem's CPU clock: %s", strerror(errno));
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * Where fusectl shows each mount's count of requests sent and not yet answered ("waiting"; "" without fusectl). A
 * chunk ends only when its mount has none left: readahead keeps READs of up to a window ahead in flight after read()
 * returns, and RELEASE follows close() in the background. Unwaited, that work would run in the next mount's chunk, on
 * the next mount's clock.
 */
static char waiting_paths[MAX_MOUNTS][64];

static void find_waiting(int m)
{
    struct stat st;
    if (stat(roots[m], &st) != 0)
        die_errno("stat", roots[m]);
    snprintf(waiting_paths[m], sizeof waiting_paths[m], "/sys/fs/fuse/connections/%llu/waiting", (unsigned long long)st.st_dev);
    if (access(waiting_paths[m], R_OK) != 0)
        waiting_paths[m][0] = 0; /* no fusectl here: chunks end when their items do */
}

/* fusectl's files cannot seek: each look is an open, a read and a close. */
static long waiting(int m)
{
    char text[32];
    int fd = open(waiting_paths[m], O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        die_errno("read", waiting_paths[m]);
    text[n] = 0;
    return atol(text);
}

static void drain(int m)
{
    if (waiting_paths[m][0] == 0)
        return;
    while (waiting(m) != 0)
        sched_yield(); /* the filesystem shares this CPU: let it answer */
}

/*
 * Runs item(0) ... item(count - 1) on every mount: chunks round-robin, each mount timed over its own chunks. The
 * times add up over calls until the phase is reported (report(), report_end()).
 */
static void interleave(long count, long chunk, void (*item)(long))
{
    for (long start = 0, round = 0; start < count; start += chunk, round++) {
        long end = start + chunk < count ? start + chunk : count;
        for (int k = 0; k < mounts; k++) {
            int m = (int)((k + round) % mounts);
            use_mount(m);
            long long cpu = cpu_of(m);
            double began = now();
            for (long i = start; i < end; i++)
                item(i);
            drain(m);
            mount_elapsed[m] += now() - began;
            mount_cpu[m] += cpu_of(m) - cpu;
        }
    }
}

/* The start of mount m's line for a timed phase; the caller may add fields, then ends it with report_end(). */
static void report_start(const char *workload, int m, const char *metric, int decimals, double value, const char *unit,
                         long long requests, const char *basis)
{
    printf("workload=%s mount=%d metric=%s value=%.*f unit=%s elapsed_s=%.3f requests=%lld basis=%s", workload, m,
           metric, decimals, value, unit, mount_elapsed[m], requests, basis);
}

/* Ends mount m's line with its filesystem's CPU time over the phase; after the last mount, the phase's times restart. */
static void report_end(int m)
{
    if (pids[m] > 0)
        printf(" fs_cpu_ns=%lld", mount_cpu[m]);
    printf("\n");
    if (m == mounts - 1) {
        fflush(stdout);
        for (int k = 0; k < mounts; k++)
            mount_elapsed[k] = 0, mount_cpu[k] = 0;
    }
}

/* One line per mount for a timed phase (value = count / that mount's elapsed time). */
static void report(const char *workload, long long count, const char *unit, long long requests, const char *basis)
{
    for (int m = 0; m < mounts; m++) {
        report_start(workload, m, "throughput", strcmp(unit, "MiB/s") == 0 ? 1 : 0, count / mount_elapsed[m], unit,
                     requests, basis);
        printf(" count=%lld", count);
        report_end(m);
    }
}

/* Runs batch on --threads threads at once, thread t with the t-th of the states (each size bytes) starting at first. */
static void on_threads(void *(*batch)(void *), void *first, size_t size)
{
    pthread_t ids[64];
    for (int t = 0; t < threads; t++)
        if (pthread_create(&ids[t], NULL, batch, (char *)first + (size_t)t * size) != 0)
            die("pthread_create failed%s", "");
    for (int t = 0; t < threads; t++)
        pthread_join(ids[t], NULL);
}

/* The path of name on every mount, made once (nothing is allocated inside a timed phase). */
static void paths_of(const char *name, char *paths[MAX_MOUNTS])
{
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        paths[m] = path_of(name);
    }
}

/*
 * A directory's entries one at a time, read with getdents64 into buffer (size bytes); calls counts the getdents64
 * calls (each is one READDIR). Inline, so that the timed listing pays no call per entry.
 */
struct listing {
    int fd;
    char *buffer;
    long size, n, at;
    long long calls;
    const char *path;
};

static inline struct dirent64 *next_entry(struct listing *l)
{
    while (l->at >= l->n) {
        l->n = syscall(SYS_getdents64, l->fd, l->buffer, l->size);
        l->calls++;
        if (l->n < 0)
            die_errno("getdents64", l->path);
        if (l->n == 0)
            return NULL;
        l->at = 0;
    }
    struct dirent64 *entry = (struct dirent64 *)(l->buffer + l->at);
    l->at += entry->d_reclen;
    return entry;
}

/* ---- read workloads (docs/benchfs.md) ------------------------------------------------------------------------------ */
/* Each is item-based, so that it runs on one mount or interleaved over several, like the write workloads. */

/* seqread: item i is the i-th MiB of the current mount's pass (opened by a pass's first item, closed by its last). */
static int read_fds[MAX_MOUNTS];
static char *big_paths[MAX_MOUNTS];
static long big_blocks;
static unsigned char *read_buffer;

static void seqread_item(long i)
{
    long block = i % big_blocks;
    if (block == 0) {
        read_fds[current] = open(big_paths[current], O_RDONLY);
        if (read_fds[current] < 0)
            die_errno("open", big_paths[current]);
    }
    ssize_t n = read(read_fds[current], read_buffer, MIB);
    if (n < 0)
        die_errno("read", big_paths[current]);
    if (n != MIB)
        die("big: short read before its size%s", "");
    check_block(read_buffer, (long long)block * MIB, n, "big");
    if (block == big_blocks - 1) {
        if (read(read_fds[current], read_buffer, MIB) != 0)
            die("big: longer than its size%s", "");
        close(read_fds[current]);
    }
}

static void seqread(void)
{
    if (passes < 0)
        passes = 3;
    if (big_size % MIB != 0 || big_size == 0)
        die("seqread needs big to be a whole number of MiB%s", "");
    big_blocks = big_size / MIB;
    read_buffer = aligned_block(MIB);
    paths_of("big", big_paths);
    long long blocks = (long long)big_blocks * passes;
    long long bytes = big_size * passes;
    /* 2 MiB chunks (about a millisecond): with 64 MiB, four copies of the C twin read side by side differed by up to
     * 14 % within one repetition, because a slow stretch of the shared machine fell on some mounts' chunks; with 2 MiB,
     * by 1-3 %. Each mount keeps its own descriptor, so its readahead stays sequential across the switches. */
    interleave(blocks, 2, seqread_item);
    for (int m = 0; m < mounts; m++) {
        report_start("seqread", m, "throughput", 1, blocks / mount_elapsed[m], "MiB/s",
                     (bytes + READAHEAD_READ - 1) / READAHEAD_READ + 2LL * passes,
                     "READ_per_128KiB_readahead+OPEN+RELEASE_per_pass");
        printf(" passes=%d bytes=%lld", passes, bytes);
        report_end(m);
    }
}

/* randread and latency: 4 KiB O_DIRECT preads at offsets from fixed seeds, the same on every mount. */
struct reader {
    int fd;
    uint64_t state;
    unsigned char *buffer;
};
static struct reader readers[MAX_MOUNTS][64];

static long long blocks_of_big(void)
{
    return big_size / BLOCK;
}

static void open_readers(int count, uint64_t seed)
{
    if (blocks_of_big() < 1)
        die("big is smaller than one block%s", "");
    paths_of("big", big_paths);
    for (int m = 0; m < mounts; m++) {
        for (int t = 0; t < count; t++) {
            readers[m][t] = (struct reader){ open(big_paths[m], O_RDONLY | O_DIRECT), seed + (uint64_t)t, aligned_block(BLOCK) };
            if (readers[m][t].fd < 0)
                die_errno("open(O_DIRECT)", big_paths[m]);
        }
    }
}

static void read_random_block(struct reader *reader)
{
    long long offset = (long long)(next_random(&reader->state) % (uint64_t)blocks_of_big()) * BLOCK;
    ssize_t n = pread(reader->fd, reader->buffer, BLOCK, offset);
    if (n != BLOCK)
        die("pread (4 KiB) of big failed or came short: %s", strerror(errno));
    check_block(reader->buffer, offset, n, "big");
}

static void *random_read_batch(void *argument)
{
    for (int i = 0; i < BATCH; i++)
        read_random_block(argument);
    return NULL;
}

/* randread: item i is one batch of reads on every thread, each thread its own descriptor per mount. */
static void randread_item(long i)
{
    (void)i;
    on_threads(random_read_batch, readers[current], sizeof readers[current][0]);
}

static void randread(void)
{
    if (ops < 0)
        ops = 200000;
    if (threads < 1 || threads > 64)
        die("--threads must be 1..64%s", "");
    long batches = (ops + (long)threads * BATCH - 1) / ((long)threads * BATCH);
    long long reads = (long long)batches * threads * BATCH;
    open_readers(threads, 0x5EED0000ULL);
    interleave(batches, 4, randread_item);
    report("randread", reads, "ops/s", reads, "one_READ_per_O_DIRECT_pread");
}

/* latency: item i is one timed read on the current mount; its sample goes to that mount's list. */
static double *samples[MAX_MOUNTS];

static void latency_item(long i)
{
    double start = now();
    read_random_block(&readers[current][0]);
    samples[current][i] = now() - start;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void latency(void)
{
    if (ops < 1)
        ops = ops < 0 ? 50000 : 1;
    open_readers(1, 0x5EED0000ULL + 1000);
    for (int m = 0; m < mounts; m++)
        if (!(samples[m] = malloc(sizeof(double) * (size_t)ops)))
            die("cannot set up latency samples%s", "");
    /* Chunks of 10,000 samples: the first few after a switch of mounts find the filesystem's code and data out of
     * the caches, and in chunks of 1,000 they were a tenth of the slowest 1 %, enough to move p99 (inode / C
     * low-level 1.031-1.039 with 1,000, 0.992-1.009 with 10,000; p50 1.014-1.020 either way). */
    interleave(ops, 10000, latency_item);
    for (int m = 0; m < mounts; m++) {
        qsort(samples[m], (size_t)ops, sizeof(double), compare_doubles);
        double p50 = samples[m][(ops - 1) * 50 / 100] * 1e6, p99 = samples[m][(ops - 1) * 99 / 100] * 1e6;
        /* Hundredths: p50 is about 5 us here, and tenths made ratios move in steps of 2 %. */
        report_start("latency", m, "p50", 2, p50, "us", ops, "one_READ_per_O_DIRECT_pread");
        printf(" p50_us=%.2f p99_us=%.2f max_us=%.1f", p50, p99, samples[m][ops - 1] * 1e6);
        report_end(m);
    }
}

/* stat: item i stats many/fNNNNN on the current mount; every pass begins once the kernel's entries have expired. */
static int many_dirs[MAX_MOUNTS];
static char *many_paths[MAX_MOUNTS];

static void stat_many_item(long i)
{
    struct stat st;
    char name[16];
    snprintf(name, sizeof name, "f%05ld", i);
    if (fstatat(many_dirs[current], name, &st, 0) != 0)
        die_errno("fstatat", name);
    if (st.st_size != MANY_SIZE || !S_ISREG(st.st_mode))
        die("wrong attributes for many/%s", name);
}

static void stat_files(void)
{
    if (passes < 0)
        passes = 5;
    paths_of("many", many_paths);
    for (int m = 0; m < mounts; m++)
        if ((many_dirs[m] = open(many_paths[m], O_PATH | O_DIRECTORY)) < 0)
            die_errno("open(O_PATH)", many_paths[m]);
    for (int pass = 0; pass < passes; pass++) {
        usleep((useconds_t)sleep_ms * 1000);
        interleave(files, chunk_items, stat_many_item);
    }
    long long lookups = (long long)files * passes;
    report("stat", lookups, "ops/s", lookups, "one_LOOKUP_per_fstatat_after_entry_expiry");
}

/* readdir: item i lists many/ once on the current mount and checks the listing. */
static long long getdents_calls[MAX_MOUNTS];

static void readdir_item(long i)
{
    (void)i;
    enum { BUFFER = 32 * 1024 };
    const char *path = many_paths[current];
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        die_errno("open", path);
    int entries = 0, dots = 0;
    struct listing l = { fd, (char *)read_buffer, BUFFER, 0, 0, 0, path };
    for (struct dirent64 *entry; (entry = next_entry(&l));) {
        if (entry->d_name[0] == '.')
            dots++;
        else if (entry->d_type != DT_REG || strlen(entry->d_name) != 6 || entry->d_name[0] != 'f')
            die("unexpected entry %s", entry->d_name);
        else
            entries++;
    }
    getdents_calls[current] += l.calls;
    close(fd);
    if (entries != files || dots != 2) {
        char detail[64];
        snprintf(detail, sizeof detail, "%d entries and %d dots", entries, dots);
        die("wrong listing of many/: %s", detail);
    }
}

static void readdir_many(void)
{
    if (ops < 0)
        ops = 300;
    read_buffer = aligned_block(32 * 1024);
    paths_of("many", many_paths);
    interleave(ops, 1, readdir_item);
    long long total = (long long)files * ops;
    for (int m = 0; m < mounts; m++) {
        report_start("readdir", m, "throughput", 0, total / mount_elapsed[m], "entries/s", getdents_calls[m] + 2LL * ops,
                     "getdents64_calls(one_READDIR_each)+OPENDIR+RELEASEDIR_per_listing");
        printf(" listings=%ld getdents=%lld", ops, getdents_calls[m]);
        report_end(m);
    }
}

/* openclose: item i opens and closes hello on the current mount. */
static char *hello_paths[MAX_MOUNTS];

static void openclose_item(long i)
{
    (void)i;
    int fd = open(hello_paths[current], O_RDONLY);
    if (fd < 0)
        die_errno("open", hello_paths[current]);
    close(fd);
}

static void openclose(void)
{
    if (ops < 0)
        ops = 100000;
    paths_of("hello", hello_paths);
    for (int m = 0; m < mounts; m++) {
        const char *path = hello_paths[m];
        char text[32];
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            die_errno("open", path);
        if (read(fd, text, sizeof text) != 13 || memcmp(text, "Hello World!\n", 13) != 0)
            die("%s does not read 'Hello World!\\n'", path);
        close(fd);
    }
    interleave(ops, 1000, openclose_item);
    report("openclose", ops, "ops/s", 2LL * ops, "OPEN+RELEASE_per_open(flush_is_ENOSYS)");
}

/* ---- write workloads (docs/benchfs-write.md) ----------------------------------------------------------------------- */

/* The content rule from offset 0, 251 + 1 MiB bytes: the data of a write at offset o starts at pattern + o % 251. */
static unsigned char *pattern;

static void make_pattern(void)
{
    pattern = aligned_block(251 + MIB);
    for (long i = 0; i < 251 + MIB; i++)
        pattern[i] = rule(i);
}

/* The checksum BenchFs keeps: the wrapping sum of the data's little-endian 64-bit words. */
static uint64_t word_sum(const unsigned char *data, size_t size)
{
    uint64_t total = 0;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        memcpy(&word, data + i, 8);
        total += word;
    }
    if (i < size) {
        uint64_t word = 0;
        memcpy(&word, data + i, size - i);
        total += word;
    }
    return total;
}

static char *entry_path(const char *directory, char letter, long number)
{
    char *path;
    if (asprintf(&path, "%s/%s/%c%05ld", root, directory, letter, number) < 0)
        die("out of memory%s", "");
    return path;
}

/* What a filesystem that keeps its data (--plain) holds in w/Xnnnnn: the checksum of reading it back. */
static uint64_t data_sum(char letter, int number)
{
    char *path = entry_path("w", letter, number);
    unsigned char *buffer = aligned_block(MIB);
    uint64_t total = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die_errno("open", path);
    for (;;) {
        ssize_t n = read(fd, buffer, MIB);
        if (n < 0)
            die_errno("read", path);
        if (n == 0)
            break;
        if (n % 8 != 0)
            die("%s: read not a multiple of 8 bytes", path);
        total += word_sum(buffer, (size_t)n);
    }
    close(fd);
    free(buffer);
    free(path);
    return total;
}

/* What /sum/Xnnnnn reports: the checksum of /w/Xnnnnn. */
static uint64_t reported_sum(char letter, int number)
{
    if (plain)
        return data_sum(letter, number);
    char *path = entry_path("sum", letter, number);
    char text[32];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die_errno("open", path);
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n != 17 || text[16] != '\n')
        die("%s: not a checksum", path);
    text[16] = '\0';
    free(path);
    return strtoull(text, NULL, 16);
}

static void expect_file(char letter, int number, long long size, uint64_t sum, int check_sum)
{
    char *path = entry_path("w", letter, number);
    struct stat st;
    if (stat(path, &st) != 0)
        die_errno("stat", path);
    if (!S_ISREG(st.st_mode) || st.st_size != size) {
        char detail[300];
        snprintf(detail, sizeof detail, "%s: size %lld, expected %lld", path, (long long)st.st_size, size);
        die("wrong attributes: %s", detail);
    }
    uint64_t reported = check_sum ? reported_sum(letter, number) : sum;
    if (reported != sum) {
        char detail[300];
        snprintf(detail, sizeof detail, "%s: checksum %016llx, expected %016llx", path, (unsigned long long)reported,
                 (unsigned long long)sum);
        die("wrong data reached the filesystem: %s", detail);
    }
    free(path);
}

/* Lists w/ and checks it holds exactly count entries, all named letter + 5 digits below count, of type type. */
static void expect_listing(int count, char letter, unsigned char type)
{
    char *path = path_of("w");
    enum { BUFFER = 32 * 1024 };
    char *buffer = aligned_block(BUFFER);
    unsigned char *seen = calloc((size_t)count + 1, 1);
    int entries = 0;
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0 || !seen)
        die_errno("open", path);
    struct listing l = { fd, buffer, BUFFER, 0, 0, 0, path };
    for (struct dirent64 *entry; (entry = next_entry(&l));) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char *end;
        long number = strtol(entry->d_name + 1, &end, 10);
        if (entry->d_name[0] != letter || strlen(entry->d_name) != 6 || *end != '\0' || number >= count ||
            seen[number] || entry->d_type != type)
            die("unexpected entry w/%s", entry->d_name);
        seen[number] = 1;
        entries++;
    }
    close(fd);
    if (entries != count) {
        char detail[64];
        snprintf(detail, sizeof detail, "%d entries, expected %d", entries, count);
        die("wrong listing of w/: %s", detail);
    }
    free(seen);
    free(buffer);
    free(path);
}

/* Items of the timed phases: item i of the current mount. */
static void create_item(long i)
{
    char *path = entry_path("w", 'c', i);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        die_errno("create", path);
    if (write(fd, pattern, BLOCK) != BLOCK)
        die_errno("write (4 KiB)", path);
    if (close(fd) != 0)
        die_errno("close", path);
    free(path);
}

static void stat_item(long i)
{
    char *path = entry_path("w", 'c', i);
    struct stat st;
    if (stat(path, &st) != 0)
        die_errno("stat", path);
    if (!S_ISREG(st.st_mode) || st.st_size != BLOCK || (st.st_mode & 07777) != 0644)
        die("wrong attributes for %s", path);
    free(path);
}

static char unlink_letter = 'c';

static void unlink_item(long i)
{
    char *path = entry_path("w", unlink_letter, i);
    if (unlink(path) != 0)
        die_errno("unlink", path);
    free(path);
}

static void mkdir_item(long i)
{
    char *path = entry_path("w", 'd', i);
    if (mkdir(path, 0755) != 0)
        die_errno("mkdir", path);
    free(path);
}

static void rmdir_item(long i)
{
    char *path = entry_path("w", 'd', i);
    if (rmdir(path) != 0)
        die_errno("rmdir", path);
    free(path);
}

static void rename_item(long i)
{
    char *from = entry_path("w", 'c', i), *to = entry_path("w", 'r', i);
    if (rename(from, to) != 0)
        die_errno("rename", from);
    free(from);
    free(to);
}

static void chmod_item(long i)
{
    char *path = entry_path("w", 'a', i);
    if (chmod(path, 0600) != 0)
        die_errno("chmod", path);
    free(path);
}

static void utimens_item(long i)
{
    char *path = entry_path("w", 'a', i);
    struct timespec times[2] = { { 1800000000 + i, 0 }, { 1800000000 + i, 500 } };
    if (utimensat(AT_FDCWD, path, times, 0) != 0)
        die_errno("utimensat", path);
    free(path);
}

static void empty_file_item(long i)
{
    char *path = entry_path("w", unlink_letter, i);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        die_errno("create", path);
    close(fd);
    free(path);
}

/* Untimed: item(0..count-1) on every mount in turn. */
static void on_every_mount(long count, void (*item)(long))
{
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        for (long i = 0; i < count; i++)
            item(i);
    }
}

/* seqwrite: item i is the i-th MiB of the current mount's file (created by item 0, fsync'ed and closed by the last). */
static int seq_fds[MAX_MOUNTS];
static long seq_blocks;

static void seqwrite_item(long i)
{
    long pass = i / seq_blocks, block = i % seq_blocks;
    long long offset = (long long)block * MIB;
    char *path = entry_path("w", 's', pass);
    if (block == 0) {
        seq_fds[current] = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (seq_fds[current] < 0)
            die_errno("create", path);
    }
    if (write(seq_fds[current], pattern + offset % 251, MIB) != MIB)
        die_errno("write (1 MiB)", path);
    if (block == seq_blocks - 1) {
        if (fsync(seq_fds[current]) != 0)
            die_errno("fsync", path);
        if (close(seq_fds[current]) != 0)
            die_errno("close", path);
    }
    free(path);
}

static void seqwrite(void)
{
    if (passes < 0)
        passes = 1;
    if (passes > files || big_size % MIB != 0 || big_size == 0)
        die("seqwrite needs --passes <= --files and a whole number of MiB%s", "");
    uint64_t block_sums[251];
    for (int phase = 0; phase < 251; phase++)
        block_sums[phase] = word_sum(pattern + phase, MIB);
    uint64_t expected = 0;
    for (long long offset = 0; offset < big_size; offset += MIB)
        expected += block_sums[offset % 251];
    seq_blocks = big_size / MIB;
    long long mib = seq_blocks * passes;
    interleave(mib, 64, seqwrite_item);
    report("seqwrite", mib, "MiB/s", mib + 5LL * passes, "one_WRITE_per_MiB(max_write)+LOOKUP+CREATE+FSYNC+FLUSH+RELEASE_per_pass");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        for (int pass = 0; pass < passes; pass++)
            expect_file('s', pass, big_size, expected, 1);
    }
    unlink_letter = 's';
    on_every_mount(passes, unlink_item);
}

/* randwrite: item i is one batch of writes on every thread, each thread its own O_DIRECT descriptor per mount. */
struct writer {
    int fd;
    uint64_t state;
    uint64_t sum;
    long long end;
    unsigned char *buffer;
};
static struct writer writers[MAX_MOUNTS][64];
static long write_ops;

static void *random_batch(void *argument)
{
    struct writer *writer = argument;
    long long blocks = blocks_of_big();
    for (int i = 0; i < BATCH; i++) {
        long long offset = (long long)(next_random(&writer->state) % (uint64_t)blocks) * BLOCK;
        memcpy(writer->buffer, pattern + offset % 251, BLOCK);
        if (pwrite(writer->fd, writer->buffer, BLOCK, offset) != BLOCK)
            die_errno("pwrite (4 KiB)", "w/x00000");
        writer->sum += word_sum(writer->buffer, BLOCK);
        if (offset + BLOCK > writer->end)
            writer->end = offset + BLOCK;
    }
    return NULL;
}

static void randwrite_item(long i)
{
    (void)i;
    on_threads(random_batch, writers[current], sizeof writers[current][0]);
}

static void randwrite(void)
{
    if (ops < 0)
        ops = 200000;
    if (threads < 1 || threads > 64 || blocks_of_big() < 1)
        die("randwrite needs --threads 1..64 and big of at least one block%s", "");
    long batches = (ops + (long)threads * BATCH - 1) / ((long)threads * BATCH);
    write_ops = batches * threads * BATCH;
    unlink_letter = 'x';
    on_every_mount(1, empty_file_item);
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        char *path = entry_path("w", 'x', 0);
        for (int t = 0; t < threads; t++) {
            writers[m][t] = (struct writer){ open(path, O_WRONLY | O_DIRECT), 0x5EED1000ULL + (uint64_t)t, 0, 0, aligned_block(BLOCK) };
            if (writers[m][t].fd < 0)
                die_errno("open(O_DIRECT)", path);
        }
        free(path);
    }
    interleave(batches, 4, randwrite_item);
    report("randwrite", write_ops, "ops/s", write_ops, "one_WRITE_per_O_DIRECT_pwrite");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        uint64_t sum = 0;
        long long end = 0;
        for (int t = 0; t < threads; t++) {
            close(writers[m][t].fd);
            sum += writers[m][t].sum;
            end = writers[m][t].end > end ? writers[m][t].end : end;
        }
        expect_file('x', 0, end, sum, 1);
    }
    on_every_mount(1, unlink_item);
}

static void create_files(void)
{
    uint64_t sum = word_sum(pattern, BLOCK);
    interleave(files, chunk_items, create_item);
    report("create", files, "ops/s", 4LL * files, "LOOKUP+CREATE+WRITE+RELEASE_per_file");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        expect_listing(files, 'c', DT_REG);
        for (int i = 0; i < files; i++)
            expect_file('c', i, BLOCK, sum, i % 10 == 0);
    }
    usleep((useconds_t)sleep_ms * 1000);
    interleave(files, chunk_items, stat_item);
    report("create-stat", files, "ops/s", files, "one_LOOKUP_per_stat_after_entry_expiry");
    unlink_letter = 'c';
    interleave(files, chunk_items, unlink_item);
    report("create-unlink", files, "ops/s", 2LL * files, "UNLINK+FORGET_per_file");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        expect_listing(0, 'c', DT_REG);
    }
}

static void expect_subdirectories(int count)
{
    char *w = path_of("w");
    struct stat st;
    if (stat(w, &st) != 0)
        die_errno("stat", w);
    if (st.st_nlink != (nlink_t)count + 2)
        die("%s does not count its subdirectories in nlink", w);
    free(w);
}

static void mkdir_rmdir(void)
{
    interleave(files, chunk_items, mkdir_item);
    report("mkdir", files, "ops/s", 2LL * files, "LOOKUP+MKDIR_per_directory");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        expect_listing(files, 'd', DT_DIR);
        expect_subdirectories(files);
    }
    interleave(files, chunk_items, rmdir_item);
    report("rmdir", files, "ops/s", 2LL * files, "RMDIR+FORGET_per_directory");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        expect_listing(0, 'd', DT_DIR);
        expect_subdirectories(0);
    }
}

static void rename_files(void)
{
    unlink_letter = 'c';
    on_every_mount(files, empty_file_item);
    interleave(files, chunk_items, rename_item);
    report("rename", files, "ops/s", 2LL * files, "LOOKUP(new_name)+RENAME_per_file");
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        expect_listing(files, 'r', DT_REG);
        for (int i = 0; i < files; i++)
            expect_file('r', i, 0, 0, i % 10 == 0);
    }
    unlink_letter = 'r';
    on_every_mount(files, unlink_item);
}

static void setattr_files(void)
{
    unlink_letter = 'a';
    on_every_mount(files, empty_file_item);
    interleave(files, chunk_items, chmod_item);
    report("chmod", files, "ops/s", files, "one_SETATTR_per_chmod");
    interleave(files, chunk_items, utimens_item);
    report("utimens", files, "ops/s", files, "one_SETATTR_per_utimensat");
    usleep((useconds_t)sleep_ms * 1000);
    for (int m = 0; m < mounts; m++) {
        use_mount(m);
        for (int i = 0; i < files; i++) {
            char *path = entry_path("w", 'a', i);
            struct stat st;
            if (stat(path, &st) != 0)
                die_errno("stat", path);
            if ((st.st_mode & 07777) != 0600 || st.st_mtim.tv_sec != 1800000000 + i || st.st_mtim.tv_nsec != 500 ||
                st.st_atim.tv_sec != 1800000000 + i)
                die("chmod or utimensat did not reach %s", path);
            free(path);
        }
    }
    on_every_mount(files, unlink_item);
}

static void generate(long long bytes)
{
    static unsigned char chunk[251 * 4096];
    for (size_t i = 0; i < sizeof chunk; i++)
        chunk[i] = rule((long long)i);
    while (bytes > 0) {
        size_t n = bytes < (long long)sizeof chunk ? (size_t)bytes : sizeof chunk;
        if (fwrite(chunk, 1, n, stdout) != n)
            die("write to stdout failed%s", "");
        bytes -= (long long)n;
    }
}

static long number(const char *name, const char *value)
{
    char *end;
    if (!value)
        die("%s needs a value", name);
    long n = strtol(value, &end, 10);
    if (*end != '\0' || n < 0)
        die("%s needs a non-negative number", name);
    return n;
}

int main(int argc, char *argv[])
{
    const char *mb = getenv("BENCH_BIG_MB");
    const char *count = getenv("BENCH_FILES");
    long long big_mb = mb && atoll(mb) > 0 ? atoll(mb) : 1024;
    files = count && atoi(count) >= 0 ? atoi(count) : 10000;
    int arg = 1;
    for (; arg < argc && strncmp(argv[arg], "--", 2) == 0; arg += 2) {
        const char *name = argv[arg], *value = arg + 1 < argc ? argv[arg + 1] : NULL;
        if (strcmp(name, "--ops") == 0)
            ops = number(name, value);
        else if (strcmp(name, "--passes") == 0)
            passes = (int)number(name, value);
        else if (strcmp(name, "--threads") == 0)
            threads = (int)number(name, value);
        else if (strcmp(name, "--sleep-ms") == 0)
            sleep_ms = (int)number(name, value);
        else if (strcmp(name, "--big-mb") == 0)
            big_mb = number(name, value);
        else if (strcmp(name, "--files") == 0)
            files = (int)number(name, value);
        else if (strcmp(name, "--plain") == 0) {
            plain = 1;
            arg--; /* takes no value */
        } else if (strcmp(name, "--chunk") == 0)
            chunk_items = number(name, value) > 0 ? number(name, value) : 1;
        else if (strcmp(name, "--fs-pid") == 0) {
            if (mounts == MAX_MOUNTS)
                die("at most %s filesystems", "8");
            pids[mounts++] = (pid_t)number(name, value);
        } else
            die("unknown option %s", name);
    }
    if (files > 100000)
        files = 100000;
    big_size = big_mb * MIB;
    if (arg + 2 == argc && strcmp(argv[arg], "gen") == 0) {
        generate(atoll(argv[arg + 1]));
        return 0;
    }
    if (arg + 2 > argc)
        die("usage: benchfs-driver [options] seqread|randread|latency|stat|readdir|openclose|seqwrite|randwrite|create|mkdir|rename|setattr MOUNTPOINT...%s", "");
    const char *workload = argv[arg];
    static const struct {
        const char *name;
        void (*run)(void);
        int writes;
    } workloads[] = {
        { "seqread", seqread, 0 }, { "randread", randread, 0 }, { "latency", latency, 0 },
        { "stat", stat_files, 0 }, { "readdir", readdir_many, 0 }, { "openclose", openclose, 0 },
        { "seqwrite", seqwrite, 1 }, { "randwrite", randwrite, 1 }, { "create", create_files, 1 },
        { "mkdir", mkdir_rmdir, 1 }, { "rename", rename_files, 1 }, { "setattr", setattr_files, 1 },
    };
    for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++) {
        if (strcmp(workload, workloads[i].name) != 0)
            continue;
        int given = argc - arg - 1;
        if (given > MAX_MOUNTS || (mounts > 0 && mounts != given))
            die("give one --fs-pid per mount point (at most %s)", "8");
        mounts = given;
        for (int m = 0; m < mounts; m++) {
            roots[m] = argv[arg + 1 + m];
            if (pids[m] > 0 && clock_getcpuclockid(pids[m], &clocks[m]) != 0)
                die("no CPU clock for the filesystem process %s (--fs-pid)", roots[m]);
            find_waiting(m);
        }
        int writes = workloads[i].writes;
        for (int m = 0; writes && plain && m < mounts; m++) {
            use_mount(m);
            char *w = path_of("w");
            if (mkdir(w, 0755) != 0)
                die_errno("mkdir", w);
            free(w);
        }
        if (writes)
            make_pattern();
        workloads[i].run();
        for (int m = 0; writes && plain && m < mounts; m++) {
            use_mount(m);
            char *w = path_of("w");
            if (rmdir(w) != 0)
                die_errno("rmdir", w);
            free(w);
        }
        return 0;
    }
    die("unknown workload %s", workload);
}

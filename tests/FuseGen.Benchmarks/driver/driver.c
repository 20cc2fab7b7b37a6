/*
 * The BenchFs workload driver (docs/benchfs.md): runs one workload against a mounted BenchFs and prints one line of
 * key=value pairs. Built by scripts/bench.sh with
 *   gcc -O2 -Wall -Wextra -pthread driver.c -o benchfs-driver
 *
 *   benchfs-driver [options] WORKLOAD MOUNTPOINT
 *   benchfs-driver gen BYTES          # writes the content rule's first BYTES bytes to stdout (for sha256 checks)
 *
 * WORKLOAD: seqread randread latency stat readdir openclose. Options (defaults are docs/benchfs.md's):
 *   --ops N       randread reads (200000), latency samples (50000), readdir listings (300), openclose opens (100000)
 *   --passes N    seqread passes (3), stat passes (5)
 *   --threads N   randread threads (4)
 *   --sleep-ms N  untimed sleep before each stat pass (1200; must exceed the 1 s entry timeout)
 *   --big-mb N    size of big (env BENCH_BIG_MB, 1024)
 *   --files N     files in many/ (env BENCH_FILES, 10000)
 *   --fs-pid PID  also report the CPU time the filesystem process PID used during the run (fs_cpu_ns=): its
 *                 process CPU clock (clock_getcpuclockid), which counts every thread, exited ones included
 *
 * Output, one line: workload=... metric=... value=... unit=... elapsed_s=... requests=... basis=... [p50_us= p99_us=]
 * [fs_cpu_ns=]
 * "requests" is the number of FUSE requests the workload makes the filesystem serve, as the driver knows it: an
 * estimate from the workload (basis says how), except readdir, where it counts getdents64 calls (each is exactly
 * one READDIR). Small per-open requests (LOOKUP/GETATTR on expiry) are left out where they are < 1 %.
 * Any mismatch with the content rule, short read or wrong listing exits 1 with a message on stderr.
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
static pid_t fs_pid;
static clockid_t fs_clock;

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

static long long fs_cpu_ns(void)
{
    struct timespec t;
    if (clock_gettime(fs_clock, &t) != 0)
        die("cannot read the filesystem's CPU clock: %s", strerror(errno));
    return t.tv_sec * 1000000000LL + t.tv_nsec;
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

static void seqread(void)
{
    char *path = path_of("big");
    unsigned char *buffer = aligned_block(MIB);
    if (passes < 0)
        passes = 3;
    double start = now();
    for (int pass = 0; pass < passes; pass++) {
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            die_errno("open", path);
        long long offset = 0;
        for (;;) {
            ssize_t n = read(fd, buffer, MIB);
            if (n < 0)
                die_errno("read", path);
            if (n == 0)
                break;
            check_block(buffer, offset, n, "big");
            offset += n;
        }
        if (offset != big_size)
            die("big: short file: %s", "read ended before its size");
        close(fd);
    }
    double elapsed = now() - start;
    long long bytes = big_size * passes;
    long long requests = (bytes + READAHEAD_READ - 1) / READAHEAD_READ + 2LL * passes;
    printf("workload=seqread metric=throughput value=%.1f unit=MiB/s elapsed_s=%.3f requests=%lld "
           "basis=READ_per_128KiB_readahead+OPEN+RELEASE_per_pass passes=%d bytes=%lld",
           bytes / (double)MIB / elapsed, elapsed, requests, passes, bytes);
}

struct reader {
    int index;
    long count;
    unsigned char *buffer;
    double *samples; /* latency only */
};

static long long blocks_of_big(void)
{
    return big_size / BLOCK;
}

static void *random_reads(void *argument)
{
    struct reader *reader = argument;
    char *path = path_of("big");
    int fd = open(path, O_RDONLY | O_DIRECT);
    if (fd < 0)
        die_errno("open(O_DIRECT)", path);
    uint64_t state = 0x5EED0000ULL + (uint64_t)reader->index;
    long long blocks = blocks_of_big();
    for (long i = 0; i < reader->count; i++) {
        long long offset = (long long)(next_random(&state) % (uint64_t)blocks) * BLOCK;
        double start = reader->samples ? now() : 0;
        ssize_t n = pread(fd, reader->buffer, BLOCK, offset);
        if (reader->samples)
            reader->samples[i] = now() - start;
        if (n != BLOCK)
            die_errno("pread (4 KiB)", path);
        check_block(reader->buffer, offset, n, "big");
    }
    close(fd);
    free(path);
    return NULL;
}

static void randread(void)
{
    if (ops < 0)
        ops = 200000;
    if (blocks_of_big() < 1)
        die("big is smaller than one block%s", "");
    pthread_t ids[64];
    struct reader readers[64];
    if (threads < 1 || threads > 64)
        die("--threads must be 1..64%s", "");
    for (int t = 0; t < threads; t++) {
        readers[t] = (struct reader){ t, ops / threads + (t < ops % threads), aligned_block(BLOCK), NULL };
    }
    double start = now();
    for (int t = 0; t < threads; t++)
        if (pthread_create(&ids[t], NULL, random_reads, &readers[t]) != 0)
            die("pthread_create failed%s", "");
    for (int t = 0; t < threads; t++)
        pthread_join(ids[t], NULL);
    double elapsed = now() - start;
    printf("workload=randread metric=throughput value=%.0f unit=ops/s elapsed_s=%.3f requests=%ld "
           "basis=one_READ_per_O_DIRECT_pread threads=%d",
           ops / elapsed, elapsed, ops, threads);
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
    struct reader reader = { 1000, ops, aligned_block(BLOCK), malloc(sizeof(double) * (size_t)ops) };
    if (!reader.samples || blocks_of_big() < 1)
        die("cannot set up latency samples%s", "");
    double start = now();
    random_reads(&reader);
    double elapsed = now() - start;
    qsort(reader.samples, (size_t)ops, sizeof(double), compare_doubles);
    double p50 = reader.samples[(ops - 1) * 50 / 100] * 1e6;
    double p99 = reader.samples[(ops - 1) * 99 / 100] * 1e6;
    printf("workload=latency metric=p50 value=%.1f unit=us elapsed_s=%.3f requests=%ld "
           "basis=one_READ_per_O_DIRECT_pread p50_us=%.1f p99_us=%.1f max_us=%.1f",
           p50, elapsed, ops, p50, p99, reader.samples[ops - 1] * 1e6);
}

static void stat_files(void)
{
    if (passes < 0)
        passes = 5;
    char *path = path_of("many");
    int dir = open(path, O_PATH | O_DIRECTORY);
    if (dir < 0)
        die_errno("open(O_PATH)", path);
    double elapsed = 0;
    char name[16];
    for (int pass = 0; pass < passes; pass++) {
        usleep((useconds_t)sleep_ms * 1000);
        double start = now();
        for (int i = 0; i < files; i++) {
            struct stat st;
            snprintf(name, sizeof name, "f%05d", i);
            if (fstatat(dir, name, &st, 0) != 0)
                die_errno("fstatat", name);
            if (st.st_size != MANY_SIZE || !S_ISREG(st.st_mode))
                die("wrong attributes for many/%s", name);
        }
        elapsed += now() - start;
    }
    close(dir);
    long long lookups = (long long)files * passes;
    printf("workload=stat metric=throughput value=%.0f unit=ops/s elapsed_s=%.3f requests=%lld "
           "basis=one_LOOKUP_per_fstatat_after_entry_expiry passes=%d files=%d",
           lookups / elapsed, elapsed, lookups, passes, files);
}

static void readdir_many(void)
{
    if (ops < 0)
        ops = 300;
    char *path = path_of("many");
    enum { BUFFER = 32 * 1024 };
    char *buffer = aligned_block(BUFFER);
    long long calls = 0;
    double start = now();
    for (long listing = 0; listing < ops; listing++) {
        int fd = open(path, O_RDONLY | O_DIRECTORY);
        if (fd < 0)
            die_errno("open", path);
        int entries = 0, dots = 0;
        for (;;) {
            long n = syscall(SYS_getdents64, fd, buffer, BUFFER);
            calls++;
            if (n < 0)
                die_errno("getdents64", path);
            if (n == 0)
                break;
            for (long at = 0; at < n;) {
                struct dirent64 *entry = (struct dirent64 *)(buffer + at);
                at += entry->d_reclen;
                if (entry->d_name[0] == '.')
                    dots++;
                else if (entry->d_type != DT_REG || strlen(entry->d_name) != 6 || entry->d_name[0] != 'f')
                    die("unexpected entry %s", entry->d_name);
                else
                    entries++;
            }
        }
        close(fd);
        if (entries != files || dots != 2) {
            char detail[64];
            snprintf(detail, sizeof detail, "%d entries and %d dots", entries, dots);
            die("wrong listing of many/: %s", detail);
        }
    }
    double elapsed = now() - start;
    long long total = (long long)files * ops;
    printf("workload=readdir metric=throughput value=%.0f unit=entries/s elapsed_s=%.3f requests=%lld "
           "basis=getdents64_calls(one_READDIR_each)+OPENDIR+RELEASEDIR_per_listing listings=%ld getdents=%lld",
           total / elapsed, elapsed, calls + 2LL * ops, ops, calls);
}

static void openclose(void)
{
    if (ops < 0)
        ops = 100000;
    char *path = path_of("hello");
    char text[32];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die_errno("open", path);
    if (read(fd, text, sizeof text) != 13 || memcmp(text, "Hello World!\n", 13) != 0)
        die("%s does not read 'Hello World!\\n'", path);
    close(fd);
    double start = now();
    for (long i = 0; i < ops; i++) {
        fd = open(path, O_RDONLY);
        if (fd < 0)
            die_errno("open", path);
        close(fd);
    }
    double elapsed = now() - start;
    printf("workload=openclose metric=throughput value=%.0f unit=ops/s elapsed_s=%.3f requests=%lld "
           "basis=OPEN+RELEASE_per_open(flush_is_ENOSYS) opens=%ld",
           ops / elapsed, elapsed, 2LL * ops, ops);
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
        else if (strcmp(name, "--fs-pid") == 0)
            fs_pid = (pid_t)number(name, value);
        else
            die("unknown option %s", name);
    }
    if (files > 100000)
        files = 100000;
    big_size = big_mb * MIB;
    if (arg + 2 == argc && strcmp(argv[arg], "gen") == 0) {
        generate(atoll(argv[arg + 1]));
        return 0;
    }
    if (arg + 2 != argc)
        die("usage: benchfs-driver [options] seqread|randread|latency|stat|readdir|openclose MOUNTPOINT%s", "");
    const char *workload = argv[arg];
    root = argv[arg + 1];
    long long cpu_before = 0;
    if (fs_pid > 0) {
        if (clock_getcpuclockid(fs_pid, &fs_clock) != 0)
            die("no CPU clock for the filesystem process (--fs-pid)%s", "");
        cpu_before = fs_cpu_ns();
    }
    if (strcmp(workload, "seqread") == 0)
        seqread();
    else if (strcmp(workload, "randread") == 0)
        randread();
    else if (strcmp(workload, "latency") == 0)
        latency();
    else if (strcmp(workload, "stat") == 0)
        stat_files();
    else if (strcmp(workload, "readdir") == 0)
        readdir_many();
    else if (strcmp(workload, "openclose") == 0)
        openclose();
    else
        die("unknown workload %s", workload);
    if (fs_pid > 0)
        printf(" fs_cpu_ns=%lld", fs_cpu_ns() - cpu_before);
    printf("\n");
    return 0;
}

/*
 * BenchFs in C on libfuse3's high-level API: the reference FuseGen's samples/BenchFs is compared with.
 * Same tree, content rule, attributes and options (docs/benchfs.md), and the same writable directory /w
 * (docs/benchfs-write.md); built by scripts/bench.sh with
 *   gcc -O2 -Wall benchfs.c $(pkg-config --cflags --libs fuse3) -o benchfs-c
 */
#define _GNU_SOURCE /* RENAME_NOREPLACE, RENAME_EXCHANGE */
#define FUSE_USE_VERSION 35
#include <fuse.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#define MANY_SIZE 4096
#define TIME 1700000000
#define MAX_READ (1 << 20)

static long long big_size;
static int files;
static unsigned char *pattern;
static char *names; /* files * 6 bytes: "fNNNNN" without terminators */
static uid_t owner; /* the process's ids, read once (as FuseGen's BenchFs and benchfs_ll.c do), not two syscalls per getattr */
static gid_t group;

/*
 * The writable directory /w: entries named one lower-case letter + 5 digits (value < files), each a slot of a
 * per-letter table allocated on first use. A file keeps its size and the checksum of what was written to it (the
 * wrapping sum of its little-endian 64-bit words), not the data. An open file's fh is its slot + 1.
 */
#define LETTERS 26
struct entry {
    uint32_t mode; /* 0: no entry */
    int64_t size;
    uint64_t sum;
    struct timespec atime, mtime;
};
static struct entry *letters[LETTERS];
static int subdirs; /* directories in /w, for its nlink */

/* The value of a name of one character + 5 digits below files, or -1. */
static int parse_number(const char *name)
{
    if (strlen(name) != 6)
        return -1;
    int value = 0;
    for (int i = 1; i < 6; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        value = value * 10 + (name[i] - '0');
    }
    return value < files ? value : -1;
}

static int parse_name(const char *name)
{
    return name[0] == 'f' ? parse_number(name) : -1;
}

static int file_attr(struct stat *st, long long size)
{
    st->st_mode = S_IFREG | 0444;
    st->st_nlink = 1;
    st->st_size = size;
    st->st_blocks = (size + 511) / 512;
    return 0;
}

static int dir_attr(struct stat *st, int links)
{
    st->st_mode = S_IFDIR | 0755;
    st->st_nlink = links;
    return 0;
}

/* The slot of /w/Xnnnnn (-1 for any other path); *table is the letter's table, allocated when create is set. */
static long parse_slot(const char *path)
{
    if (strncmp(path, "/w/", 3) != 0 || path[3] < 'a' || path[3] > 'z')
        return -1;
    int value = parse_number(path + 3);
    return value < 0 ? -1 : (long)(path[3] - 'a') * files + value;
}

static struct entry *slot_entry(long slot, int allocate)
{
    struct entry **table = &letters[slot / files];
    struct entry *entries = __atomic_load_n(table, __ATOMIC_ACQUIRE);
    if (!entries && allocate) {
        struct entry *fresh = calloc((size_t)files, sizeof(struct entry));
        if (!fresh)
            return NULL;
        if (__atomic_compare_exchange_n(table, &entries, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            entries = fresh;
        else
            free(fresh);
    }
    return entries ? &entries[slot % files] : NULL;
}

/* The existing entry of a /w path, or NULL. */
static struct entry *find_entry(const char *path)
{
    long slot = parse_slot(path);
    if (slot < 0)
        return NULL;
    struct entry *e = slot_entry(slot, 0);
    return e && __atomic_load_n(&e->mode, __ATOMIC_ACQUIRE) != 0 ? e : NULL;
}

#include "word_sum.h"

/*
 * /sum/Xnnnnn reads as the checksum of /w/Xnnnnn in 16 hex digits and a newline: how the driver checks what reached
 * the filesystem. (An xattr would cost a GETXATTR of security.capability before every WRITE: the kernel asks
 * whenever the filesystem implements getxattr.)
 */
#define SUM_TEXT 17

static struct entry *find_sum(const char *path)
{
    if (strncmp(path, "/sum/", 5) != 0)
        return NULL;
    char written[10] = "/w/";
    if (strlen(path + 5) != 6)
        return NULL;
    memcpy(written + 3, path + 5, 7);
    struct entry *e = find_entry(written);
    return e && S_ISREG(e->mode) ? e : NULL;
}

static int entry_attr(struct stat *st, const struct entry *e)
{
    st->st_mode = e->mode;
    st->st_nlink = S_ISDIR(e->mode) ? 2 : 1;
    st->st_size = S_ISDIR(e->mode) ? 0 : e->size;
    st->st_blocks = (st->st_size + 511) / 512;
    st->st_atim = e->atime;
    st->st_mtim = e->mtime;
    return 0;
}

static int bench_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
    (void)fi;
    memset(st, 0, sizeof(*st));
    st->st_uid = owner;
    st->st_gid = group;
    st->st_blksize = 4096;
    st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = TIME;
    if (strncmp(path, "/w/", 3) == 0) {
        struct entry *e = find_entry(path);
        return e ? entry_attr(st, e) : -ENOENT;
    }
    if (strcmp(path, "/w") == 0)
        return dir_attr(st, 2 + __atomic_load_n(&subdirs, __ATOMIC_RELAXED));
    if (strncmp(path, "/sum/", 5) == 0)
        return find_sum(path) ? file_attr(st, SUM_TEXT) : -ENOENT;
    if (strcmp(path, "/sum") == 0)
        return dir_attr(st, 2);
    if (strncmp(path, "/many/", 6) == 0 && path[6] != '\0')
        return parse_name(path + 6) >= 0 ? file_attr(st, MANY_SIZE) : -ENOENT;
    if (strcmp(path, "/big") == 0)
        return file_attr(st, big_size);
    if (strcmp(path, "/hello") == 0)
        return file_attr(st, 13);
    if (strcmp(path, "/") == 0)
        return dir_attr(st, 5);
    if (strcmp(path, "/many") == 0)
        return dir_attr(st, 2);
    return -ENOENT;
}

static int bench_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t offset,
                         struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
    (void)offset;
    (void)fi;
    (void)flags;
    struct stat file = { .st_mode = S_IFREG };
    struct stat dir = { .st_mode = S_IFDIR };
    if (strcmp(path, "/") == 0) {
        filler(buf, ".", &dir, 0, 0);
        filler(buf, "..", &dir, 0, 0);
        filler(buf, "big", &file, 0, 0);
        filler(buf, "hello", &file, 0, 0);
        filler(buf, "many", &dir, 0, 0);
        filler(buf, "sum", &dir, 0, 0);
        filler(buf, "w", &dir, 0, 0);
        return 0;
    }
    if (strcmp(path, "/sum") == 0) {
        filler(buf, ".", &dir, 0, 0);
        filler(buf, "..", &dir, 0, 0);
        return 0;
    }
    if (strcmp(path, "/w") == 0) {
        filler(buf, ".", &dir, 0, 0);
        filler(buf, "..", &dir, 0, 0);
        char name[7];
        name[6] = '\0';
        for (int letter = 0; letter < LETTERS; letter++) {
            struct entry *entries = __atomic_load_n(&letters[letter], __ATOMIC_ACQUIRE);
            if (!entries)
                continue;
            for (int i = 0; i < files; i++) {
                uint32_t mode = __atomic_load_n(&entries[i].mode, __ATOMIC_ACQUIRE);
                if (mode == 0)
                    continue;
                memcpy(name, names + i * 6, 6);
                name[0] = (char)('a' + letter);
                filler(buf, name, S_ISDIR(mode) ? &dir : &file, 0, 0);
            }
        }
        return 0;
    }
    if (strcmp(path, "/many") != 0)
        return -ENOENT;
    filler(buf, ".", &dir, 0, 0);
    filler(buf, "..", &dir, 0, 0);
    char name[7];
    name[6] = '\0';
    for (int i = 0; i < files; i++) {
        memcpy(name, names + i * 6, 6);
        filler(buf, name, &file, 0, 0);
    }
    return 0;
}

static int bench_open(const char *path, struct fuse_file_info *fi)
{
    if (strncmp(path, "/w/", 3) == 0) {
        struct entry *e = find_entry(path);
        if (!e)
            return -ENOENT;
        if (S_ISDIR(e->mode))
            return -EISDIR;
        fi->fh = (uint64_t)parse_slot(path) + 1;
        return 0;
    }
    struct stat st;
    int found = bench_getattr(path, &st, NULL);
    if (found != 0)
        return found;
    if (S_ISDIR(st.st_mode))
        return -EISDIR;
    return (fi->flags & O_ACCMODE) == O_RDONLY ? 0 : -EROFS;
}

static int read_pattern(char *buf, size_t size, off_t offset, long long file_size)
{
    if (offset >= file_size)
        return 0;
    long long count = (long long)size;
    if (count > file_size - offset)
        count = file_size - offset;
    if (count > MAX_READ)
        count = MAX_READ;
    memcpy(buf, pattern + offset % 251, count);
    return (int)count;
}

static int bench_read(const char *path, char *buf, size_t size, off_t offset, struct fuse_file_info *fi)
{
    (void)fi;
    if (strcmp(path, "/big") == 0)
        return read_pattern(buf, size, offset, big_size);
    if (strcmp(path, "/hello") == 0) {
        static const char hello[] = "Hello World!\n";
        if (offset >= 13)
            return 0;
        size_t count = (size_t)(13 - offset) < size ? (size_t)(13 - offset) : size;
        memcpy(buf, hello + offset, count);
        return (int)count;
    }
    if (strncmp(path, "/many/", 6) == 0 && parse_name(path + 6) >= 0)
        return read_pattern(buf, size, offset, MANY_SIZE);
    struct entry *e = find_sum(path);
    if (e) {
        char text[SUM_TEXT + 1];
        snprintf(text, sizeof text, "%016llx\n", (unsigned long long)__atomic_load_n(&e->sum, __ATOMIC_RELAXED));
        if (offset >= SUM_TEXT)
            return 0;
        size_t count = (size_t)(SUM_TEXT - offset) < size ? (size_t)(SUM_TEXT - offset) : size;
        memcpy(buf, text + offset, count);
        return (int)count;
    }
    return strncmp(path, "/w/", 3) == 0 ? -EIO : -ENOENT; /* written data is not kept */
}

/* Creates the entry of a /w path in its free slot: EEXIST when taken, EINVAL for names /w cannot hold. */
static int add_entry(const char *path, mode_t mode, long *slot)
{
    *slot = parse_slot(path);
    if (*slot < 0)
        return strncmp(path, "/w/", 3) == 0 ? -EINVAL : -EROFS;
    struct entry *e = slot_entry(*slot, 1);
    if (!e)
        return -ENOMEM;
    if (e->mode != 0)
        return -EEXIST;
    e->size = 0;
    e->sum = 0;
    e->atime = e->mtime = (struct timespec){ TIME, 0 };
    __atomic_store_n(&e->mode, mode, __ATOMIC_RELEASE);
    return 0;
}

static int bench_create(const char *path, mode_t mode, struct fuse_file_info *fi)
{
    long slot;
    int error = add_entry(path, S_IFREG | (mode & 07777), &slot);
    if (error == 0)
        fi->fh = (uint64_t)slot + 1;
    return error;
}

static int bench_write(const char *path, const char *buf, size_t size, off_t offset, struct fuse_file_info *fi)
{
    (void)path;
    if (fi->fh == 0)
        return -EBADF;
    struct entry *e = slot_entry((long)fi->fh - 1, 0);
    if (!e)
        return -EBADF;
    __atomic_fetch_add(&e->sum, word_sum(buf, size), __ATOMIC_RELAXED);
    int64_t end = offset + (int64_t)size;
    int64_t current = __atomic_load_n(&e->size, __ATOMIC_RELAXED);
    while (current < end && !__atomic_compare_exchange_n(&e->size, &current, end, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
    return (int)size;
}

static int bench_truncate(const char *path, off_t length, struct fuse_file_info *fi)
{
    (void)fi;
    struct entry *e = find_entry(path);
    if (!e)
        return strncmp(path, "/w/", 3) == 0 ? -ENOENT : -EROFS;
    if (S_ISDIR(e->mode))
        return -EISDIR;
    __atomic_store_n(&e->size, (int64_t)length, __ATOMIC_RELAXED);
    if (length == 0)
        __atomic_store_n(&e->sum, 0, __ATOMIC_RELAXED);
    return 0;
}

static int bench_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
    (void)path;
    (void)datasync;
    (void)fi;
    return 0; /* nothing is kept that could be lost */
}

static int bench_mkdir(const char *path, mode_t mode)
{
    long slot;
    int error = add_entry(path, S_IFDIR | (mode & 07777), &slot);
    if (error == 0)
        __atomic_fetch_add(&subdirs, 1, __ATOMIC_RELAXED);
    return error;
}

static int bench_unlink(const char *path)
{
    struct entry *e = find_entry(path);
    if (!e)
        return strncmp(path, "/w/", 3) == 0 ? -ENOENT : -EROFS;
    if (S_ISDIR(e->mode))
        return -EISDIR;
    __atomic_store_n(&e->mode, 0, __ATOMIC_RELEASE);
    return 0;
}

static int bench_rmdir(const char *path)
{
    struct entry *e = find_entry(path);
    if (!e)
        return strncmp(path, "/w/", 3) == 0 ? -ENOENT : -EROFS;
    if (!S_ISDIR(e->mode))
        return -ENOTDIR;
    __atomic_store_n(&e->mode, 0, __ATOMIC_RELEASE);
    __atomic_fetch_sub(&subdirs, 1, __ATOMIC_RELAXED);
    return 0;
}

static int bench_rename(const char *from, const char *to, unsigned int flags)
{
    struct entry *source = find_entry(from);
    long target_slot = parse_slot(to);
    if (!source || target_slot < 0)
        return strncmp(from, "/w/", 3) != 0 || strncmp(to, "/w/", 3) != 0 ? -EXDEV : !source ? -ENOENT : -EINVAL;
    if (flags & RENAME_EXCHANGE)
        return -EINVAL;
    struct entry *target = slot_entry(target_slot, 1);
    if (!target)
        return -ENOMEM;
    if (target == source)
        return 0;
    if (target->mode != 0) {
        if (flags & RENAME_NOREPLACE)
            return -EEXIST;
        if (S_ISDIR(target->mode) != S_ISDIR(source->mode))
            return S_ISDIR(target->mode) ? -EISDIR : -ENOTDIR;
        if (S_ISDIR(target->mode))
            __atomic_fetch_sub(&subdirs, 1, __ATOMIC_RELAXED); /* directories in /w are always empty */
    }
    target->size = source->size;
    target->sum = source->sum;
    target->atime = source->atime;
    target->mtime = source->mtime;
    __atomic_store_n(&target->mode, source->mode, __ATOMIC_RELEASE);
    __atomic_store_n(&source->mode, 0, __ATOMIC_RELEASE);
    return 0;
}

static int bench_chmod(const char *path, mode_t mode, struct fuse_file_info *fi)
{
    (void)fi;
    struct entry *e = find_entry(path);
    if (!e)
        return strncmp(path, "/w/", 3) == 0 ? -ENOENT : -EROFS;
    __atomic_store_n(&e->mode, (e->mode & S_IFMT) | (mode & 07777), __ATOMIC_RELEASE);
    return 0;
}

static void set_time(struct timespec *field, const struct timespec *value)
{
    if (value->tv_nsec == UTIME_OMIT)
        return;
    if (value->tv_nsec == UTIME_NOW)
        clock_gettime(CLOCK_REALTIME, field);
    else
        *field = *value;
}

static int bench_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi)
{
    (void)fi;
    struct entry *e = find_entry(path);
    if (!e)
        return strncmp(path, "/w/", 3) == 0 ? -ENOENT : -EROFS;
    set_time(&e->atime, &tv[0]);
    set_time(&e->mtime, &tv[1]);
    return 0;
}

static void *bench_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
    (void)cfg;
    conn->want &= ~(FUSE_CAP_READDIRPLUS | FUSE_CAP_READDIRPLUS_AUTO);
    return NULL;
}

static const struct fuse_operations operations = {
    .getattr = bench_getattr,
    .readdir = bench_readdir,
    .open = bench_open,
    .read = bench_read,
    .init = bench_init,
    .create = bench_create,
    .write = bench_write,
    .truncate = bench_truncate,
    .fsync = bench_fsync,
    .mkdir = bench_mkdir,
    .unlink = bench_unlink,
    .rmdir = bench_rmdir,
    .rename = bench_rename,
    .chmod = bench_chmod,
    .utimens = bench_utimens,
};

int main(int argc, char *argv[])
{
    const char *mb = getenv("BENCH_BIG_MB");
    const char *count = getenv("BENCH_FILES");
    big_size = (mb && atoll(mb) > 0 ? atoll(mb) : 1024) * 1024LL * 1024LL;
    files = count && atoi(count) >= 0 ? atoi(count) : 10000;
    if (files > 100000)
        files = 100000;
    pattern = malloc(251 + MAX_READ);
    for (int i = 0; i < 251 + MAX_READ; i++)
        pattern[i] = (unsigned char)((i * 7 + 13) % 251);
    names = malloc((size_t)files * 6 + 1);
    for (int i = 0; i < files; i++) {
        char text[16];
        snprintf(text, sizeof text, "f%05d", i);
        memcpy(names + i * 6, text, 6);
    }
    owner = geteuid();
    group = getegid();
    return fuse_main(argc, argv, &operations, NULL);
}

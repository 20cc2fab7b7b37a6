/*
 * BenchFs in C on libfuse3's low-level (inode) API: the reference FuseGen's inode-API BenchFs is compared with,
 * as benchfs.c is for the path API. Same tree, content rule, attributes and options (docs/benchfs.md), and the same
 * writable directory /w with its checksums in /sum (docs/benchfs-write.md). Inodes are fixed numbers (1 /, 2 /big,
 * 3 /hello, 4 /many, 5 + N /many/fNNNNN, then /sum, /w, one per slot of /w and one per /sum file), so lookups need
 * no table and forget nothing. Entry and attribute timeouts are the high-level defaults (1 s); readdirplus is off,
 * as in benchfs.c. Built by scripts/bench.sh with
 *   gcc -O2 -Wall benchfs_ll.c $(pkg-config --cflags --libs fuse3) -o benchfs-c-ll
 */
#define _GNU_SOURCE /* RENAME_NOREPLACE, RENAME_EXCHANGE */
#define FUSE_USE_VERSION 312
#include <fuse_lowlevel.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MANY_SIZE 4096
#define TIME 1700000000
#define MAX_READ (1 << 20)
#define TIMEOUT 1.0

enum { ROOT = 1, BIG = 2, HELLO = 3, MANY = 4, FIRST_FILE = 5 };

static long long big_size;
static int files;
static unsigned char *pattern;
static char *file_names; /* files * 6 bytes: "fNNNNN" without terminators, as in benchfs.c */
static uid_t owner; /* the process's ids, read once (as FuseGen's BenchFs does), not a syscall per request */
static gid_t group;
static const char hello[] = "Hello World!\n";

/*
 * The writable directory /w, as in benchfs.c: entries named one lower-case letter + 5 digits (value < files), each
 * a slot of a per-letter table allocated on first use, keeping size and checksum, not data; an open file's fh is its
 * slot + 1. The inode of /w/X is FIRST_W + its slot, of /sum/X FIRST_SUM + the slot. Since the inode is the slot, a
 * rename moves the record to the new name's slot and inode; the old inode then holds nothing and answers ESTALE, on
 * which the kernel walks the path again (and finds the new inode). Each entry made in a slot gets the slot's next
 * generation, so that the kernel never takes it for an earlier one.
 */
#define LETTERS 26
#define SUM_TEXT 17
struct entry {
    uint32_t mode; /* 0: no entry */
    uint32_t generation;
    int64_t size;
    uint64_t sum;
    struct timespec atime, mtime;
};
static struct entry *letters[LETTERS];
static int subdirs; /* directories in /w, for its nlink */
static fuse_ino_t SUM_DIR, W_DIR, FIRST_W, FIRST_SUM, END_SUM;

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

/* The slot of the name Xnnnnn in /w (or /sum), or -1. */
static long parse_slot(const char *name)
{
    if (name[0] < 'a' || name[0] > 'z')
        return -1;
    int value = parse_number(name);
    return value < 0 ? -1 : (long)(name[0] - 'a') * files + value;
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

/* The existing entry of a slot, or NULL. */
static struct entry *live_entry(long slot)
{
    if (slot < 0)
        return NULL;
    struct entry *e = slot_entry(slot, 0);
    return e && __atomic_load_n(&e->mode, __ATOMIC_ACQUIRE) != 0 ? e : NULL;
}

#include "word_sum.h"

static int is_w_entry(fuse_ino_t ino)
{
    return ino >= FIRST_W && ino < FIRST_SUM;
}

static int is_sum_file(fuse_ino_t ino)
{
    return ino >= FIRST_SUM && ino < END_SUM;
}

/* The /w file whose checksum /sum inode ino shows, or NULL. */
static struct entry *sum_entry(fuse_ino_t ino)
{
    struct entry *e = live_entry((long)(ino - FIRST_SUM));
    return e && S_ISREG(e->mode) ? e : NULL;
}

/* Fills *st for inode ino; 0, ENOENT, or ESTALE for a /w or /sum inode whose entry is gone. */
static int attributes(fuse_ino_t ino, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_ino = ino;
    st->st_uid = owner;
    st->st_gid = group;
    st->st_blksize = 4096;
    st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = TIME;
    long long size;
    if (is_w_entry(ino)) {
        struct entry *e = live_entry((long)(ino - FIRST_W));
        if (!e)
            return ESTALE;
        uint32_t mode = __atomic_load_n(&e->mode, __ATOMIC_ACQUIRE);
        st->st_mode = mode;
        st->st_nlink = S_ISDIR(mode) ? 2 : 1;
        st->st_size = S_ISDIR(mode) ? 0 : __atomic_load_n(&e->size, __ATOMIC_RELAXED);
        st->st_blocks = (st->st_size + 511) / 512;
        st->st_atim = e->atime;
        st->st_mtim = e->mtime;
        return 0;
    }
    if (is_sum_file(ino)) {
        if (!sum_entry(ino))
            return ESTALE;
        size = SUM_TEXT;
        goto file;
    }
    if (ino == W_DIR || ino == SUM_DIR) {
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = ino == W_DIR ? 2 + __atomic_load_n(&subdirs, __ATOMIC_RELAXED) : 2;
        return 0;
    }
    switch (ino) {
    case ROOT:
    case MANY:
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = ino == ROOT ? 5 : 2;
        return 0;
    case BIG:
        size = big_size;
        break;
    case HELLO:
        size = 13;
        break;
    default:
        if (ino < FIRST_FILE || ino >= (fuse_ino_t)FIRST_FILE + (fuse_ino_t)files)
            return ENOENT;
        size = MANY_SIZE;
    }
file:
    st->st_mode = S_IFREG | 0444;
    st->st_nlink = 1;
    st->st_size = size;
    st->st_blocks = (size + 511) / 512;
    return 0;
}

static void bench_init(void *userdata, struct fuse_conn_info *conn)
{
    (void)userdata;
    conn->want &= ~(FUSE_CAP_READDIRPLUS | FUSE_CAP_READDIRPLUS_AUTO);
}

/* Answers the entry of inode ino (of the given generation), or the error its attributes give. */
static void reply_entry(fuse_req_t req, fuse_ino_t ino, uint32_t generation)
{
    struct fuse_entry_param e;
    memset(&e, 0, sizeof e);
    e.ino = ino;
    e.generation = generation;
    e.attr_timeout = TIMEOUT;
    e.entry_timeout = TIMEOUT;
    int error = attributes(ino, &e.attr);
    if (error)
        fuse_reply_err(req, error);
    else
        fuse_reply_entry(req, &e);
}

static void bench_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    fuse_ino_t ino = 0;
    uint32_t generation = 0;
    if (parent == ROOT) {
        if (strcmp(name, "big") == 0)
            ino = BIG;
        else if (strcmp(name, "hello") == 0)
            ino = HELLO;
        else if (strcmp(name, "many") == 0)
            ino = MANY;
        else if (strcmp(name, "sum") == 0)
            ino = SUM_DIR;
        else if (strcmp(name, "w") == 0)
            ino = W_DIR;
    } else if (parent == MANY) {
        int index = parse_name(name);
        if (index >= 0)
            ino = FIRST_FILE + (fuse_ino_t)index;
    } else if (parent == W_DIR || parent == SUM_DIR) {
        long slot = parse_slot(name);
        struct entry *e = live_entry(slot);
        if (e && (parent == W_DIR || S_ISREG(e->mode))) {
            ino = (parent == W_DIR ? FIRST_W : FIRST_SUM) + (fuse_ino_t)slot;
            generation = parent == W_DIR ? e->generation : 0;
        }
    }
    if (ino == 0) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    reply_entry(req, ino, generation);
}

static void bench_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    (void)fi;
    struct stat st;
    int error = attributes(ino, &st);
    if (error)
        fuse_reply_err(req, error);
    else
        fuse_reply_attr(req, &st, TIMEOUT);
}

/* Adds the entry at index (0 ".", 1 "..", then the children) if it fits; its offset is index + 1. */
static size_t add_entry(fuse_req_t req, char *buf, size_t rem, fuse_ino_t dir, long index)
{
    static const char *const names[] = { "big", "hello", "many", "sum", "w" };
    struct stat st = { 0 };
    char name[7];
    const char *text;
    if (index == 0) {
        text = ".";
        st.st_ino = dir;
        st.st_mode = S_IFDIR;
    } else if (index == 1) {
        text = "..";
        st.st_ino = ROOT;
        st.st_mode = S_IFDIR;
    } else if (dir == ROOT) {
        const fuse_ino_t inos[] = { BIG, HELLO, MANY, SUM_DIR, W_DIR };
        text = names[index - 2];
        st.st_ino = inos[index - 2];
        st.st_mode = index >= 4 ? S_IFDIR : S_IFREG;
    } else if (dir == W_DIR) {
        /* index 2 + slot: the caller skips free slots */
        long slot = index - 2;
        memcpy(name, file_names + slot % files * 6, 6);
        name[0] = (char)('a' + slot / files);
        name[6] = '\0';
        text = name;
        st.st_ino = FIRST_W + (fuse_ino_t)slot;
        st.st_mode = S_ISDIR(slot_entry(slot, 0)->mode) ? S_IFDIR : S_IFREG;
    } else {
        memcpy(name, file_names + (index - 2) * 6, 6);
        name[6] = '\0';
        text = name;
        st.st_ino = FIRST_FILE + (fuse_ino_t)(index - 2);
        st.st_mode = S_IFREG;
    }
    return fuse_add_direntry(req, buf, rem, text, &st, index + 1);
}

static void bench_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
    (void)fi;
    long count;
    if (ino == ROOT)
        count = 7;
    else if (ino == MANY)
        count = 2 + files;
    else if (ino == SUM_DIR)
        count = 2;
    else if (ino == W_DIR)
        count = 2 + (long)LETTERS * files;
    else {
        fuse_reply_err(req, ENOTDIR);
        return;
    }
    char *buf = malloc(size);
    if (buf == NULL) {
        fuse_reply_err(req, ENOMEM);
        return;
    }
    size_t used = 0;
    for (long index = off; index < count; index++) {
        if (ino == W_DIR && index >= 2) {
            long slot = index - 2;
            struct entry *entries = __atomic_load_n(&letters[slot / files], __ATOMIC_ACQUIRE);
            if (!entries) {
                index += files - 1 - slot % files; /* the whole letter is unused */
                continue;
            }
            if (__atomic_load_n(&entries[slot % files].mode, __ATOMIC_ACQUIRE) == 0)
                continue;
        }
        size_t entry = add_entry(req, buf + used, size - used, ino, index);
        if (entry > size - used)
            break;
        used += entry;
    }
    fuse_reply_buf(req, buf, used);
    free(buf);
}

static void bench_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    if (is_w_entry(ino)) {
        struct entry *e = live_entry((long)(ino - FIRST_W));
        if (!e)
            fuse_reply_err(req, ESTALE);
        else if (S_ISDIR(e->mode))
            fuse_reply_err(req, EISDIR);
        else {
            fi->fh = ino - FIRST_W + 1;
            fuse_reply_open(req, fi);
        }
        return;
    }
    struct stat st;
    int error = attributes(ino, &st);
    if (error)
        fuse_reply_err(req, error);
    else if (S_ISDIR(st.st_mode))
        fuse_reply_err(req, EISDIR);
    else if ((fi->flags & O_ACCMODE) != O_RDONLY)
        fuse_reply_err(req, EROFS);
    else
        fuse_reply_open(req, fi);
}

static void bench_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
    (void)fi;
    if (is_sum_file(ino)) {
        struct entry *e = sum_entry(ino);
        if (!e) {
            fuse_reply_err(req, ESTALE);
            return;
        }
        char text[SUM_TEXT + 1];
        snprintf(text, sizeof text, "%016llx\n", (unsigned long long)__atomic_load_n(&e->sum, __ATOMIC_RELAXED));
        size_t count = off >= SUM_TEXT ? 0 : ((size_t)(SUM_TEXT - off) < size ? (size_t)(SUM_TEXT - off) : size);
        fuse_reply_buf(req, count ? text + off : NULL, count);
        return;
    }
    if (is_w_entry(ino)) {
        fuse_reply_err(req, EIO); /* written data is not kept */
        return;
    }
    if (ino == HELLO) {
        size_t count = off >= 13 ? 0 : ((size_t)(13 - off) < size ? (size_t)(13 - off) : size);
        fuse_reply_buf(req, count ? hello + off : NULL, count);
        return;
    }
    long long file_size = ino == BIG ? big_size : MANY_SIZE;
    if (ino != BIG && (ino < FIRST_FILE || ino >= (fuse_ino_t)FIRST_FILE + (fuse_ino_t)files)) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    if (off >= file_size) {
        fuse_reply_buf(req, NULL, 0);
        return;
    }
    long long count = (long long)size;
    if (count > file_size - off)
        count = file_size - off;
    if (count > MAX_READ)
        count = MAX_READ;
    /* The same single copy as the high-level twin's memcpy: libfuse copies the reply out of the pattern. */
    fuse_reply_buf(req, (const char *)pattern + off % 251, (size_t)count);
}

/* Makes an entry in the free slot of name in /w: EEXIST when taken, EINVAL for names /w cannot hold, EROFS elsewhere. */
static int add_entry_w(fuse_ino_t parent, const char *name, mode_t mode, long *slot)
{
    if (parent != W_DIR)
        return EROFS;
    *slot = parse_slot(name);
    if (*slot < 0)
        return EINVAL;
    struct entry *e = slot_entry(*slot, 1);
    if (!e)
        return ENOMEM;
    if (e->mode != 0)
        return EEXIST;
    e->size = 0;
    e->sum = 0;
    e->atime = e->mtime = (struct timespec){ TIME, 0 };
    e->generation++;
    __atomic_store_n(&e->mode, mode, __ATOMIC_RELEASE);
    return 0;
}

static void bench_create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, struct fuse_file_info *fi)
{
    long slot;
    int error = add_entry_w(parent, name, S_IFREG | (mode & 07777), &slot);
    if (error) {
        fuse_reply_err(req, error);
        return;
    }
    struct fuse_entry_param e;
    memset(&e, 0, sizeof e);
    e.ino = FIRST_W + (fuse_ino_t)slot;
    e.generation = slot_entry(slot, 0)->generation;
    e.attr_timeout = TIMEOUT;
    e.entry_timeout = TIMEOUT;
    attributes(e.ino, &e.attr);
    fi->fh = (uint64_t)slot + 1;
    fuse_reply_create(req, &e, fi);
}

static void bench_write(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
    (void)ino;
    struct entry *e = fi->fh == 0 ? NULL : slot_entry((long)fi->fh - 1, 0);
    if (!e) {
        fuse_reply_err(req, EBADF);
        return;
    }
    __atomic_fetch_add(&e->sum, word_sum(buf, size), __ATOMIC_RELAXED);
    int64_t end = off + (int64_t)size;
    int64_t current = __atomic_load_n(&e->size, __ATOMIC_RELAXED);
    while (current < end && !__atomic_compare_exchange_n(&e->size, &current, end, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
    fuse_reply_write(req, size);
}

static void bench_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
    (void)ino;
    (void)datasync;
    (void)fi;
    fuse_reply_err(req, 0); /* nothing is kept that could be lost */
}

static void set_time(struct timespec *field, int now, const struct timespec *value)
{
    if (now)
        clock_gettime(CLOCK_REALTIME, field);
    else
        *field = *value;
}

/* chmod, truncate and utimens of /w entries; EROFS elsewhere; chown is not implemented (ENOSYS, as in benchfs.c). */
static void bench_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set, struct fuse_file_info *fi)
{
    (void)fi;
    struct stat st;
    int error = attributes(ino, &st);
    struct entry *e = error || !is_w_entry(ino) ? NULL : live_entry((long)(ino - FIRST_W));
    if (!error && !e)
        error = EROFS;
    else if (!error && (to_set & (FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID)))
        error = ENOSYS;
    else if (!error && (to_set & FUSE_SET_ATTR_SIZE) && S_ISDIR(e->mode))
        error = EISDIR;
    if (error) {
        fuse_reply_err(req, error);
        return;
    }
    if (to_set & FUSE_SET_ATTR_MODE)
        __atomic_store_n(&e->mode, (e->mode & S_IFMT) | (attr->st_mode & 07777), __ATOMIC_RELEASE);
    if (to_set & FUSE_SET_ATTR_SIZE) {
        __atomic_store_n(&e->size, (int64_t)attr->st_size, __ATOMIC_RELAXED);
        if (attr->st_size == 0)
            __atomic_store_n(&e->sum, 0, __ATOMIC_RELAXED);
    }
    if (to_set & (FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_ATIME_NOW))
        set_time(&e->atime, to_set & FUSE_SET_ATTR_ATIME_NOW, &attr->st_atim);
    if (to_set & (FUSE_SET_ATTR_MTIME | FUSE_SET_ATTR_MTIME_NOW))
        set_time(&e->mtime, to_set & FUSE_SET_ATTR_MTIME_NOW, &attr->st_mtim);
    attributes(ino, &st);
    fuse_reply_attr(req, &st, TIMEOUT);
}

static void bench_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
    long slot;
    int error = add_entry_w(parent, name, S_IFDIR | (mode & 07777), &slot);
    if (error) {
        fuse_reply_err(req, error);
        return;
    }
    __atomic_fetch_add(&subdirs, 1, __ATOMIC_RELAXED);
    reply_entry(req, FIRST_W + (fuse_ino_t)slot, slot_entry(slot, 0)->generation);
}

/* The existing entry of name in /w; *error ENOENT when there is none, EROFS outside /w. */
static struct entry *find_w(fuse_ino_t parent, const char *name, int *error)
{
    struct entry *e = parent == W_DIR ? live_entry(parse_slot(name)) : NULL;
    *error = e ? 0 : parent == W_DIR ? ENOENT : EROFS;
    return e;
}

static void bench_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    int error;
    struct entry *e = find_w(parent, name, &error);
    if (e && S_ISDIR(e->mode))
        error = EISDIR;
    if (!error)
        __atomic_store_n(&e->mode, 0, __ATOMIC_RELEASE);
    fuse_reply_err(req, error);
}

static void bench_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    int error;
    struct entry *e = find_w(parent, name, &error);
    if (e && !S_ISDIR(e->mode))
        error = ENOTDIR;
    if (!error) {
        __atomic_store_n(&e->mode, 0, __ATOMIC_RELEASE);
        __atomic_fetch_sub(&subdirs, 1, __ATOMIC_RELAXED);
    }
    fuse_reply_err(req, error);
}

static int rename_w(fuse_ino_t parent, const char *name, fuse_ino_t newparent, const char *newname, unsigned int flags)
{
    if (parent != W_DIR || newparent != W_DIR)
        return EXDEV;
    struct entry *source = live_entry(parse_slot(name));
    long target_slot = parse_slot(newname);
    if (!source || target_slot < 0)
        return !source ? ENOENT : EINVAL;
    if (flags & RENAME_EXCHANGE)
        return EINVAL;
    struct entry *target = slot_entry(target_slot, 1);
    if (!target)
        return ENOMEM;
    if (target == source)
        return 0;
    if (target->mode != 0) {
        if (flags & RENAME_NOREPLACE)
            return EEXIST;
        if (S_ISDIR(target->mode) != S_ISDIR(source->mode))
            return S_ISDIR(target->mode) ? EISDIR : ENOTDIR;
        if (S_ISDIR(target->mode))
            __atomic_fetch_sub(&subdirs, 1, __ATOMIC_RELAXED); /* directories in /w are always empty */
    }
    target->size = source->size;
    target->sum = source->sum;
    target->atime = source->atime;
    target->mtime = source->mtime;
    target->generation++;
    __atomic_store_n(&target->mode, source->mode, __ATOMIC_RELEASE);
    __atomic_store_n(&source->mode, 0, __ATOMIC_RELEASE);
    return 0;
}

static void bench_rename(fuse_req_t req, fuse_ino_t parent, const char *name, fuse_ino_t newparent, const char *newname,
                         unsigned int flags)
{
    fuse_reply_err(req, rename_w(parent, name, newparent, newname, flags));
}

static const struct fuse_lowlevel_ops operations = {
    .init = bench_init,
    .lookup = bench_lookup,
    .getattr = bench_getattr,
    .readdir = bench_readdir,
    .open = bench_open,
    .read = bench_read,
    .create = bench_create,
    .write = bench_write,
    .fsync = bench_fsync,
    .setattr = bench_setattr,
    .mkdir = bench_mkdir,
    .unlink = bench_unlink,
    .rmdir = bench_rmdir,
    .rename = bench_rename,
};

int main(int argc, char *argv[])
{
    const char *mb = getenv("BENCH_BIG_MB");
    const char *count = getenv("BENCH_FILES");
    big_size = (mb && atoll(mb) > 0 ? atoll(mb) : 1024) * 1024LL * 1024LL;
    files = count && atoi(count) >= 0 ? atoi(count) : 10000;
    if (files > 100000)
        files = 100000;
    SUM_DIR = FIRST_FILE + (fuse_ino_t)files;
    W_DIR = SUM_DIR + 1;
    FIRST_W = W_DIR + 1;
    FIRST_SUM = FIRST_W + (fuse_ino_t)LETTERS * (fuse_ino_t)files;
    END_SUM = FIRST_SUM + (fuse_ino_t)LETTERS * (fuse_ino_t)files;
    pattern = malloc(251 + MAX_READ);
    for (int i = 0; i < 251 + MAX_READ; i++)
        pattern[i] = (unsigned char)((i * 7 + 13) % 251);
    file_names = malloc((size_t)files * 6 + 1);
    for (int i = 0; i < files; i++) {
        char text[16];
        snprintf(text, sizeof text, "f%05d", i);
        memcpy(file_names + i * 6, text, 6);
    }
    owner = geteuid();
    group = getegid();

    struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
    struct fuse_cmdline_opts opts;
    if (fuse_parse_cmdline(&args, &opts) != 0)
        return 1;
    if (opts.show_help || opts.show_version || opts.mountpoint == NULL) {
        fprintf(stderr, "usage: %s MOUNTPOINT -f [-s] [-d] -o ro\n", argv[0]);
        return opts.show_help || opts.show_version ? 0 : 1;
    }
    int ret = 1;
    struct fuse_session *se = fuse_session_new(&args, &operations, sizeof operations, NULL);
    if (se == NULL)
        goto out_args;
    if (fuse_set_signal_handlers(se) != 0)
        goto out_session;
    if (fuse_session_mount(se, opts.mountpoint) != 0)
        goto out_signals;
    fuse_daemonize(opts.foreground);
    if (opts.singlethread) {
        ret = fuse_session_loop(se);
    } else {
        /* Exactly as libfuse 3.14's fuse_main configures the high-level twin's loop. */
        struct fuse_loop_config *config = fuse_loop_cfg_create();
        fuse_loop_cfg_set_clone_fd(config, opts.clone_fd);
        fuse_loop_cfg_set_idle_threads(config, opts.max_idle_threads);
        ret = fuse_session_loop_mt(se, config);
        fuse_loop_cfg_destroy(config);
    }
    fuse_session_unmount(se);
out_signals:
    fuse_remove_signal_handlers(se);
out_session:
    fuse_session_destroy(se);
out_args:
    free(opts.mountpoint);
    fuse_opt_free_args(&args);
    return ret ? 1 : 0;
}

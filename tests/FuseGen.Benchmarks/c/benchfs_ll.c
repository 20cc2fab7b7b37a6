/*
 * BenchFs in C on libfuse3's low-level (inode) API: the reference FuseGen's inode-API BenchFs is compared with,
 * as benchfs.c is for the path API. Same tree, content rule, attributes and options (docs/benchfs.md); inodes are fixed
 * numbers (1 /, 2 /big, 3 /hello, 4 /many, 5 + N /many/fNNNNN), so lookups need no table and forget nothing.
 * Entry and attribute timeouts are the high-level defaults (1 s); readdirplus is off, as in benchfs.c. Built by
 * scripts/bench.sh with
 *   gcc -O2 -Wall benchfs_ll.c $(pkg-config --cflags --libs fuse3) -o benchfs-c-ll
 */
#define FUSE_USE_VERSION 312
#include <fuse_lowlevel.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MANY_SIZE 4096
#define TIME 1700000000
#define MAX_READ (1 << 20)
#define TIMEOUT 1.0

enum { ROOT = 1, BIG = 2, HELLO = 3, MANY = 4, FIRST_FILE = 5 };

static long long big_size;
static int files;
static unsigned char *pattern;
static const char hello[] = "Hello World!\n";

static int parse_name(const char *name)
{
    if (strlen(name) != 6 || name[0] != 'f')
        return -1;
    int value = 0;
    for (int i = 1; i < 6; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        value = value * 10 + (name[i] - '0');
    }
    return value < files ? value : -1;
}

/* Fills *st for inode ino; 0, or ENOENT. */
static int attributes(fuse_ino_t ino, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_ino = ino;
    st->st_uid = geteuid();
    st->st_gid = getegid();
    st->st_blksize = 4096;
    st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = TIME;
    long long size;
    switch (ino) {
    case ROOT:
    case MANY:
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = ino == ROOT ? 3 : 2;
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

static void bench_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    fuse_ino_t ino = 0;
    if (parent == ROOT) {
        if (strcmp(name, "big") == 0)
            ino = BIG;
        else if (strcmp(name, "hello") == 0)
            ino = HELLO;
        else if (strcmp(name, "many") == 0)
            ino = MANY;
    } else if (parent == MANY) {
        int index = parse_name(name);
        if (index >= 0)
            ino = FIRST_FILE + (fuse_ino_t)index;
    }
    if (ino == 0) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    struct fuse_entry_param e;
    memset(&e, 0, sizeof e);
    e.ino = ino;
    e.attr_timeout = TIMEOUT;
    e.entry_timeout = TIMEOUT;
    attributes(ino, &e.attr);
    fuse_reply_entry(req, &e);
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
    struct stat st = { 0 };
    char name[8];
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
        static const char *const names[] = { "big", "hello", "many" };
        static const fuse_ino_t inos[] = { BIG, HELLO, MANY };
        text = names[index - 2];
        st.st_ino = inos[index - 2];
        st.st_mode = index == 4 ? S_IFDIR : S_IFREG;
    } else {
        snprintf(name, sizeof name, "f%05ld", index - 2);
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
        count = 5;
    else if (ino == MANY)
        count = 2 + files;
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

static const struct fuse_lowlevel_ops operations = {
    .init = bench_init,
    .lookup = bench_lookup,
    .getattr = bench_getattr,
    .readdir = bench_readdir,
    .open = bench_open,
    .read = bench_read,
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

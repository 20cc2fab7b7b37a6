/*
 * BenchFs in C on libfuse3's high-level API: the reference FuseGen's samples/BenchFs is compared with.
 * Same tree, content rule, attributes and options (docs/benchfs.md); built by scripts/bench.sh with
 *   gcc -O2 -Wall benchfs.c $(pkg-config --cflags --libs fuse3) -o benchfs-c
 */
#define FUSE_USE_VERSION 35
#include <fuse.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MANY_SIZE 4096
#define TIME 1700000000
#define MAX_READ (1 << 20)

static long long big_size;
static int files;
static unsigned char *pattern;
static char *names; /* files * 6 bytes: "fNNNNN" without terminators */

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

static int bench_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
    (void)fi;
    memset(st, 0, sizeof(*st));
    st->st_uid = geteuid();
    st->st_gid = getegid();
    st->st_blksize = 4096;
    st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = TIME;
    if (strncmp(path, "/many/", 6) == 0 && path[6] != '\0')
        return parse_name(path + 6) >= 0 ? file_attr(st, MANY_SIZE) : -ENOENT;
    if (strcmp(path, "/big") == 0)
        return file_attr(st, big_size);
    if (strcmp(path, "/hello") == 0)
        return file_attr(st, 13);
    if (strcmp(path, "/") == 0)
        return dir_attr(st, 3);
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
    return -ENOENT;
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
    return fuse_main(argc, argv, &operations, NULL);
}

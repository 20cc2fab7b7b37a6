/*
 * Prints the sizes and member offsets of the libfuse and libc structures FuseGen mirrors in
 * src/FuseGen/Interop/Native, as the installed headers lay them out. LayoutTests compiles and runs this file and
 * compares every line with the managed mirrors.
 *
 * Output, one fact per line:
 *   version <fuse_pkgversion()>               the libfuse the program is linked against
 *   headers <major>.<minor>                   FUSE_MAJOR_VERSION.FUSE_MINOR_VERSION of the headers
 *   size <struct> <bytes>
 *   offset <struct> <member> <bytes>
 *   bit fuse_file_info <member> <n>           lowest bit of a bit-field, counted from bit 0 of the word at offset 4
 *
 * Members that a libfuse version added are printed only by headers that have them, so the output describes the
 * installed version (LayoutTests compares it with the mirrors and the version each mirror member needs).
 *
 * Build: gcc -D_FILE_OFFSET_BITS=64 $(pkg-config --cflags fuse3) layout.c $(pkg-config --libs fuse3)
 */
#define FUSE_USE_VERSION 35

#include <fuse.h>
#include <fuse_lowlevel.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#define SIZE(type) printf("size %s %zu\n", #type, sizeof(struct type))
#define OFFSET(type, member) printf("offset %s %s %zu\n", #type, #member, offsetof(struct type, member))

/* Sets one bit-field to 1 in a zeroed fuse_file_info and prints the lowest bit that changed, counted from bit 0 of
 * the 32-bit word at offset 4 (so a bit in the word at offset 8 prints as 32 + n). Little-endian byte order. */
#define BIT(member)                                                              \
    do {                                                                         \
        struct fuse_file_info info;                                              \
        memset(&info, 0, sizeof info);                                           \
        info.member = 1;                                                         \
        print_bit(#member, (const unsigned char *)&info, sizeof info);          \
    } while (0)

static void print_bit(const char *member, const unsigned char *bytes, size_t size)
{
    for (size_t byte = 4; byte < size; byte++) {
        for (int bit = 0; bit < 8; bit++) {
            if (bytes[byte] & (1u << bit)) {
                printf("bit fuse_file_info %s %zu\n", member, (byte - 4) * 8 + (size_t)bit);
                return;
            }
        }
    }
    printf("bit fuse_file_info %s none\n", member);
}

int main(void)
{
    printf("version %s\n", fuse_pkgversion());
    printf("headers %d.%d\n", FUSE_MAJOR_VERSION, FUSE_MINOR_VERSION);

    /* struct stat of this architecture (stat_x86_64 or stat_aarch64). */
    SIZE(stat);
    OFFSET(stat, st_dev);
    OFFSET(stat, st_ino);
    OFFSET(stat, st_nlink);
    OFFSET(stat, st_mode);
    OFFSET(stat, st_uid);
    OFFSET(stat, st_gid);
    OFFSET(stat, st_rdev);
    OFFSET(stat, st_size);
    OFFSET(stat, st_blksize);
    OFFSET(stat, st_blocks);
    OFFSET(stat, st_atim);
    OFFSET(stat, st_mtim);
    OFFSET(stat, st_ctim);
#if defined(__x86_64__)
    OFFSET(stat, __pad0);
    OFFSET(stat, __glibc_reserved);
#elif defined(__aarch64__)
    OFFSET(stat, __pad1);
    OFFSET(stat, __pad2);
    OFFSET(stat, __glibc_reserved);
#endif

    SIZE(timespec);
    OFFSET(timespec, tv_sec);
    OFFSET(timespec, tv_nsec);

    SIZE(statvfs);
    OFFSET(statvfs, f_bsize);
    OFFSET(statvfs, f_frsize);
    OFFSET(statvfs, f_blocks);
    OFFSET(statvfs, f_bfree);
    OFFSET(statvfs, f_bavail);
    OFFSET(statvfs, f_files);
    OFFSET(statvfs, f_ffree);
    OFFSET(statvfs, f_favail);
    OFFSET(statvfs, f_fsid);
    OFFSET(statvfs, f_flag);
    OFFSET(statvfs, f_namemax);
    OFFSET(statvfs, __f_spare);

    SIZE(fuse_context);
    OFFSET(fuse_context, fuse);
    OFFSET(fuse_context, uid);
    OFFSET(fuse_context, gid);
    OFFSET(fuse_context, pid);
    OFFSET(fuse_context, private_data);
    OFFSET(fuse_context, umask);

    /* Bit-fields have no offsetof; BIT() below locates them. */
    SIZE(fuse_file_info);
    OFFSET(fuse_file_info, flags);
    OFFSET(fuse_file_info, fh);
    OFFSET(fuse_file_info, lock_owner);
    OFFSET(fuse_file_info, poll_events);
#if FUSE_MAJOR_VERSION == 3 && FUSE_MINOR_VERSION >= 17
    OFFSET(fuse_file_info, backing_id);
    OFFSET(fuse_file_info, compat_flags);
    OFFSET(fuse_file_info, reserved);
#endif
    BIT(writepage);
    BIT(direct_io);
    BIT(keep_cache);
    BIT(flush);
    BIT(nonseekable);
    BIT(flock_release);
    BIT(cache_readdir);
    BIT(noflush);
    BIT(padding);
    BIT(padding2);

    SIZE(fuse_conn_info);
    OFFSET(fuse_conn_info, proto_major);
    OFFSET(fuse_conn_info, proto_minor);
    OFFSET(fuse_conn_info, max_write);
    OFFSET(fuse_conn_info, max_read);
    OFFSET(fuse_conn_info, max_readahead);
    OFFSET(fuse_conn_info, capable);
    OFFSET(fuse_conn_info, want);
    OFFSET(fuse_conn_info, max_background);
    OFFSET(fuse_conn_info, congestion_threshold);
    OFFSET(fuse_conn_info, time_gran);
#if FUSE_MAJOR_VERSION == 3 && FUSE_MINOR_VERSION >= 17
    OFFSET(fuse_conn_info, max_backing_stack_depth);
    OFFSET(fuse_conn_info, capable_ext);
    OFFSET(fuse_conn_info, want_ext);
#endif
#if FUSE_MAJOR_VERSION == 3 && FUSE_MINOR_VERSION >= 18
    OFFSET(fuse_conn_info, request_timeout);
#endif
    OFFSET(fuse_conn_info, reserved);

    /* Only the leading fields FuseGen mirrors; the rest moved between versions. */
    OFFSET(fuse_config, set_gid);
    OFFSET(fuse_config, gid);
    OFFSET(fuse_config, set_uid);
    OFFSET(fuse_config, uid);
    OFFSET(fuse_config, set_mode);
    OFFSET(fuse_config, umask);
    OFFSET(fuse_config, entry_timeout);
    OFFSET(fuse_config, negative_timeout);
    OFFSET(fuse_config, attr_timeout);
    OFFSET(fuse_config, intr);
    OFFSET(fuse_config, intr_signal);
    OFFSET(fuse_config, remember);
    OFFSET(fuse_config, hard_remove);
    OFFSET(fuse_config, use_ino);
    OFFSET(fuse_config, readdir_ino);
    OFFSET(fuse_config, direct_io);
    OFFSET(fuse_config, kernel_cache);
    OFFSET(fuse_config, auto_cache);
    OFFSET(fuse_config, nullpath_ok);

    /* With FUSE_USE_VERSION < 3.12 the headers call the v1 loop configuration struct fuse_loop_config. */
    printf("size fuse_loop_config_v1 %zu\n", sizeof(struct fuse_loop_config));
    printf("offset fuse_loop_config_v1 clone_fd %zu\n", offsetof(struct fuse_loop_config, clone_fd));
    printf("offset fuse_loop_config_v1 max_idle_threads %zu\n", offsetof(struct fuse_loop_config, max_idle_threads));

    SIZE(fuse_args);
    OFFSET(fuse_args, argc);
    OFFSET(fuse_args, argv);
    OFFSET(fuse_args, allocated);

    /* Every member of struct fuse_operations, in declaration order. */
    SIZE(fuse_operations);
    OFFSET(fuse_operations, getattr);
    OFFSET(fuse_operations, readlink);
    OFFSET(fuse_operations, mknod);
    OFFSET(fuse_operations, mkdir);
    OFFSET(fuse_operations, unlink);
    OFFSET(fuse_operations, rmdir);
    OFFSET(fuse_operations, symlink);
    OFFSET(fuse_operations, rename);
    OFFSET(fuse_operations, link);
    OFFSET(fuse_operations, chmod);
    OFFSET(fuse_operations, chown);
    OFFSET(fuse_operations, truncate);
    OFFSET(fuse_operations, open);
    OFFSET(fuse_operations, read);
    OFFSET(fuse_operations, write);
    OFFSET(fuse_operations, statfs);
    OFFSET(fuse_operations, flush);
    OFFSET(fuse_operations, release);
    OFFSET(fuse_operations, fsync);
    OFFSET(fuse_operations, setxattr);
    OFFSET(fuse_operations, getxattr);
    OFFSET(fuse_operations, listxattr);
    OFFSET(fuse_operations, removexattr);
    OFFSET(fuse_operations, opendir);
    OFFSET(fuse_operations, readdir);
    OFFSET(fuse_operations, releasedir);
    OFFSET(fuse_operations, fsyncdir);
    OFFSET(fuse_operations, init);
    OFFSET(fuse_operations, destroy);
    OFFSET(fuse_operations, access);
    OFFSET(fuse_operations, create);
    OFFSET(fuse_operations, lock);
    OFFSET(fuse_operations, utimens);
    OFFSET(fuse_operations, bmap);
    OFFSET(fuse_operations, ioctl);
    OFFSET(fuse_operations, poll);
    OFFSET(fuse_operations, write_buf);
    OFFSET(fuse_operations, read_buf);
    OFFSET(fuse_operations, flock);
    OFFSET(fuse_operations, fallocate);
    OFFSET(fuse_operations, copy_file_range);
    OFFSET(fuse_operations, lseek);
#if FUSE_MAJOR_VERSION == 3 && FUSE_MINOR_VERSION >= 18
    OFFSET(fuse_operations, statx);
#endif
#if FUSE_MAJOR_VERSION == 3 && FUSE_MINOR_VERSION >= 19
    OFFSET(fuse_operations, syncfs);
#endif

    /* The low-level API (fuse_lowlevel.h): struct stat sits inside fuse_entry_param, so its size is per architecture. */
    SIZE(fuse_entry_param);
    OFFSET(fuse_entry_param, ino);
    OFFSET(fuse_entry_param, generation);
    OFFSET(fuse_entry_param, attr);
    OFFSET(fuse_entry_param, attr_timeout);
    OFFSET(fuse_entry_param, entry_timeout);

    SIZE(fuse_ctx);
    OFFSET(fuse_ctx, uid);
    OFFSET(fuse_ctx, gid);
    OFFSET(fuse_ctx, pid);
    OFFSET(fuse_ctx, umask);

    SIZE(fuse_forget_data);
    OFFSET(fuse_forget_data, ino);
    OFFSET(fuse_forget_data, nlookup);

    /* Every member of struct fuse_lowlevel_ops the installed headers declare, in declaration order (later versions
     * append tmpfile 3.17, statx 3.18, syncfs 3.19). */
    SIZE(fuse_lowlevel_ops);
    OFFSET(fuse_lowlevel_ops, init);
    OFFSET(fuse_lowlevel_ops, destroy);
    OFFSET(fuse_lowlevel_ops, lookup);
    OFFSET(fuse_lowlevel_ops, forget);
    OFFSET(fuse_lowlevel_ops, getattr);
    OFFSET(fuse_lowlevel_ops, setattr);
    OFFSET(fuse_lowlevel_ops, readlink);
    OFFSET(fuse_lowlevel_ops, mknod);
    OFFSET(fuse_lowlevel_ops, mkdir);
    OFFSET(fuse_lowlevel_ops, unlink);
    OFFSET(fuse_lowlevel_ops, rmdir);
    OFFSET(fuse_lowlevel_ops, symlink);
    OFFSET(fuse_lowlevel_ops, rename);
    OFFSET(fuse_lowlevel_ops, link);
    OFFSET(fuse_lowlevel_ops, open);
    OFFSET(fuse_lowlevel_ops, read);
    OFFSET(fuse_lowlevel_ops, write);
    OFFSET(fuse_lowlevel_ops, flush);
    OFFSET(fuse_lowlevel_ops, release);
    OFFSET(fuse_lowlevel_ops, fsync);
    OFFSET(fuse_lowlevel_ops, opendir);
    OFFSET(fuse_lowlevel_ops, readdir);
    OFFSET(fuse_lowlevel_ops, releasedir);
    OFFSET(fuse_lowlevel_ops, fsyncdir);
    OFFSET(fuse_lowlevel_ops, statfs);
    OFFSET(fuse_lowlevel_ops, setxattr);
    OFFSET(fuse_lowlevel_ops, getxattr);
    OFFSET(fuse_lowlevel_ops, listxattr);
    OFFSET(fuse_lowlevel_ops, removexattr);
    OFFSET(fuse_lowlevel_ops, access);
    OFFSET(fuse_lowlevel_ops, create);
    OFFSET(fuse_lowlevel_ops, getlk);
    OFFSET(fuse_lowlevel_ops, setlk);
    OFFSET(fuse_lowlevel_ops, bmap);
    OFFSET(fuse_lowlevel_ops, ioctl);
    OFFSET(fuse_lowlevel_ops, poll);
    OFFSET(fuse_lowlevel_ops, write_buf);
    OFFSET(fuse_lowlevel_ops, retrieve_reply);
    OFFSET(fuse_lowlevel_ops, forget_multi);
    OFFSET(fuse_lowlevel_ops, flock);
    OFFSET(fuse_lowlevel_ops, fallocate);
    OFFSET(fuse_lowlevel_ops, readdirplus);
    OFFSET(fuse_lowlevel_ops, copy_file_range);
    OFFSET(fuse_lowlevel_ops, lseek);
#if FUSE_MINOR_VERSION >= 17
    OFFSET(fuse_lowlevel_ops, tmpfile);
#endif
#if FUSE_MINOR_VERSION >= 18
    OFFSET(fuse_lowlevel_ops, statx);
#endif
#if FUSE_MINOR_VERSION >= 19
    OFFSET(fuse_lowlevel_ops, syncfs);
#endif

    return 0;
}

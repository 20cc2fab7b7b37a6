/*
 * Prints the layout of struct statx and the STATX_* and AT_* values FuseGen mirrors (Statx, StatxMask, StatxFlags),
 * as the installed <linux/stat.h> and <linux/fcntl.h> define them. StatxLayoutTests compares every line.
 *
 * Output, one fact per line:
 *   size statx <bytes>
 *   offset statx <member> <bytes>
 *   value <NAME> <decimal>
 */
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <stddef.h>
#include <stdio.h>

#define OFFSET(member) printf("offset statx %s %zu\n", #member, offsetof(struct statx, member))
#define VALUE(name) printf("value %s %lu\n", #name, (unsigned long)(name))

int main(void)
{
    printf("size statx %zu\n", sizeof(struct statx));
    OFFSET(stx_mask);
    OFFSET(stx_blksize);
    OFFSET(stx_attributes);
    OFFSET(stx_nlink);
    OFFSET(stx_uid);
    OFFSET(stx_gid);
    OFFSET(stx_mode);
    OFFSET(stx_ino);
    OFFSET(stx_size);
    OFFSET(stx_blocks);
    OFFSET(stx_attributes_mask);
    OFFSET(stx_atime);
    OFFSET(stx_btime);
    OFFSET(stx_ctime);
    OFFSET(stx_mtime);
    OFFSET(stx_rdev_major);
    OFFSET(stx_rdev_minor);
    OFFSET(stx_dev_major);
    OFFSET(stx_dev_minor);
    OFFSET(stx_mnt_id);
    OFFSET(stx_dio_mem_align);
    OFFSET(stx_dio_offset_align);
    printf("size statx_timestamp %zu\n", sizeof(struct statx_timestamp));

    VALUE(STATX_TYPE);
    VALUE(STATX_MODE);
    VALUE(STATX_NLINK);
    VALUE(STATX_UID);
    VALUE(STATX_GID);
    VALUE(STATX_ATIME);
    VALUE(STATX_MTIME);
    VALUE(STATX_CTIME);
    VALUE(STATX_INO);
    VALUE(STATX_SIZE);
    VALUE(STATX_BLOCKS);
    VALUE(STATX_BASIC_STATS);
    VALUE(STATX_BTIME);
    VALUE(STATX_MNT_ID);
    VALUE(STATX_DIOALIGN);
    VALUE(AT_SYMLINK_NOFOLLOW);
    VALUE(AT_NO_AUTOMOUNT);
    VALUE(AT_EMPTY_PATH);
    VALUE(AT_STATX_FORCE_SYNC);
    VALUE(AT_STATX_DONT_SYNC);
    return 0;
}

/*
 * Prints the open flags as the kernel of the target architecture encodes them in open(2) and in the FUSE protocol
 * (fuse_file_info.flags). OpenFlagsTests compiles and runs this file, for the host and for arm64, and compares every
 * line with OpenFlags.
 *
 * The kernel's own header, not glibc's <fcntl.h>: on 64-bit systems glibc defines O_LARGEFILE as 0, but the kernel
 * sets its bit in every open it forwards to a FUSE filesystem.
 *
 * Output, one flag per line:   flag <C name> <value in decimal>
 */
#include <asm/fcntl.h>
#include <stdio.h>

#define FLAG(name) printf("flag %s %d\n", #name, (int)(name))

int main(void)
{
    FLAG(O_RDONLY);
    FLAG(O_WRONLY);
    FLAG(O_RDWR);
    FLAG(O_ACCMODE);
    FLAG(O_CREAT);
    FLAG(O_EXCL);
    FLAG(O_NOCTTY);
    FLAG(O_TRUNC);
    FLAG(O_APPEND);
    FLAG(O_NONBLOCK);
    FLAG(O_DSYNC);
    FLAG(O_DIRECT);
    FLAG(O_LARGEFILE);
    FLAG(O_DIRECTORY);
    FLAG(O_NOFOLLOW);
    FLAG(O_NOATIME);
    FLAG(O_CLOEXEC);
    FLAG(O_SYNC);
    return 0;
}

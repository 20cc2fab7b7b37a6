using System.Runtime.InteropServices;

namespace FuseGen.Testing;

/// <summary>
/// The libc functions the tests call, declared once for every test project. Each returns what the C function returns;
/// its errno is <see cref="Marshal.GetLastPInvokeError"/>. Flags and structure layouts that differ between x86_64
/// and arm64 are in <c>LibC.Constants.cs</c> and the structures' own files.
/// </summary>
public static unsafe partial class LibC
{
    // Calls that take a path come as string (UTF-8) and, where a test sends names that are not UTF-8, as byte*.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int open(string path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int open(byte* path, int flags, uint mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int openat(int dirfd, string path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int openat(int dirfd, byte* path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int stat(string path, byte* buffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fstat(int fd, byte* buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int fstatat(int dirfd, string path, byte* buffer, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fstatat(int dirfd, byte* path, byte* buffer, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int syncfs(int fd);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int statvfs(string path, StatVfsResult* buffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int statvfs(byte* path, StatVfsResult* buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int truncate(string path, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int truncate(byte* path, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int posix_fadvise(int fd, long offset, long length, int advice);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint copy_file_range(int fdIn, long* offsetIn, int fdOut, long* offsetOut, nuint length, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fcntl(int fd, int command, Flock* lockDescription);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ioctl(int fd, nuint command, void* argument);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_ctl(int epoll, int operation, int fd, EpollEvent* entry);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_wait(int epoll, EpollEvent* events, int count, int timeout);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mkdir(string path, uint mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mkdirat(int dirfd, string path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int rmdir(string path);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int rmdir(byte* path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mknod(string path, uint mode, ulong device);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mknodat(int dirfd, string path, uint mode, ulong device);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int unlink(string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int unlinkat(int dirfd, string path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int rename(string oldPath, string newPath);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int rename(byte* oldPath, byte* newPath);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int renameat2(int oldDirfd, string oldPath, int newDirfd, string newPath, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int link(string oldPath, string newPath);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int linkat(int oldDirfd, string oldPath, int newDirfd, string newPath, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int symlink(string target, string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int symlinkat(string target, int newDirfd, string linkPath);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial nint readlink(string path, byte* buffer, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial nint readlinkat(int dirfd, string path, byte* buffer, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int chmod(string path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int chmod(byte* path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchmod(int fd, uint mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int fchmodat(int dirfd, string path, uint mode, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int lchown(string path, uint owner, uint group);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int fchownat(int dirfd, string path, uint owner, uint group, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int utimensat(int dirfd, string path, Timespec* times, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int utimensat(int dirfd, byte* path, Timespec* times, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int access(string path, int mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial nint fgetxattr(int fd, string name, byte* value, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial nint llistxattr(string path, byte* list, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int lremovexattr(string path, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial nint opendir(string path);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint fdopendir(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial byte* readdir(nint directory);

    [LibraryImport(Library)]
    public static partial long telldir(nint directory);

    [LibraryImport(Library)]
    public static partial void seekdir(nint directory, long position);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int closedir(nint directory);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint getdents64(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial byte* realpath(string path, byte* resolved);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int umount2(string target, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Library)]
    public static partial int getpid();

    [LibraryImport(Library)]
    public static partial uint geteuid();

    [LibraryImport(Library)]
    public static partial uint umask(uint mask);

    [LibraryImport(Library)]
    public static partial MallInfo2 mallinfo2();

    [LibraryImport(Library, SetLastError = true)]
    public static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mprotect(void* address, nuint length, int protection);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int munmap(void* address, nuint length);
}

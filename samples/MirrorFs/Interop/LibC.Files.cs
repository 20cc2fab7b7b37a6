using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>Calls on open file descriptors: I/O, sizes, times, modes, syncing, allocation.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int dup(int fd);

    /// <summary>Like the other bindings, sets the last P/Invoke error, but only when it fails (<see cref="KeepErrno"/>).</summary>
    public static int fstat(int fd, byte* statbuf) => KeepErrno(fstat_(fd, statbuf));

    [LibraryImport(Library, EntryPoint = "fstat")]
    private static partial int fstat_(int fd, byte* statbuf);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pread(int fd, byte* buf, nuint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buf, nuint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchmod(int fd, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchown(int fd, uint owner, uint group);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int futimens(int fd, Timespec* times);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint copy_file_range(int fdIn, long* offsetIn, int fdOut, long* offsetOut, nuint length, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fstatvfs(int fd, byte* buf);

    /// <summary>fstatfs(2): <c>struct statfs</c> (120 bytes on x86_64 and arm64) begins with <c>f_type</c>, a long.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int fstatfs(int fd, byte* buf);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint getdents64(int fd, byte* dirp, nuint count);
}

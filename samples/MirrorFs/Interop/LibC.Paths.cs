using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>The <c>*at</c> family: every name is resolved relative to a directory descriptor, never to the cwd.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, SetLastError = true)]
    public static partial int openat(int dirfd, byte* path, int flags, uint mode);

    /// <summary>
    /// <paramref name="statbuf"/> is a native <c>struct stat</c> (FuseGen's NativeStat.MaxSize bytes). Sets the last
    /// P/Invoke error only when it fails (<see cref="KeepErrno"/>).
    /// </summary>
    public static int fstatat(int dirfd, byte* path, byte* statbuf, int flags) => KeepErrno(fstatat_(dirfd, path, statbuf, flags));

    [LibraryImport(Library, EntryPoint = "fstatat")]
    private static partial int fstatat_(int dirfd, byte* path, byte* statbuf, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mknodat(int dirfd, byte* path, uint mode, ulong dev);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int symlinkat(byte* target, int newdirfd, byte* linkpath);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint readlinkat(int dirfd, byte* path, byte* buf, nuint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchmodat(int dirfd, byte* path, uint mode, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchownat(int dirfd, byte* path, uint owner, uint group, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int utimensat(int dirfd, byte* path, Timespec* times, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int faccessat(int dirfd, byte* path, int mode, int flags);
}

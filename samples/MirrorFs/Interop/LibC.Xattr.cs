using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>
/// Extended attributes by path. MirrorFs calls them on <c>/proc/self/fd/N</c> of an <c>O_PATH|O_NOFOLLOW</c>
/// descriptor, which names the node itself (a symbolic link included) without following anything.
/// </summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, SetLastError = true)]
    public static partial nint getxattr(byte* path, byte* name, byte* value, nuint size);

    /// <summary>getxattrat(2) (Linux 6.13+; no glibc wrapper yet): the same number on x86_64 and arm64.</summary>
    public const long SYS_getxattrat = 464;

    /// <summary>
    /// syscall(2) with six word arguments. glibc's syscall() reads them as words from the registers, so calling it
    /// with a fixed signature is sound on x86_64 and arm64.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    public static partial nint syscall6(long number, nint a, nint b, nint c, nint d, nint e, nint f);

    /// <summary><c>struct xattr_args</c> of getxattrat.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct XattrArgs
    {
        public ulong Value;
        public uint Size;
        public uint Flags;
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setxattr(byte* path, byte* name, byte* value, nuint size, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint listxattr(byte* path, byte* list, nuint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int removexattr(byte* path, byte* name);
}

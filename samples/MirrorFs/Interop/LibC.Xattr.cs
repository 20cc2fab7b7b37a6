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

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setxattr(byte* path, byte* name, byte* value, nuint size, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint listxattr(byte* path, byte* list, nuint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int removexattr(byte* path, byte* name);
}

using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>What only the inode mirror calls, next to the bindings it shares with MirrorFs.</summary>
internal static unsafe partial class LibC
{
    public const int AT_SYMLINK_FOLLOW = 0x400;

    public const uint S_IFLNK = 0xA000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int truncate(byte* path, long length);
}

using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>What only the inode mirror calls, next to the bindings it shares with MirrorFs.</summary>
internal static unsafe partial class LibC
{
    public const int AT_SYMLINK_FOLLOW = 0x400;

    public const uint S_IFLNK = 0xA000;

    /// <summary><c>O_DIRECT</c>: 0x4000 on x86_64, 0x10000 on arm64.</summary>
    public static readonly int O_DIRECT = IsArm64 ? 0x10000 : 0x4000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int truncate(byte* path, long length);
}

using System;

namespace FuseGen.Interop;

/// <summary>
/// Bit positions of <c>fuse_file_info</c>'s bit-fields (counted from bit 0 of the word at offset 4) for the loaded
/// libfuse. 3.14.1 inserted <c>parallel_direct_writes</c> at bit 3 and 3.17 moved it to the end, so the flags after
/// it sit one bit higher in 3.14.1–3.16.x.
/// </summary>
internal static class FileInfoBits
{
    public const int WritePage = 0;
    public const int DirectIo = 1;
    public const int KeepCache = 2;

    public static int Flush { get; private set; } = 3;

    public static int NonSeekable { get; private set; } = 4;

    public static int FlockRelease { get; private set; } = 5;

    public static int CacheReaddir { get; private set; } = 6;

    public static int NoFlush { get; private set; } = 7;

    /// <summary>Selects the layout of the given libfuse version.</summary>
    public static void Select(Version version)
    {
        var shifted = version >= new Version(3, 14, 1) && version < new Version(3, 17);
        var shift = shifted ? 1 : 0;
        Flush = 3 + shift;
        NonSeekable = 4 + shift;
        FlockRelease = 5 + shift;
        CacheReaddir = 6 + shift;
        NoFlush = 7 + shift;
    }
}

using System;
using System.Linq;

namespace FuseGen.Tests.TestKit;

/// <summary>A file larger than one read chunk, one whose open is refused and one whose read fails.</summary>
[FuseFileSystem]
internal sealed partial class PagedFs
{
    public const int BigSize = 200_000;

    public int Opens { get; private set; }

    public int Reads { get; private set; }

    public int Releases { get; private set; }

    public static byte[] Content(int size) => Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray();

    [Getattr]
    private static Errno GetAttr(string path, ref Stat stat)
    {
        stat.Type = path == "/" ? FileType.Directory : FileType.Regular;
        stat.Size = path == "/big" ? BigSize : 0;
        return path is "/" or "/big" or "/locked" or "/broken" ? Errno.None : Errno.ENOENT;
    }

    [Open]
    private Errno Open(string path)
    {
        Opens++;
        return path == "/locked" ? Errno.EACCES : Errno.None;
    }

    [Read]
    private int Read(string path, Span<byte> buffer, long offset)
    {
        Reads++;
        if (path == "/broken")
        {
            return -(int)Errno.EIO;
        }

        var rest = Math.Max(0, BigSize - (int)offset);
        var count = Math.Min(rest, buffer.Length);
        Content(BigSize).AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    [Release]
    private void Release(string path) => Releases++;

    [Readdir]
    private static Errno ReadDir(string path, ref DirectoryFiller entries)
    {
        if (path != "/")
        {
            return Errno.ENOTDIR;
        }

        entries.Add(".");
        entries.Add("..");
        entries.Add("big");
        entries.Add("broken");
        entries.Add("locked");
        return Errno.None;
    }
}

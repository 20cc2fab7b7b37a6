using FuseGen;

namespace Filesystems;

/// <summary>One file, /hello.</summary>
[FuseFileSystem]
public sealed partial class HelloFs
{
    private static ReadOnlySpan<byte> Text => "Hello World!\n"u8;

    [Getattr]
    private static Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        if (path.SequenceEqual("/"u8))
        {
            stat.Type = FileType.Directory;
            stat.Permissions = (UnixFileMode)0x1ED;
            stat.Links = 2;
            return Errno.None;
        }

        if (path.SequenceEqual("/hello"u8))
        {
            stat.Type = FileType.Regular;
            stat.Permissions = (UnixFileMode)0x124;
            stat.Links = 1;
            stat.Size = Text.Length;
            return Errno.None;
        }

        return Errno.ENOENT;
    }

    [Readdir]
    private static void ReadDir(ref DirectoryFiller entries)
    {
        entries.Add("hello"u8);
    }

    [Read]
    private static int Read(Span<byte> buffer, long offset)
    {
        var rest = Text[(int)Math.Min(offset, Text.Length)..];
        var count = Math.Min(rest.Length, buffer.Length);
        rest[..count].CopyTo(buffer);
        return count;
    }
}

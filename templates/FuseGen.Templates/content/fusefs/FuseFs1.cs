using FuseGen;
using static System.IO.UnixFileMode;

namespace FuseFs1;

/// <summary>
/// A read-only filesystem with one file. Run: dotnet run -- /mnt/point -f    Unmount: fusermount3 -u /mnt/point
/// </summary>
[FuseFileSystem]
public sealed partial class FuseFs1
{
    private static ReadOnlySpan<byte> Text => "Hello from FuseFs1!\n"u8;

    // Times left at zero would show as 1 January 1970; the filesystem's files date from its start.
    private static readonly TimeSpec Started = TimeSpec.UtcNow;

    [Getattr]
    private static Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        if (path.SequenceEqual("/"u8))
        {
            stat.Type = FileType.Directory;
            stat.Permissions = UserRead | UserWrite | UserExecute | GroupRead | GroupExecute | OtherRead | OtherExecute;
            stat.Links = 2;
            stat.SetAllTimes(Started);
            return Errno.None;
        }

        if (path.SequenceEqual("/hello.txt"u8))
        {
            stat.Type = FileType.Regular;
            stat.Permissions = UserRead | GroupRead | OtherRead;
            stat.Links = 1;
            stat.Size = Text.Length;
            stat.SetAllTimes(Started);
            return Errno.None;
        }

        return Errno.ENOENT;
    }

    [Readdir]
    private static void ReadDir(ref DirectoryFiller entries)
    {
        entries.Add("."u8);
        entries.Add(".."u8);
        entries.Add("hello.txt"u8);
    }

    [Read]
    private static int Read(Span<byte> buffer, long offset)
    {
        var rest = Text[(int)Math.Min(offset, Text.Length)..];
        var count = Math.Min(rest.Length, buffer.Length);
        rest[..count].CopyTo(buffer);
        return count;
    }

    private static int Main(string[] args) => Fuse.Main(new FuseFs1(), args);
}

using System.Text;
using FuseGen;

namespace Filesystems;

/// <summary>Files "1" to "N", each holding its own number N times, one per line.</summary>
[FuseFileSystem]
public sealed partial class CountdownFs(int count)
{
    [Getattr]
    private Errno GetAttr(string path, ref Stat stat)
    {
        if (path == "/")
        {
            stat.Type = FileType.Directory;
            stat.Permissions = (UnixFileMode)0x1ED;
            stat.Links = 2;
            return Errno.None;
        }

        if (Number(path) is not { } number)
        {
            return Errno.ENOENT;
        }

        stat.Type = FileType.Regular;
        stat.Permissions = (UnixFileMode)0x124;
        stat.Links = 1;
        stat.Size = Content(number).Length;
        return Errno.None;
    }

    [Readdir]
    private Errno ReadDir(string path, ref DirectoryFiller entries)
    {
        if (path != "/")
        {
            return Errno.ENOTDIR;
        }

        for (var number = count; number >= 1; number--)
        {
            entries.Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Errno.None;
    }

    [Read]
    private int Read(string path, Span<byte> buffer, long offset)
    {
        var content = Number(path) is { } number ? Content(number) : throw new FuseException(Errno.ENOENT);
        var rest = content.AsSpan((int)Math.Min(offset, content.Length));
        var length = Math.Min(rest.Length, buffer.Length);
        rest[..length].CopyTo(buffer);
        return length;
    }

    private int? Number(string path) =>
        int.TryParse(path.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= count
            ? number
            : null;

    private static byte[] Content(int number) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"{number}\n", number)));
}

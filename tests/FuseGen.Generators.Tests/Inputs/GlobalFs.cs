// A filesystem in the global namespace, mixing static and instance methods; read leaves the path out.
using System;
using FuseGen;

[FuseFileSystem]
internal partial class GlobalFs
{
    private readonly byte[] content = new byte[4096];

    [Getattr]
    private static Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat, ref FileInfo file)
    {
        stat.Mode = path.Length == 1 ? (uint)FileType.Directory | 0x1ED : (uint)FileType.Regular | 0x1A4;
        stat.Size = file.IsPresent ? 4096 : 0;
        return Errno.None;
    }

    [Read]
    private int Read(Span<byte> buffer, long offset)
    {
        if (offset >= content.Length)
        {
            return 0;
        }

        var chunk = content.AsSpan((int)offset, Math.Min(buffer.Length, content.Length - (int)offset));
        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    [Write]
    private int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset, ref FileInfo file)
    {
        if (path.IsEmpty || offset + data.Length > content.Length || file.AccessMode == OpenFlags.ReadOnly)
        {
            return -(int)Errno.EFBIG;
        }

        data.CopyTo(content.AsSpan((int)offset));
        return data.Length;
    }
}

using System;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// Files whose data moves through [ReadBuf] and [WriteBuf] (libfuse's buffer vectors) alongside [Read] and [Write],
/// which libfuse must then never call: the other half of <see cref="CoverageFs"/>'s read and write coverage.
/// </summary>
[FuseFileSystem]
internal sealed partial class BufferCoverageFs
{
    private readonly CoverageTree tree = new();

    public OperationLog Calls { get; } = new();

    [Getattr]
    private Errno GetAttributes(string path, ref Stat stat) => tree.Stat(path, ref stat);

    [Create]
    private Errno Create(string path, uint mode) => tree.Add(path, new CoverageNode { Type = FileType.Regular, Permissions = mode & 0xFFF });

    [Open]
    private Errno Open(string path) => tree.Find(path) is null ? Errno.ENOENT : Errno.None;

    /// <summary>Shadowed by [ReadBuf]: reaching it fails the tests.</summary>
    [Read]
    private int Read(Span<byte> buffer)
    {
        Calls.Hit("read");
        return -(int)Errno.EIO;
    }

    /// <summary>Shadowed by [WriteBuf]: reaching it fails the tests.</summary>
    [Write]
    private int Write(ReadOnlySpan<byte> data)
    {
        Calls.Hit("write");
        return -(int)Errno.EIO;
    }

    [ReadBuf]
    private Errno ReadBuffer(string path, FuseBufferReply reply, long size, long offset)
    {
        Calls.Hit("read_buf");
        var buffer = new byte[size];
        var count = tree.Read(path, buffer, offset);
        if (count < 0)
        {
            return (Errno)(-count);
        }

        reply.CopyFrom(buffer.AsSpan(0, count));
        return Errno.None;
    }

    [WriteBuf]
    private int WriteBuffer(string path, FuseBufferVector data, long offset)
    {
        Calls.Hit("write_buf");
        var bytes = new byte[data.Size];
        var copied = data.CopyTo(bytes);
        return copied < 0 ? (int)copied : tree.Write(path, bytes.AsSpan(0, (int)copied), offset);
    }
}

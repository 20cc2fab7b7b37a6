using System;
using System.Threading;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// One file, <c>/file</c>, written through [WriteBuf] (libfuse then never calls [Write], so <see cref="InodeCoverageFs"/>
/// binds [Write] and this filesystem the buffer form) and read back through [Read].
/// </summary>
[FuseInodeFileSystem]
internal sealed partial class InodeBufferCoverageFs
{
    private const ulong Root = 1;
    private const ulong File = 2;
    private readonly object gate = new();
    private byte[] data = Array.Empty<byte>();

    public OperationLog Calls { get; init; } = new();

    public byte[] Data
    {
        get
        {
            lock (gate)
            {
                return (byte[])data.Clone();
            }
        }
    }

    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        if (parent != Root || !name.SequenceEqual("file"u8))
        {
            return Errno.ENOENT;
        }

        entry = new InodeEntry(File, Attributes(File));
        return Errno.None;
    }

    [Getattr]
    private Stat Getattr(ulong node) => Attributes(node);

    [Open]
    private void Open(ulong node)
    {
    }

    [Read]
    private int Read(ulong node, Span<byte> buffer, long offset)
    {
        lock (gate)
        {
            if (offset >= data.Length)
            {
                return 0;
            }

            var count = (int)Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan((int)offset, count).CopyTo(buffer);
            return count;
        }
    }

    /// <summary>The buffer form: the data may be in memory or in a pipe; CopyTo moves it into a span either way.</summary>
    [WriteBuf]
    private long WriteBuf(ulong node, FuseBufferVector source, long offset)
    {
        Calls.Hit("write_buf");
        var incoming = new byte[source.Size];
        var copied = source.CopyTo(incoming);
        lock (gate)
        {
            if (offset + copied > data.Length)
            {
                Array.Resize(ref data, (int)(offset + copied));
            }

            incoming.AsSpan(0, (int)copied).CopyTo(data.AsSpan((int)offset));
        }

        return copied;
    }

    private Stat Attributes(ulong node)
    {
        var stat = node == Root
            ? new Stat { Type = FileType.Directory, Permissions = (System.IO.UnixFileMode)0x1ED, Links = 2 }
            : new Stat { Type = FileType.Regular, Permissions = (System.IO.UnixFileMode)0x1B6, Links = 1 };
        lock (gate)
        {
            stat.Size = node == Root ? 0 : data.Length;
        }

        return stat;
    }
}

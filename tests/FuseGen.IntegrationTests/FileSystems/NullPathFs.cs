using System;
using System.Collections.Concurrent;
using System.Text;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// A root holding one file, <c>/file</c>, that records the path each request on an open file carried (getattr of the
/// open file, read, flush, release), with <c>nullpath_ok</c> set in init as <see cref="NullPathOk"/> says.
/// </summary>
[FuseFileSystem]
internal sealed partial class NullPathFs
{
    private static readonly byte[] Contents = Encoding.ASCII.GetBytes("contents\n");

    private readonly bool nullPathOk;

    public NullPathFs(bool nullPathOk) => this.nullPathOk = nullPathOk;

    /// <summary>Operation and path ("" for none) of every request that came with the open file's handle.</summary>
    public ConcurrentQueue<(string Operation, string Path)> OnOpenFile { get; } = new();

    /// <summary>What init read back after setting it.</summary>
    public bool? NullPathOk { get; private set; }

    [Init]
    private void Init(FuseConfig config)
    {
        config.NullPathOk = nullPathOk;

        // Nothing cached: fstat of the open file must reach getattr.
        config.AttrTimeout = 0;
        config.EntryTimeout = 0;
        NullPathOk = config.NullPathOk;
    }

    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat, OpenedFile? file)
    {
        if (file is not null)
        {
            OnOpenFile.Enqueue(("getattr", Encoding.UTF8.GetString(path)));
        }
        else if (path.SequenceEqual("/"u8))
        {
            stat.Type = FileType.Directory;
            stat.Permissions = (System.IO.UnixFileMode)0x1ED; // 0755
            stat.Links = 2;
            return Errno.None;
        }
        else if (!path.SequenceEqual("/file"u8))
        {
            return Errno.ENOENT;
        }

        stat.Type = FileType.Regular;
        stat.Permissions = (System.IO.UnixFileMode)0x1A4; // 0644
        stat.Links = 1;
        stat.Size = Contents.Length;
        return Errno.None;
    }

    [Open]
    private static OpenedFile Open(ReadOnlySpan<byte> path) =>
        path.SequenceEqual("/file"u8) ? new OpenedFile() : throw new FuseException(Errno.ENOENT);

    [Read]
    private int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset, OpenedFile file)
    {
        OnOpenFile.Enqueue(("read", Encoding.UTF8.GetString(path)));
        var available = Contents.AsSpan((int)Math.Min(offset, Contents.Length));
        var count = Math.Min(available.Length, buffer.Length);
        available.Slice(0, count).CopyTo(buffer);
        return count;
    }

    [Flush]
    private Errno Flush(ReadOnlySpan<byte> path, OpenedFile file)
    {
        OnOpenFile.Enqueue(("flush", Encoding.UTF8.GetString(path)));
        return Errno.None;
    }

    [Release]
    private void Release(ReadOnlySpan<byte> path, OpenedFile file) => OnOpenFile.Enqueue(("release", Encoding.UTF8.GetString(path)));

    /// <summary>The handle of an open <c>/file</c>.</summary>
    internal sealed class OpenedFile
    {
    }
}

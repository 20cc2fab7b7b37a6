using System;
using System.Threading;
using FuseGen;
using UnixFileMode = System.IO.UnixFileMode;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// One writable file, <c>/file</c>, that keeps only its size and how the kernel cut the writes into requests (count,
/// largest): what <see cref="MountOptions.MaxWrite"/> and <see cref="MountOptions.WritebackCache"/> change. Also
/// notes whether the connection wanted the writeback cache when the filesystem's own init ran.
/// </summary>
[FuseFileSystem]
internal sealed partial class WriteSizeFs
{
    public const string FileName = "file";

    private long size;
    private int writes;
    private int largest;

    public int Writes => Volatile.Read(ref writes);

    public int Largest => Volatile.Read(ref largest);

    public bool WritebackCacheAtInit { get; private set; }

    public uint MaxWriteAtInit { get; private set; }

    [Init]
    private void Init(FuseConnectionInfo connection)
    {
        WritebackCacheAtInit = (connection.Want & FuseCapabilities.WritebackCache) != 0;
        MaxWriteAtInit = connection.MaxWrite;
    }

    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        if (path.SequenceEqual("/"u8))
        {
            stat.Type = FileType.Directory;
            stat.Permissions = (UnixFileMode)0x1ED; // 0755
            stat.Links = 2;
            return Errno.None;
        }

        if (!path.SequenceEqual("/file"u8))
        {
            return Errno.ENOENT;
        }

        stat.Type = FileType.Regular;
        stat.Permissions = (UnixFileMode)0x1B6; // 0666
        stat.Links = 1;
        stat.Size = Volatile.Read(ref size);
        return Errno.None;
    }

    [Open]
    private static Errno Open(ReadOnlySpan<byte> path) => path.SequenceEqual("/file"u8) ? Errno.None : Errno.ENOENT;

    /// <summary>Zeros: the writeback cache may read a page before writing part of it.</summary>
    [Read]
    private int Read(Span<byte> buffer, long offset)
    {
        var count = (int)Math.Clamp(Volatile.Read(ref size) - offset, 0, buffer.Length);
        buffer.Slice(0, count).Clear();
        return count;
    }

    [Write]
    private int Write(ReadOnlySpan<byte> data, long offset)
    {
        Interlocked.Increment(ref writes);
        var seen = Volatile.Read(ref largest);
        while (data.Length > seen && Interlocked.CompareExchange(ref largest, data.Length, seen) != seen)
        {
            seen = Volatile.Read(ref largest);
        }

        var end = offset + data.Length;
        var current = Volatile.Read(ref size);
        while (end > current && Interlocked.CompareExchange(ref size, end, current) != current)
        {
            current = Volatile.Read(ref size);
        }

        return data.Length;
    }

    [Truncate]
    private Errno Truncate(long length)
    {
        Volatile.Write(ref size, length);
        return Errno.None;
    }

    [Fsync]
    private static Errno Fsync() => Errno.None;
}

using System;
using FuseGen;
using UnixFileMode = System.IO.UnixFileMode;

namespace BenchFs;

/// <summary>
/// The benchmark filesystem (docs/benchfs.md): <c>/big</c>, <c>/hello</c>, <c>/many/f00000</c>..., and the writable
/// directory <c>/w</c> with its checksums in <c>/sum</c> (docs/benchfs-write.md; operations in BenchFs.Writes).
/// </summary>
[FuseFileSystem]
internal sealed partial class BenchFs
{
    private const UnixFileMode Directory = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode ReadOnly = (UnixFileMode)0x124; // 0444
    private const int OpenAccessMode = 3;

    private readonly BenchTree tree;
    private readonly WriteTree written;
    private readonly uint owner;
    private readonly uint group;
    private readonly GcReport? gcReport;

    public BenchFs(BenchTree tree, uint owner, uint group, GcReport? gcReport = null)
    {
        this.tree = tree;
        written = new WriteTree(tree);
        this.owner = owner;
        this.group = group;
        this.gcReport = gcReport;
    }

    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        stat.Uid = owner;
        stat.Gid = group;
        stat.BlockSize = 4096;
        stat.SetAllTimes(new TimeSpec(BenchTree.Time, 0));
        if (path.Length > 6 && path.StartsWith("/many/"u8))
        {
            return tree.Parse(path.Slice(6)) >= 0 ? File(ref stat, BenchTree.ManyFileSize) : Errno.ENOENT;
        }

        if (path.Length > 3 && path.StartsWith("/w/"u8))
        {
            ref var entry = ref written.Find(path.Slice(3), out var found);
            return found ? Written(ref stat, ref entry) : Errno.ENOENT;
        }

        if (path.SequenceEqual("/big"u8))
        {
            return File(ref stat, tree.BigSize);
        }

        if (path.SequenceEqual("/hello"u8))
        {
            return File(ref stat, BenchTree.Hello.Length);
        }

        if (path.SequenceEqual("/"u8))
        {
            return Dir(ref stat, links: 5);
        }

        if (path.SequenceEqual("/w"u8))
        {
            return Dir(ref stat, links: 2 + (ulong)written.Subdirectories);
        }

        if (path.Length > 5 && path.StartsWith("/sum/"u8))
        {
            return HasSum(path) ? File(ref stat, SumTextLength) : Errno.ENOENT;
        }

        return path.SequenceEqual("/many"u8) || path.SequenceEqual("/sum"u8) ? Dir(ref stat, links: 2) : Errno.ENOENT;
    }

    [Readdir]
    private Errno ReadDir(ReadOnlySpan<byte> path, ref DirectoryFiller entries)
    {
        if (path.SequenceEqual("/"u8))
        {
            entries.Add("."u8, FileType.Directory);
            entries.Add(".."u8, FileType.Directory);
            entries.Add("big"u8, FileType.Regular);
            entries.Add("hello"u8, FileType.Regular);
            entries.Add("many"u8, FileType.Directory);
            entries.Add("sum"u8, FileType.Directory);
            entries.Add("w"u8, FileType.Directory);
            return Errno.None;
        }

        if (path.SequenceEqual("/w"u8))
        {
            ListWritten(ref entries);
            return Errno.None;
        }

        if (path.SequenceEqual("/sum"u8))
        {
            entries.Add("."u8, FileType.Directory);
            entries.Add(".."u8, FileType.Directory);
            return Errno.None;
        }

        if (!path.SequenceEqual("/many"u8))
        {
            return Errno.ENOENT;
        }

        entries.Add("."u8, FileType.Directory);
        entries.Add(".."u8, FileType.Directory);
        for (var i = 0; i < tree.Files; i++)
        {
            entries.Add(tree.Name(i), FileType.Regular);
        }

        return Errno.None;
    }

    [Open]
    private Errno Open(ReadOnlySpan<byte> path, ref FileInfo file)
    {
        if (path.Length > 3 && path.StartsWith("/w/"u8))
        {
            return OpenWritten(path.Slice(3), ref file);
        }

        var stat = default(Stat);
        var found = GetAttr(path, ref stat);
        if (found != Errno.None)
        {
            return found;
        }

        if (stat.Type == FileType.Directory)
        {
            return Errno.EISDIR;
        }

        return ((int)file.Flags & OpenAccessMode) == 0 ? Errno.None : Errno.EROFS;
    }

    [Read]
    private int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset)
    {
        if (path.SequenceEqual("/big"u8))
        {
            return tree.Read(buffer, offset, tree.BigSize);
        }

        if (path.SequenceEqual("/hello"u8))
        {
            var hello = BenchTree.Hello;
            if (offset >= hello.Length)
            {
                return 0;
            }

            var count = Math.Min(buffer.Length, hello.Length - (int)offset);
            hello.Slice((int)offset, count).CopyTo(buffer);
            return count;
        }

        if (path.Length > 6 && path.StartsWith("/many/"u8) && tree.Parse(path.Slice(6)) >= 0)
        {
            return tree.Read(buffer, offset, BenchTree.ManyFileSize);
        }

        if (path.Length > 5 && path.StartsWith("/sum/"u8))
        {
            return ReadSum(path, buffer, offset);
        }

        // Written data is not kept.
        return path.StartsWith("/w/"u8) ? -(int)Errno.EIO : -(int)Errno.ENOENT;
    }

    [Init]
    private void Init(FuseConnectionInfo connection)
    {
        // Plain READDIR everywhere, as in the C twin.
        connection.Want &= ~(FuseCapabilities.ReaddirPlus | FuseCapabilities.ReaddirPlusAuto);
        gcReport?.Mounted();
    }

    [Destroy]
    private void Destroy() => gcReport?.Unmounted();

    private static Errno File(ref Stat stat, long size)
    {
        stat.Type = FileType.Regular;
        stat.Permissions = ReadOnly;
        stat.Links = 1;
        stat.Size = size;
        return Errno.None;
    }

    private static Errno Dir(ref Stat stat, ulong links)
    {
        stat.Type = FileType.Directory;
        stat.Permissions = Directory;
        stat.Links = links;
        return Errno.None;
    }
}

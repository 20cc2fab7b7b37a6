using System;
using FuseGen;
using UnixFileMode = System.IO.UnixFileMode;

namespace BenchFs;

/// <summary>
/// BenchFs on the inode API: fixed inode numbers as in the C low-level twin (1 /, 2 /big, 3 /hello, 4 /many,
/// 5 + N /many/fNNNNN, then /sum, /w and the writable entries: InodeBenchFs.Writes.cs), so no inode table and no
/// forget; plain readdir (no readdirplus operation).
/// </summary>
[FuseInodeFileSystem]
internal sealed partial class InodeBenchFs
{
    private const ulong Root = 1;
    private const ulong Big = 2;
    private const ulong HelloFile = 3;
    private const ulong Many = 4;
    private const ulong FirstFile = 5;
    private const UnixFileMode Directory = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode ReadOnly = (UnixFileMode)0x124; // 0444
    private const int OpenAccessMode = 3;

    private static readonly byte[][] RootNames = { "."u8.ToArray(), ".."u8.ToArray(), "big"u8.ToArray(), "hello"u8.ToArray(), "many"u8.ToArray(), "sum"u8.ToArray(), "w"u8.ToArray() };

    private readonly BenchTree tree;
    private readonly WriteTree written;
    private readonly uint owner;
    private readonly uint group;
    private readonly ulong[] rootInodes;

    public InodeBenchFs(BenchTree tree, uint owner, uint group)
    {
        this.tree = tree;
        this.owner = owner;
        this.group = group;
        written = new WriteTree(tree);
        SumDirectory = FirstFile + (ulong)tree.Files;
        WritableDirectory = SumDirectory + 1;
        FirstWritten = WritableDirectory + 1;
        FirstSum = FirstWritten + ((ulong)WriteTree.LetterCount * (ulong)tree.Files);
        rootInodes = new[] { Root, Root, Big, HelloFile, Many, SumDirectory, WritableDirectory };
    }

    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        ulong inode = 0;
        if (parent == Root)
        {
            inode = name.SequenceEqual("big"u8) ? Big : name.SequenceEqual("hello"u8) ? HelloFile : name.SequenceEqual("many"u8) ? Many
                : name.SequenceEqual("sum"u8) ? SumDirectory : name.SequenceEqual("w"u8) ? WritableDirectory : 0;
        }
        else if (parent == Many && tree.Parse(name) is var index and >= 0)
        {
            inode = FirstFile + (ulong)index;
        }
        else if (parent == WritableDirectory || parent == SumDirectory)
        {
            return LookupWritten(parent, name, ref entry);
        }

        return inode == 0 ? Errno.ENOENT : Entry(inode, 0, ref entry);
    }

    [Getattr]
    private Errno GetAttr(ulong inode, ref Stat stat) => Attributes(inode, ref stat);

    [Readdir]
    private void ReadDir(ulong inode, ref InodeDirectoryFiller entries)
    {
        // The stateful form, as the C twin: resume at the offset, each entry's offset is its index + 1.
        if (inode == Root)
        {
            for (var index = (int)entries.Offset; index < RootNames.Length; index++)
            {
                if (!entries.Add(RootNames[index], rootInodes[index], index >= 4 || index < 2 ? FileType.Directory : FileType.Regular, index + 1))
                {
                    return;
                }
            }

            return;
        }

        if (inode == WritableDirectory || inode == SumDirectory)
        {
            ListWritten(inode, ref entries);
            return;
        }

        if (inode != Many)
        {
            throw new FuseException(Errno.ENOTDIR);
        }

        for (var index = entries.Offset; index < tree.Files + 2; index++)
        {
            var added = index switch
            {
                0 => entries.Add("."u8, Many, FileType.Directory, 1),
                1 => entries.Add(".."u8, Root, FileType.Directory, 2),
                _ => entries.Add(tree.Name((int)index - 2), FirstFile + (ulong)(index - 2), FileType.Regular, index + 1),
            };
            if (!added)
            {
                return;
            }
        }
    }

    [Open]
    private Errno Open(ulong inode, FileInfo info)
    {
        if (IsWritten(inode))
        {
            return OpenWritten(inode, info);
        }

        var stat = default(Stat);
        var found = Attributes(inode, ref stat);
        if (found != Errno.None)
        {
            return found;
        }

        if (stat.Type == FileType.Directory)
        {
            return Errno.EISDIR;
        }

        return ((int)info.Flags & OpenAccessMode) == 0 ? Errno.None : Errno.EROFS;
    }

#if BENCH_READ_VALUETASK
    /// <summary>
    /// The read as a completed <see cref="System.Threading.Tasks.ValueTask{TResult}"/> (samples/BenchInodeFs.Async, bench.sh's
    /// inode-vt): the bytes copied into the request's buffer by <see cref="CopyRead"/>, as its synchronous twin does.
    /// </summary>
    [Read]
    private System.Threading.Tasks.ValueTask<int> ReadAsync(ulong inode, Memory<byte> buffer, long offset) => new(CopyRead(inode, buffer.Span, offset));

#elif BENCH_READ_COPY
    /// <summary>
    /// The read into the thread's reply buffer (samples/BenchInodeFs.Copy, bench.sh's inode-copy): the reference of
    /// inode-vt, with the same user work (<see cref="CopyRead"/>), so that inode-vt/inode-copy measures FuseGen's
    /// completed-task path alone.
    /// </summary>
    [Read]
    private int ReadCopy(ulong inode, Span<byte> buffer, long offset) => CopyRead(inode, buffer, offset);

#endif
#if BENCH_READ_VALUETASK || BENCH_READ_COPY
    /// <summary>
    /// The bytes of <see cref="Read"/> copied into <paramref name="buffer"/>. Never inlined: inode-vt and inode-copy
    /// then run the very same compiled body, whatever each caller around it looks like.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int CopyRead(ulong inode, Span<byte> buffer, long offset)
    {
        var data = Read(inode, offset, buffer.Length);
        data.CopyTo(buffer);
        return data.Length;
    }

#endif
    /// <summary>The bytes themselves, replied without a copy (as the C twin replies from its pattern).</summary>
#if !BENCH_READ_VALUETASK && !BENCH_READ_COPY
    [Read]
#endif
    private ReadOnlySpan<byte> Read(ulong inode, long offset, long size)
    {
        if (inode >= FirstWritten)
        {
            return ReadWritten(inode, offset, size);
        }

        if (inode == HelloFile)
        {
            return offset >= BenchTree.Hello.Length ? default : BenchTree.Hello.Slice((int)offset, (int)Math.Min(size, BenchTree.Hello.Length - offset));
        }

        var fileSize = inode == Big ? tree.BigSize : inode >= FirstFile && inode < FirstFile + (ulong)tree.Files ? BenchTree.ManyFileSize : -1;
        if (fileSize < 0)
        {
            throw new FuseException(Errno.ENOENT);
        }

        if (offset >= fileSize)
        {
            return default;
        }

        var count = (int)Math.Min(Math.Min(size, fileSize - offset), 1 << 20);
        return tree.Pattern.AsSpan((int)(offset % 251), count);
    }

    private Errno Attributes(ulong inode, ref Stat stat)
    {
        stat.Inode = inode;
        stat.Uid = owner;
        stat.Gid = group;
        stat.BlockSize = 4096;
        stat.SetAllTimes(new TimeSpec(BenchTree.Time, 0));
        if (inode >= SumDirectory)
        {
            return WrittenAttributes(inode, ref stat);
        }

        switch (inode)
        {
            case Root:
            case Many:
                stat.Type = FileType.Directory;
                stat.Permissions = Directory;
                stat.Links = inode == Root ? 5ul : 2ul;
                return Errno.None;
            case Big:
                return File(ref stat, tree.BigSize);
            case HelloFile:
                return File(ref stat, BenchTree.Hello.Length);
            default:
                return inode >= FirstFile && inode < FirstFile + (ulong)tree.Files ? File(ref stat, BenchTree.ManyFileSize) : Errno.ENOENT;
        }
    }

    private static Errno File(ref Stat stat, long size)
    {
        stat.Type = FileType.Regular;
        stat.Permissions = ReadOnly;
        stat.Links = 1;
        stat.Size = size;
        return Errno.None;
    }
}

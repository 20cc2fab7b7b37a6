using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// The inode API's coverage filesystem: every operation of <c>struct fuse_lowlevel_ops</c> bound, each recording its
/// call in <see cref="Calls"/> and doing what it says on a small in-memory tree of <see cref="CoverageInode"/>s kept
/// in an <see cref="InodeTable{TNode}"/>. The inode twin of <see cref="CoverageFs"/>.
/// </summary>
[FuseInodeFileSystem]
internal sealed partial class InodeCoverageFs
{
    /// <summary>The path API coverage filesystem's requests: _IOW('Z', 1, 16), the caller hands 16 bytes in.</summary>
    public const uint IoctlPut = CoverageFs.IoctlPut;

    /// <summary>_IOR('Z', 2, 16): the caller gets 16 bytes out (what IoctlPut stored, reversed).</summary>
    public const uint IoctlGet = CoverageFs.IoctlGet;

    /// <summary>The birth time [Statx] reports for every file, as on the path API.</summary>
    public static TimeSpec BirthTime => CoverageFs.BirthTime;

    private readonly object gate = new();
    private readonly InodeTable<CoverageInode> nodes;
    private readonly ManualResetEventSlim pollArmed = new(false);
    private PollHandle? pendingPoll;
    private int readable;
    private long forgotten;

    public InodeCoverageFs()
    {
        nodes = new InodeTable<CoverageInode>(new CoverageInode(FileType.Directory, 0x1FF));
    }

    /// <summary>The inode table: entries replied are counted into it, forgets taken out.</summary>
    public InodeTable<CoverageInode> Nodes => nodes;

    InodeTable? IFuseInodeFileSystem.Inodes => nodes;

    public OperationLog Calls { get; init; } = new();

    public int InitCount { get; private set; }

    public int DestroyCount { get; private set; }

    /// <summary>Every setattr request's changes, as <see cref="AttributeChanges.ToString"/> prints them.</summary>
    public ConcurrentQueue<AttributeChanges> SetattrCalls { get; } = new();

    /// <summary>The lock requests seen, as "getlk type start length" and "setlk type start length [wait]".</summary>
    public ConcurrentQueue<string> LockCalls { get; } = new();

    /// <summary>What the last IoctlPut handed in.</summary>
    public byte[] IoctlData { get; private set; } = Array.Empty<byte>();

    /// <summary>Data the kernel gave back to [RetrieveReply], as "cookie offset text".</summary>
    public ConcurrentQueue<string> Retrieved { get; } = new();

    /// <summary>Set once a retrieve's data arrived.</summary>
    public ManualResetEventSlim RetrieveArrived { get; } = new(false);

    /// <summary>The statx calls seen, as "flags mask" (hexadecimal).</summary>
    public ConcurrentQueue<string> StatxCalls { get; } = new();

    /// <summary>The batch sizes [ForgetMulti] received.</summary>
    public ConcurrentQueue<int> ForgetBatches { get; } = new();

    /// <summary>Lookups the kernel gave back through [Forget] and [ForgetMulti].</summary>
    public long Forgotten => Interlocked.Read(ref forgotten);

    /// <summary>Set once a poll of <c>/pollable</c> left a handle to notify.</summary>
    public ManualResetEventSlim PollArmed => pollArmed;

    /// <summary>Makes <c>/pollable</c> readable and notifies the waiting poller through its <see cref="PollHandle"/>.</summary>
    public void MakeReadable()
    {
        Volatile.Write(ref readable, 1);
        Interlocked.Exchange(ref pendingPoll, null)?.Notify();
    }

    /// <summary>The access() masks seen.</summary>
    public ConcurrentQueue<AccessMode> AccessCalls { get; } = new();

    /// <summary>A node by path from the root ("dir/file"), or null.</summary>
    public CoverageInode? Find(string path)
    {
        lock (gate)
        {
            var node = nodes.Root;
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!node.Children.TryGetValue(part, out var child))
                {
                    return null;
                }

                node = child;
            }

            return node;
        }
    }

    [Init]
    private void Init()
    {
        Calls.Hit("init");
        InitCount++;
    }

    [Destroy]
    private void Destroy()
    {
        Calls.Hit("destroy");
        DestroyCount++;
        Interlocked.Exchange(ref pendingPoll, null)?.Dispose();
    }

    [Lookup]
    private Errno Lookup(CoverageInode parent, string name, ref InodeEntry entry)
    {
        Calls.Hit("lookup");
        lock (gate)
        {
            if (!parent.Children.TryGetValue(name, out var child))
            {
                return Errno.ENOENT;
            }

            entry = child.Entry();
            return Errno.None;
        }
    }

    [Forget]
    private void Forget(CoverageInode node, ulong count)
    {
        Calls.Hit("forget");
        Interlocked.Add(ref forgotten, (long)count);
    }

    [ForgetMulti]
    private void ForgetMulti(ReadOnlySpan<InodeForget> forgets)
    {
        Calls.Hit("forget_multi");
        ForgetBatches.Enqueue(forgets.Length);
        foreach (var forget in forgets)
        {
            Interlocked.Add(ref forgotten, (long)forget.Count);
        }
    }

    [Getattr]
    private Stat Getattr(CoverageInode node)
    {
        Calls.Hit("getattr");
        lock (gate)
        {
            return node.Attributes;
        }
    }

    [Setattr]
    private Errno Setattr(CoverageInode node, AttributeChanges changes, CoverageHandle? handle, ref Stat stat)
    {
        Calls.Hit("setattr");
        SetattrCalls.Enqueue(changes);
        lock (gate)
        {
            if (changes.Size is { } size)
            {
                if (node.IsDirectory)
                {
                    return Errno.EISDIR;
                }

                node.Resize(size);
            }

            changes.ApplyTo(ref node.Attributes);
            stat = node.Attributes;
            return Errno.None;
        }
    }

    [Readlink]
    private string Readlink(CoverageInode node)
    {
        Calls.Hit("readlink");
        return node.Target ?? throw new FuseException(Errno.EINVAL);
    }

    [Mknod]
    private Errno Mknod(CoverageInode parent, string name, FileType type, uint mode, ref InodeEntry entry)
    {
        Calls.Hit("mknod");
        return Add(parent, name, new CoverageInode(type, mode), ref entry);
    }

    [Mkdir]
    private Errno Mkdir(CoverageInode parent, string name, uint mode, ref InodeEntry entry)
    {
        Calls.Hit("mkdir");
        return Add(parent, name, new CoverageInode(FileType.Directory, mode), ref entry);
    }

    [Unlink]
    private Errno Unlink(CoverageInode parent, string name)
    {
        Calls.Hit("unlink");
        return Remove(parent, name, directory: false);
    }

    [Rmdir]
    private Errno Rmdir(CoverageInode parent, string name)
    {
        Calls.Hit("rmdir");
        return Remove(parent, name, directory: true);
    }

    [Symlink]
    private Errno Symlink(CoverageInode parent, string name, string target, ref InodeEntry entry)
    {
        Calls.Hit("symlink");
        var link = new CoverageInode(FileType.SymbolicLink, 0x1FF) { Target = target };
        link.Attributes.Size = Encoding.UTF8.GetByteCount(target);
        return Add(parent, name, link, ref entry);
    }

    [Rename]
    private Errno Rename(CoverageInode parent, string name, CoverageInode newParent, string newName, RenameFlags flags)
    {
        Calls.Hit("rename");
        if (flags != RenameFlags.None)
        {
            return Errno.EINVAL;
        }

        lock (gate)
        {
            if (!parent.Children.Remove(name, out var node))
            {
                return Errno.ENOENT;
            }

            newParent.Children[newName] = node;
            return Errno.None;
        }
    }

    [Link]
    private Errno Link(CoverageInode node, CoverageInode newParent, string newName, ref InodeEntry entry)
    {
        Calls.Hit("link");
        lock (gate)
        {
            if (!newParent.Children.TryAdd(newName, node))
            {
                return Errno.EEXIST;
            }

            node.Attributes.Links++;
            entry = node.Entry();
            return Errno.None;
        }
    }

    [Open]
    private CoverageHandle Open(CoverageInode node, FileInfo info)
    {
        Calls.Hit("open");
        return new CoverageHandle(node);
    }

    [Read]
    private int Read(CoverageInode node, CoverageHandle file, Span<byte> buffer, long offset)
    {
        Calls.Hit("read");
        lock (gate)
        {
            var data = node.Data;
            if (offset >= data.Length)
            {
                return 0;
            }

            var count = (int)Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan((int)offset, count).CopyTo(buffer);
            return count;
        }
    }

    [Write]
    private int Write(CoverageInode node, CoverageHandle file, ReadOnlySpan<byte> data, long offset)
    {
        Calls.Hit("write");
        return Store(node, data, offset);
    }

    [Flush]
    private Errno Flush(CoverageInode node, CoverageHandle file)
    {
        Calls.Hit("flush");
        return Errno.None;
    }

    [Release]
    private void Release(CoverageInode node, CoverageHandle file) => Calls.Hit("release");

    [Fsync]
    private Errno Fsync(CoverageInode node, CoverageHandle file, bool dataOnly)
    {
        Calls.Hit("fsync");
        return Errno.None;
    }

    [Opendir]
    private CoverageDirectory Opendir(CoverageInode node)
    {
        Calls.Hit("opendir");
        return new CoverageDirectory();
    }

    [Readdir]
    private void Readdir(CoverageInode node, CoverageDirectory directory, ref InodeDirectoryFiller entries)
    {
        Calls.Hit("readdir");
        List(node, ref entries);
    }

    [Releasedir]
    private void Releasedir(CoverageInode node, CoverageDirectory directory) => Calls.Hit("releasedir");

    [Fsyncdir]
    private Errno Fsyncdir(CoverageInode node, CoverageDirectory directory, bool dataOnly)
    {
        Calls.Hit("fsyncdir");
        return Errno.None;
    }

    [Statfs]
    private StatVfs Statfs(CoverageInode node)
    {
        Calls.Hit("statfs");
        return new StatVfs { BlockSize = 4096, FragmentSize = 4096, Blocks = 1000, BlocksFree = 600, BlocksAvailable = 500, Files = 100, FilesFree = 42, MaxNameLength = 200 };
    }

    [Setxattr]
    private Errno Setxattr(CoverageInode node, string name, ReadOnlySpan<byte> value, XattrFlags flags)
    {
        Calls.Hit("setxattr");
        var copy = value.ToArray();
        lock (gate)
        {
            node.Xattrs[name] = copy;
            return Errno.None;
        }
    }

    [Getxattr]
    private byte[]? Getxattr(CoverageInode node, string name)
    {
        Calls.Hit("getxattr");
        lock (gate)
        {
            return node.Xattrs.TryGetValue(name, out var value) ? value : null;
        }
    }

    [Listxattr]
    private IEnumerable<string> Listxattr(CoverageInode node)
    {
        Calls.Hit("listxattr");
        lock (gate)
        {
            return node.Xattrs.Keys.ToArray();
        }
    }

    [Removexattr]
    private Errno Removexattr(CoverageInode node, string name)
    {
        Calls.Hit("removexattr");
        lock (gate)
        {
            return node.Xattrs.Remove(name) ? Errno.None : Errno.ENODATA;
        }
    }

    [Access]
    private Errno Access(CoverageInode node, AccessMode mask)
    {
        Calls.Hit("access");
        AccessCalls.Enqueue(mask);
        return Errno.None;
    }

    [Create]
    private CoverageHandle Create(CoverageInode parent, string name, uint mode, FileInfo info, ref InodeEntry entry)
    {
        Calls.Hit("create");
        var node = new CoverageInode(FileType.Regular, mode);
        var added = Add(parent, name, node, ref entry);
        return added == Errno.None ? new CoverageHandle(node) : throw new FuseException(added);
    }

    /// <summary>Answers every F_GETLK with a conflicting read lock of [100, 110) held by process 4242.</summary>
    [Getlk]
    private Errno Getlk(CoverageInode node, CoverageHandle file, ref FileLock lockInfo)
    {
        Calls.Hit("getlk");
        LockCalls.Enqueue($"getlk {lockInfo.Type} {lockInfo.Start} {lockInfo.Length}");
        lockInfo = new FileLock { Type = LockType.Read, Start = 100, Length = 10, ProcessId = 4242 };
        return Errno.None;
    }

    [Setlk]
    private Errno Setlk(CoverageInode node, CoverageHandle file, FileLock lockInfo, bool wait)
    {
        Calls.Hit("setlk");
        LockCalls.Enqueue($"setlk {lockInfo.Type} {lockInfo.Start} {lockInfo.Length}{(wait ? " wait" : "")}");
        return Errno.None;
    }

    [Ioctl]
    private int Ioctl(CoverageInode node, CoverageHandle file, uint command, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Calls.Hit("ioctl");
        switch (command)
        {
            case IoctlPut:
                IoctlData = input.ToArray();
                return 0;
            case IoctlGet:
                var data = IoctlData;
                for (var i = 0; i < data.Length && i < output.Length; i++)
                {
                    output[i] = data[data.Length - 1 - i];
                }

                return 0;
            default:
                return -(int)Errno.ENOTTY;
        }
    }

    /// <summary><c>/pollable</c> is readable only after <see cref="MakeReadable"/>; every other file always is.</summary>
    [Poll]
    private PollEvents Poll(CoverageInode node, CoverageHandle file, PollHandle pollHandle)
    {
        Calls.Hit("poll");
        if (file.Node != Find("pollable") || Volatile.Read(ref readable) != 0)
        {
            pollHandle.Dispose();
            return PollEvents.In | PollEvents.Out;
        }

        Interlocked.Exchange(ref pendingPoll, pollHandle)?.Dispose();
        if (pollHandle.IsPresent)
        {
            pollArmed.Set();
        }

        return PollEvents.Out;
    }

    [RetrieveReply]
    private void RetrieveReply(CoverageInode node, ulong cookie, long offset, FuseBufferVector data)
    {
        Calls.Hit("retrieve_reply");
        var bytes = new byte[data.Size];
        data.CopyTo(bytes);
        Retrieved.Enqueue($"{cookie} {offset} {Encoding.ASCII.GetString(bytes)}");
        RetrieveArrived.Set();
    }

    [Statx]
    private Errno Statx(CoverageInode node, StatxFlags flags, StatxMask mask, ref Statx statx)
    {
        Calls.Hit("statx");
        StatxCalls.Enqueue($"{(int)flags:x} {(uint)mask:x}");
        lock (gate)
        {
            statx.SetBasicStats(node.Attributes);
        }

        statx.BirthTime = BirthTime;
        return Errno.None;
    }

    [Bmap]
    private ulong Bmap(CoverageInode node, long blockSize, ulong index)
    {
        Calls.Hit("bmap");
        return blockSize == 4096 ? index + 12 : throw new FuseException(Errno.EINVAL);
    }

    [Flock]
    private Errno Flock(CoverageInode node, CoverageHandle file, FlockOperation operation)
    {
        Calls.Hit("flock");
        return Errno.None;
    }

    [Fallocate]
    private Errno Fallocate(CoverageInode node, CoverageHandle file, FallocateMode mode, long offset, long length)
    {
        Calls.Hit("fallocate");
        if (mode != 0)
        {
            return Errno.EOPNOTSUPP;
        }

        lock (gate)
        {
            if (offset + length > node.Data.Length)
            {
                node.Resize(offset + length);
            }

            return Errno.None;
        }
    }

    [Readdirplus]
    private void Readdirplus(CoverageInode node, CoverageDirectory directory, ref InodeDirectoryFiller entries)
    {
        Calls.Hit("readdirplus");
        List(node, ref entries);
    }

    [CopyFileRange]
    private long CopyFileRange(CoverageInode nodeIn, CoverageHandle fileIn, long offsetIn, CoverageInode nodeOut, CoverageHandle fileOut, long offsetOut, long size)
    {
        Calls.Hit("copy_file_range");
        byte[] source;
        lock (gate)
        {
            var available = Math.Max(0, Math.Min(size, nodeIn.Data.Length - offsetIn));
            source = nodeIn.Data.AsSpan((int)Math.Min(offsetIn, nodeIn.Data.Length), (int)available).ToArray();
        }

        return Store(nodeOut, source, offsetOut);
    }

    [Lseek]
    private long Lseek(CoverageInode node, CoverageHandle file, long offset, Whence whence)
    {
        Calls.Hit("lseek");
        lock (gate)
        {
            // No holes: all data up to the end.
            return whence switch
            {
                Whence.Data when offset < node.Data.Length => offset,
                Whence.Hole when offset < node.Data.Length => node.Data.Length,
                _ => -(long)Errno.ENXIO,
            };
        }
    }

    [Tmpfile]
    private CoverageHandle Tmpfile(CoverageInode parent, uint mode, FileInfo info, ref InodeEntry entry)
    {
        Calls.Hit("tmpfile");
        var node = new CoverageInode(FileType.Regular, mode);
        entry = node.Entry();
        return new CoverageHandle(node);
    }

    private Errno Add(CoverageInode parent, string name, CoverageInode child, ref InodeEntry entry)
    {
        var caller = FuseContext.Current;
        child.Attributes.Uid = caller.Uid;
        child.Attributes.Gid = caller.Gid;
        lock (gate)
        {
            if (!parent.IsDirectory)
            {
                return Errno.ENOTDIR;
            }

            if (!parent.Children.TryAdd(name, child))
            {
                return Errno.EEXIST;
            }

            entry = child.Entry();
            return Errno.None;
        }
    }

    private Errno Remove(CoverageInode parent, string name, bool directory)
    {
        lock (gate)
        {
            if (!parent.Children.TryGetValue(name, out var child))
            {
                return Errno.ENOENT;
            }

            if (child.IsDirectory != directory)
            {
                return directory ? Errno.ENOTDIR : Errno.EISDIR;
            }

            if (directory && child.Children.Count > 0)
            {
                return Errno.ENOTEMPTY;
            }

            parent.Children.Remove(name);
            child.Attributes.Links--;
            return Errno.None;
        }
    }

    private int Store(CoverageInode node, ReadOnlySpan<byte> data, long offset)
    {
        lock (gate)
        {
            if (offset + data.Length > node.Data.Length)
            {
                node.Resize(offset + data.Length);
            }

            data.CopyTo(node.Data.AsSpan((int)offset));
            var now = TimeSpec.UtcNow;
            node.Attributes.ModificationTime = now;
            node.Attributes.ChangeTime = now;
            return data.Length;
        }
    }

    private void List(CoverageInode directory, ref InodeDirectoryFiller entries)
    {
        KeyValuePair<string, CoverageInode>[] children;
        lock (gate)
        {
            if (!directory.IsDirectory)
            {
                throw new FuseException(Errno.ENOTDIR);
            }

            children = directory.Children.ToArray();
        }

        if (entries.IsPlus)
        {
            entries.Add("."u8, directory.Entry());
            entries.Add(".."u8, directory.Entry());
        }
        else
        {
            entries.Add("."u8, 0, FileType.Directory);
            entries.Add(".."u8, 0, FileType.Directory);
        }

        foreach (var (name, child) in children)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            if (!(entries.IsPlus ? entries.Add(utf8, child.Entry()) : entries.Add(utf8, 0, child.Attributes.Type)))
            {
                return;
            }
        }
    }

    /// <summary>The handle open, create and tmpfile return.</summary>
    internal sealed class CoverageHandle
    {
        public CoverageHandle(CoverageInode node) => Node = node;

        public CoverageInode Node { get; }
    }

    /// <summary>The handle opendir returns.</summary>
    internal sealed class CoverageDirectory
    {
    }
}

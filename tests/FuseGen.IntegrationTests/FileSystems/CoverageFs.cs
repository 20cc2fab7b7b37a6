using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// An in-process filesystem implementing every operation but read_buf and write_buf (so libfuse calls [Read] and
/// [Write]; <see cref="BufferCoverageFs"/> has the buffer forms), each recording its call in <see cref="Calls"/>
/// and doing what it says on a small <see cref="CoverageTree"/>. Mounted without default_permissions, so access()
/// reaches [Access]. Special names: <c>/denied</c> refuses W_OK, <c>/busy</c> refuses an exclusive flock,
/// <c>/pollable</c> becomes readable only through <see cref="MakeReadable"/>, <c>/sparse</c> holds data only in
/// <see cref="SparseData"/> for lseek.
/// </summary>
[FuseFileSystem]
internal sealed partial class CoverageFs
{
    /// <summary>_IOW('Z', 1, 16): the caller hands 16 bytes in.</summary>
    public const uint IoctlPut = (1u << 30) | (16u << 16) | ('Z' << 8) | 1;

    /// <summary>_IOR('Z', 2, 16): the caller gets 16 bytes out (what IoctlPut stored, reversed).</summary>
    public const uint IoctlGet = (2u << 30) | (16u << 16) | ('Z' << 8) | 2;

    /// <summary>The birth time [Statx] reports for every file, which [Getattr] (struct stat) cannot carry.</summary>
    public static readonly TimeSpec BirthTime = new(1_234_567_890, 987_654_321);

    /// <summary>The data range of <c>/sparse</c>: [4096, 8192) of 16384 bytes.</summary>
    public static readonly (long Start, long End, long Size) SparseData = (4096, 8192, 16384);

    private readonly CoverageTree tree = new();
    private readonly ManualResetEventSlim pollArmed = new(false);
    private PollHandle? pendingPoll;
    private int readable;
    private byte[] ioctlData = Array.Empty<byte>();

    public OperationLog Calls { get; init; } = new();

    public CoverageTree Tree => tree;

    public int InitCount { get; private set; }

    public int DestroyCount { get; private set; }

    /// <summary>The access() calls seen, as "path mode".</summary>
    public ConcurrentQueue<string> AccessCalls { get; } = new();

    /// <summary>The buffer sizes getxattr and listxattr were called with, as "getxattr user.a 0" and "listxattr 0".</summary>
    public ConcurrentQueue<string> XattrBufferSizes { get; } = new();

    /// <summary>The lock requests seen, as "command type start length".</summary>
    public ConcurrentQueue<string> LockCalls { get; } = new();

    public ConcurrentQueue<FlockOperation> FlockCalls { get; } = new();

    public ConcurrentQueue<string> FallocateCalls { get; } = new();

    public ConcurrentQueue<bool> FsyncCalls { get; } = new();

    public ConcurrentQueue<string> CopyCalls { get; } = new();

    /// <summary>The statx calls seen, as "path flags mask" (hexadecimal).</summary>
    public ConcurrentQueue<string> StatxCalls { get; } = new();

    /// <summary>The paths syncfs was called with.</summary>
    public ConcurrentQueue<string> SyncfsCalls { get; } = new();

    /// <summary>What the last IoctlPut handed in.</summary>
    public byte[] IoctlData => ioctlData;

    /// <summary>Set once a poll of <c>/pollable</c> left a handle to notify.</summary>
    public ManualResetEventSlim PollArmed => pollArmed;

    /// <summary>Makes <c>/pollable</c> readable and notifies the waiting poller through its <see cref="PollHandle"/>.</summary>
    public void MakeReadable()
    {
        Volatile.Write(ref readable, 1);
        Interlocked.Exchange(ref pendingPoll, null)?.Notify();
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

    [Getattr]
    private Errno GetAttributes(string path, ref Stat stat)
    {
        Calls.Hit("getattr");
        return tree.Stat(path, ref stat);
    }

    [Readlink]
    private string? ReadLink(string path)
    {
        Calls.Hit("readlink");
        return tree.Find(path)?.Target;
    }

    [Mknod]
    private Errno MakeNode(string path, FileType type, uint mode)
    {
        Calls.Hit("mknod");
        return tree.Add(path, new CoverageNode { Type = type, Permissions = mode & 0xFFF, Uid = FuseContext.Current.Uid, Gid = FuseContext.Current.Gid });
    }

    [Mkdir]
    private Errno MakeDirectory(string path, uint mode)
    {
        Calls.Hit("mkdir");
        return tree.Add(path, new CoverageNode { Type = FileType.Directory, Permissions = mode & 0xFFF, Links = 2 });
    }

    [Unlink]
    private Errno Unlink(string path)
    {
        Calls.Hit("unlink");
        return tree.Remove(path, directory: false);
    }

    [Rmdir]
    private Errno RemoveDirectory(string path)
    {
        Calls.Hit("rmdir");
        return tree.Remove(path, directory: true);
    }

    [Symlink]
    private Errno Symlink(string target, string path)
    {
        Calls.Hit("symlink");
        return tree.Add(path, new CoverageNode { Type = FileType.SymbolicLink, Permissions = 0x1FF, Target = target });
    }

    [Rename]
    private Errno Rename(string path, string newPath, RenameFlags flags)
    {
        Calls.Hit("rename");
        return flags == RenameFlags.None ? tree.Move(path, newPath) : Errno.EINVAL;
    }

    [Link]
    private Errno Link(string path, string newPath)
    {
        Calls.Hit("link");
        return tree.Link(path, newPath);
    }

    [Chmod]
    private Errno ChangeMode(string path, uint mode)
    {
        Calls.Hit("chmod");
        return Change(path, node => node.Permissions = mode & 0xFFF);
    }

    [Chown]
    private Errno ChangeOwner(string path, uint uid, uint gid)
    {
        Calls.Hit("chown");
        return Change(path, node =>
        {
            node.Uid = uid == uint.MaxValue ? node.Uid : uid;
            node.Gid = gid == uint.MaxValue ? node.Gid : gid;
        });
    }

    [Truncate]
    private Errno Truncate(string path, long length)
    {
        Calls.Hit("truncate");
        return Change(path, node => node.Resize(length));
    }

    [Utimens]
    private Errno SetTimes(string path, TimeSpec accessTime, TimeSpec modificationTime)
    {
        Calls.Hit("utimens");
        return Change(path, node =>
        {
            node.AccessTime = accessTime.IsOmit ? node.AccessTime : accessTime.IsNow ? TimeSpec.UtcNow : accessTime;
            node.ModificationTime = modificationTime.IsOmit ? node.ModificationTime : modificationTime.IsNow ? TimeSpec.UtcNow : modificationTime;
        });
    }

    [Create]
    private Errno Create(string path, uint mode)
    {
        Calls.Hit("create");
        return tree.Add(path, new CoverageNode { Type = FileType.Regular, Permissions = mode & 0xFFF, Uid = FuseContext.Current.Uid, Gid = FuseContext.Current.Gid });
    }

    [Open]
    private Errno Open(string path)
    {
        Calls.Hit("open");
        return tree.Find(path) is null ? Errno.ENOENT : Errno.None;
    }

    [Read]
    private int Read(string path, Span<byte> buffer, long offset)
    {
        Calls.Hit("read");
        return tree.Read(path, buffer, offset);
    }

    [Write]
    private int Write(string path, ReadOnlySpan<byte> data, long offset)
    {
        Calls.Hit("write");
        return tree.Write(path, data, offset);
    }

    [Statfs]
    private Errno StatFs(string path, ref StatVfs stat)
    {
        Calls.Hit("statfs");
        stat.BlockSize = 4096;
        stat.FragmentSize = 4096;
        stat.Blocks = 1000;
        stat.BlocksFree = 600;
        stat.BlocksAvailable = 500;
        stat.Files = 100;
        stat.FilesFree = 42;
        stat.MaxNameLength = 200;
        return Errno.None;
    }

    [Flush]
    private Errno Flush(string path)
    {
        Calls.Hit("flush");
        return Errno.None;
    }

    [Release]
    private Errno Release(string path)
    {
        Calls.Hit("release");
        return Errno.None;
    }

    [Fsync]
    private Errno Fsync(string path, bool dataOnly)
    {
        Calls.Hit("fsync");
        FsyncCalls.Enqueue(dataOnly);
        return Errno.None;
    }

    [Setxattr]
    private Errno SetXattr(string path, string name, ReadOnlySpan<byte> value, XattrFlags flags)
    {
        Calls.Hit("setxattr");
        var copy = value.ToArray();
        return Change(path, node => node.Xattrs[name] = copy);
    }

    /// <summary>The buffer form: a zero-length buffer is the kernel's size probe, answered with the size.</summary>
    [Getxattr]
    private int GetXattr(string path, string name, Span<byte> buffer)
    {
        Calls.Hit("getxattr");
        XattrBufferSizes.Enqueue($"getxattr {name} {buffer.Length}");
        if (tree.Find(path) is not { } node)
        {
            return -(int)Errno.ENOENT;
        }

        lock (tree.Gate)
        {
            if (!node.Xattrs.TryGetValue(name, out var value))
            {
                return -(int)Errno.ENODATA;
            }

            if (buffer.IsEmpty)
            {
                return value.Length;
            }

            return value.AsSpan().TryCopyTo(buffer) ? value.Length : -(int)Errno.ERANGE;
        }
    }

    /// <summary>The buffer form, probed like <see cref="GetXattr"/>.</summary>
    [Listxattr]
    private int ListXattr(string path, Span<byte> buffer)
    {
        Calls.Hit("listxattr");
        XattrBufferSizes.Enqueue($"listxattr {buffer.Length}");
        if (tree.Find(path) is not { } node)
        {
            return -(int)Errno.ENOENT;
        }

        byte[] list;
        lock (tree.Gate)
        {
            var names = new StringBuilder();
            foreach (var name in node.Xattrs.Keys)
            {
                names.Append(name).Append('\0');
            }

            list = Encoding.UTF8.GetBytes(names.ToString());
        }

        return buffer.IsEmpty ? list.Length : list.AsSpan().TryCopyTo(buffer) ? list.Length : -(int)Errno.ERANGE;
    }

    [Removexattr]
    private Errno RemoveXattr(string path, string name)
    {
        Calls.Hit("removexattr");
        var found = false;
        var changed = Change(path, node => found = node.Xattrs.Remove(name));
        return changed != Errno.None ? changed : found ? Errno.None : Errno.ENODATA;
    }

    [Opendir]
    private Errno OpenDirectory(string path)
    {
        Calls.Hit("opendir");
        return tree.Find(path) is { Type: FileType.Directory } ? Errno.None : Errno.ENOTDIR;
    }

    [Readdir]
    private Errno ReadDirectory(string path, ref DirectoryFiller entries)
    {
        Calls.Hit("readdir");
        entries.Add(".");
        entries.Add("..");
        foreach (var name in tree.Children(path))
        {
            entries.Add(name);
        }

        return Errno.None;
    }

    [Releasedir]
    private Errno ReleaseDirectory(string path)
    {
        Calls.Hit("releasedir");
        return Errno.None;
    }

    [Fsyncdir]
    private Errno FsyncDirectory(string path, bool dataOnly)
    {
        Calls.Hit("fsyncdir");
        return tree.Find(path) is { Type: FileType.Directory } ? Errno.None : Errno.ENOTDIR;
    }

    /// <summary>Reached only when the mount lacks default_permissions: the kernel then asks on every access().</summary>
    [Access]
    private Errno Access(string path, AccessMode mode)
    {
        Calls.Hit("access");
        AccessCalls.Enqueue($"{path} {mode}");
        if (tree.Find(path) is null)
        {
            return Errno.ENOENT;
        }

        return path == "/denied" && (mode & AccessMode.Write) != 0 ? Errno.EACCES : Errno.None;
    }

    /// <summary>F_GETLK always finds a conflicting read lock of [100, 110); F_SETLK is granted.</summary>
    [Lock]
    private Errno Lock(string path, LockCommand command, ref FileLock lockInfo)
    {
        Calls.Hit("lock");
        LockCalls.Enqueue($"{command} {lockInfo.Type} {lockInfo.Start} {lockInfo.Length}");
        if (command == LockCommand.Get)
        {
            lockInfo.Type = LockType.Read;
            lockInfo.Whence = Whence.Set;
            lockInfo.Start = 100;
            lockInfo.Length = 10;
        }

        return Errno.None;
    }

    /// <summary>Not sent by the kernel to ordinary (non-fuseblk) mounts: maps block N to 2N + 7.</summary>
    [Bmap]
    private Errno Bmap(string path, long blockSize, ref ulong index)
    {
        Calls.Hit("bmap");
        if (tree.Find(path) is null || blockSize != 4096)
        {
            return Errno.EINVAL;
        }

        index = (2 * index) + 7;
        return Errno.None;
    }

    [Ioctl]
    private Errno Ioctl(string path, uint command, Span<byte> data)
    {
        Calls.Hit("ioctl");
        switch (command)
        {
            case IoctlPut when data.Length == 16:
                ioctlData = data.ToArray();
                return Errno.None;
            case IoctlGet when data.Length == 16:
                ioctlData.CopyTo(data);
                data.Reverse();
                return Errno.None;
            default:
                return Errno.ENOTTY;
        }
    }

    /// <summary><c>/pollable</c> is readable once <see cref="MakeReadable"/> ran; until then the handle is kept to notify.</summary>
    [Poll]
    private Errno Poll(string path, PollHandle pollHandle, ref PollEvents events)
    {
        Calls.Hit("poll");
        if (path != "/pollable" || Volatile.Read(ref readable) != 0)
        {
            pollHandle.Dispose();
            events = PollEvents.In | PollEvents.Out;
            return Errno.None;
        }

        if (pollHandle.IsPresent)
        {
            Interlocked.Exchange(ref pendingPoll, pollHandle)?.Dispose();
            pollArmed.Set();
        }

        events = PollEvents.None;
        return Errno.None;
    }

    [Flock]
    private Errno Flock(string path, FlockOperation operation)
    {
        Calls.Hit("flock");
        FlockCalls.Enqueue(operation);
        return path == "/busy" && (operation & FlockOperation.Exclusive) != 0 ? Errno.EWOULDBLOCK : Errno.None;
    }

    [Fallocate]
    private Errno Fallocate(string path, FallocateMode mode, long offset, long length)
    {
        Calls.Hit("fallocate");
        FallocateCalls.Enqueue($"{mode} {offset} {length}");
        if (mode is not (FallocateMode.Allocate or FallocateMode.KeepSize))
        {
            return Errno.EOPNOTSUPP;
        }

        return Change(path, node =>
        {
            if (mode == FallocateMode.Allocate && offset + length > node.Data.Length)
            {
                node.Resize(offset + length);
            }
        });
    }

    [CopyFileRange]
    private long CopyFileRange(string pathIn, long offsetIn, string pathOut, long offsetOut, long size)
    {
        Calls.Hit("copy_file_range");
        CopyCalls.Enqueue($"{pathIn}@{offsetIn} -> {pathOut}@{offsetOut} {size}");
        var buffer = new byte[Math.Min(size, 1 << 20)];
        var count = tree.Read(pathIn, buffer, offsetIn);
        return count < 0 ? count : tree.Write(pathOut, buffer.AsSpan(0, count), offsetOut);
    }

    [Lseek]
    private long Seek(string path, long offset, Whence whence)
    {
        Calls.Hit("lseek");
        if (path != "/sparse")
        {
            return -(long)Errno.EINVAL;
        }

        var (start, end, size) = SparseData;
        return whence switch
        {
            _ when offset >= size => -(long)Errno.ENXIO,
            Whence.Data => offset < start ? start : offset < end ? offset : -(long)Errno.ENXIO,
            Whence.Hole => offset < start ? offset : offset < end ? end : offset,
            _ => -(long)Errno.EINVAL,
        };
    }

    [Statx]
    private Errno GetExtendedAttributes(string path, StatxFlags flags, StatxMask mask, ref Statx statx)
    {
        Calls.Hit("statx");
        StatxCalls.Enqueue($"{path} {(int)flags:x} {(uint)mask:x}");
        var stat = default(Stat);
        var result = tree.Stat(path, ref stat);
        if (result == Errno.None)
        {
            statx.SetBasicStats(stat);
            statx.BirthTime = BirthTime;
        }

        return result;
    }

    [Syncfs]
    private void SyncFileSystem(string path)
    {
        Calls.Hit("syncfs");
        SyncfsCalls.Enqueue(path);
    }

    private Errno Change(string path, Action<CoverageNode> change)
    {
        if (tree.Find(path) is not { } node)
        {
            return Errno.ENOENT;
        }

        lock (tree.Gate)
        {
            change(node);
        }

        return Errno.None;
    }
}

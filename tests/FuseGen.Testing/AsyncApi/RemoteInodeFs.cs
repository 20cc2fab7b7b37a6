using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FuseGen.Testing.AsyncApi;

/// <summary>
/// A flat directory of files kept in a "remote store" (a dictionary another client may change behind the mount's
/// back), served by async methods as a user would write them; its native half is generated.
/// </summary>
/// <remarks>
/// Inode 1 is the root; files have fixed inodes from 2 in the order they were added. <c>slow</c>'s read waits
/// <see cref="SlowRead"/> on the request's token (cancelled by the kernel's interrupt); every other read waits
/// <see cref="ReadLatency"/> (zero: completes synchronously). With <see cref="NotifyInsideOperations"/> each
/// getattr and read invalidates another inode from inside the operation. Listings wait for <see cref="ListingGate"/>.
/// </remarks>
[FuseInodeFileSystem]
public sealed partial class RemoteInodeFs
{
    private readonly ConcurrentDictionary<string, ulong> inodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, (string Name, byte[] Content)> files = new();
    private long nextInode = 2;
    private int slowReadsStarted;
    private int cancellationsObserved;
    private int gatedReadsCancelled;
    private int readsInProgress;
    private int maxReadsInProgress;
    private long reads;

    public RemoteInodeFs()
    {
        Put("slow", Encoding.UTF8.GetBytes("never read\n"));
        Put("data", Encoding.UTF8.GetBytes("version 1\n"));
    }

    /// <summary>How long a read of <c>slow</c> waits on its token.</summary>
    public TimeSpan SlowRead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long every other read waits before answering (the backend's latency).</summary>
    public TimeSpan ReadLatency { get; set; }

    /// <summary>Every read other than <c>slow</c>'s waits for this task too (tests hold reads pending with it).</summary>
    public Task ReadGate { get; set; } = Task.CompletedTask;

    /// <summary>Every readdir and readdirplus waits for this task before listing (tests hold listings pending with it).</summary>
    public Task ListingGate { get; set; } = Task.CompletedTask;

    /// <summary>When set, told of every request that reaches the filesystem (<c>"read 3"</c>), for tests that must know what the kernel asked.</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>When set, operations notify the kernel from inside (through this notifier) about another inode.</summary>
    public InodeNotifier? NotifyInsideOperations { get; set; }

    public int SlowReadsStarted => Volatile.Read(ref slowReadsStarted);

    /// <summary>Reads of <c>slow</c> that saw their token cancelled (the kernel's interrupt reached the backend call).</summary>
    public int CancellationsObserved => Volatile.Read(ref cancellationsObserved);

    /// <summary>Reads other than <c>slow</c>'s that saw their token cancelled while they waited on <see cref="ReadGate"/> or <see cref="ReadLatency"/>.</summary>
    public int GatedReadsCancelled => Volatile.Read(ref gatedReadsCancelled);

    /// <summary>Reads other than <c>slow</c>'s waiting on <see cref="ReadGate"/> or <see cref="ReadLatency"/> now.</summary>
    public int ReadsInProgress => Volatile.Read(ref readsInProgress);

    public int MaxReadsInProgress => Volatile.Read(ref maxReadsInProgress);

    public long Reads => Interlocked.Read(ref reads);

    public ulong InodeOf(string name) => inodes[name];

    /// <summary>Adds or changes a file in the remote store (the kernel is not told: that is what notifications are for).</summary>
    public ulong Put(string name, byte[] content)
    {
        var inode = inodes.GetOrAdd(name, _ => (ulong)Interlocked.Increment(ref nextInode) - 1);
        files[inode] = (name, content);
        return inode;
    }

    private static Stat FileStat(ulong inode, int size) => new()
    {
        Inode = inode,
        Type = FileType.Regular,
        Links = 1,
        Size = size,
        Permissions = System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.GroupRead | System.IO.UnixFileMode.OtherRead,
    };

    private static Stat RootStat() => new()
    {
        Inode = 1,
        Type = FileType.Directory,
        Links = 2,
        Permissions = System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite | System.IO.UnixFileMode.UserExecute | System.IO.UnixFileMode.OtherRead | System.IO.UnixFileMode.OtherExecute,
    };

    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        Trace?.Invoke("lookup " + Encoding.UTF8.GetString(name));
        if (parent != 1 || !inodes.TryGetValue(Encoding.UTF8.GetString(name), out var inode) || !files.TryGetValue(inode, out var file))
        {
            return Errno.ENOENT;
        }

        entry = new InodeEntry(inode, FileStat(inode, file.Content.Length));
        return Errno.None;
    }

    [Getattr]
    private ValueTask<Stat> GetAttrAsync(ulong inode)
    {
        Trace?.Invoke("getattr " + inode);
        NotifyAbout(inode);
        if (inode == 1)
        {
            return new ValueTask<Stat>(RootStat());
        }

        return files.TryGetValue(inode, out var file)
            ? new ValueTask<Stat>(FileStat(inode, file.Content.Length))
            : ValueTask.FromException<Stat>(new FuseException(Errno.ENOENT));
    }

    // No open flags of its own: the mount's (keep_cache with KernelCache, direct_io with DirectIo) apply.
    [Open]
    private void Open(ulong inode) => Trace?.Invoke("open " + inode);

    [Read]
    private async ValueTask<int> ReadAsync(ulong inode, Memory<byte> buffer, long offset, CancellationToken token)
    {
        Trace?.Invoke("read " + inode + " @" + offset + "+" + buffer.Length);
        NotifyAbout(inode);
        var (name, content) = files.TryGetValue(inode, out var file) ? file : throw new FuseException(Errno.ENOENT);
        Interlocked.Increment(ref reads);
        if (name == "slow")
        {
            Interlocked.Increment(ref slowReadsStarted);
            try
            {
                await Task.Delay(SlowRead, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Interlocked.Increment(ref cancellationsObserved);
                throw;
            }
        }
        else if (ReadLatency > TimeSpan.Zero || !ReadGate.IsCompleted)
        {
            var now = Interlocked.Increment(ref readsInProgress);
            int seen;
            while (now > (seen = Volatile.Read(ref maxReadsInProgress)) && Interlocked.CompareExchange(ref maxReadsInProgress, now, seen) != seen)
            {
            }

            try
            {
                await ReadGate.WaitAsync(token).ConfigureAwait(false);
                await Task.Delay(ReadLatency, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Interlocked.Increment(ref gatedReadsCancelled);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref readsInProgress);
            }
        }

        if (offset >= content.Length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.AsMemory((int)offset, count).CopyTo(buffer);
        return count;
    }

    [Readdir]
    private async ValueTask ReadDirAsync(ulong inode, AsyncDirectoryFiller entries, CancellationToken token)
    {
        if (!ListingGate.IsCompleted)
        {
            await ListingGate.WaitAsync(token).ConfigureAwait(false);
        }

        entries.Add("."u8, 1, FileType.Directory);
        entries.Add(".."u8, 1, FileType.Directory);
        foreach (var (number, file) in files)
        {
            if (!entries.Add(Encoding.UTF8.GetBytes(file.Name), number, FileType.Regular))
            {
                return;
            }
        }
    }

    [Readdirplus]
    private async Task ReadDirPlusAsync(ulong inode, AsyncDirectoryFiller entries, CancellationToken token)
    {
        if (!ListingGate.IsCompleted)
        {
            await ListingGate.WaitAsync(token).ConfigureAwait(false);
        }

        entries.Add("."u8, new InodeEntry(1, RootStat()));
        entries.Add(".."u8, new InodeEntry(1, RootStat()));
        foreach (var (number, file) in files)
        {
            if (!entries.Add(Encoding.UTF8.GetBytes(file.Name), new InodeEntry(number, FileStat(number, file.Content.Length))))
            {
                return;
            }
        }
    }

    private void NotifyAbout(ulong inode)
    {
        // "data" is the other file when the operation is on anything else, so the notification is about an inode the
        // kernel may hold a lock on (its own when the operation is on "data").
        NotifyInsideOperations?.InvalidateInode(inodes["data"], 0, 0);
    }
}

using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System;
using FuseGen.Interop.Native;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Runtime;

namespace FuseGen.Testing;

/// <summary>One <c>fuse_reply_*</c> call a fake request received.</summary>
/// <param name="Request">The fake <c>fuse_req_t</c>.</param>
/// <param name="Kind">The reply function without its prefix: <c>err</c>, <c>entry</c>, <c>attr</c>, <c>buf</c>, ...</param>
/// <param name="Error">For <c>err</c>: the (positive) errno, 0 for success.</param>
/// <param name="Inode">For <c>entry</c>/<c>create</c>: the entry's inode; for <c>attr</c>: <c>st_ino</c>.</param>
/// <param name="Generation">For <c>entry</c>/<c>create</c>: the entry's generation.</param>
/// <param name="Number">For <c>write</c>, <c>xattr</c>, <c>bmap</c>, <c>lseek</c>, <c>poll</c>, <c>ioctl</c>: the value; for <c>open</c>/<c>create</c>: <c>fh</c>; for <c>statx</c>: <c>stx_size</c>.</param>
/// <param name="Data">For <c>buf</c>, <c>readlink</c>, <c>ioctl</c>: the bytes; for <c>lock</c> and <c>statx</c>: the native structure.</param>
/// <param name="Stat">For <c>attr</c>/<c>entry</c>/<c>create</c>: the attributes.</param>
public sealed record InodeReply(nint Request, string Kind, int Error = 0, ulong Inode = 0, ulong Generation = 0, ulong Number = 0, byte[]? Data = null, Stat Stat = default);

/// <summary>
/// Calls an inode filesystem's entry points without a kernel, the way libfuse calls them: through the
/// <c>struct fuse_lowlevel_ops</c> its <c>FillOperations</c> fills (completed as a mount completes it), with fake
/// requests whose replies are recorded instead of written to /dev/fuse.
/// </summary>
/// <remarks>
/// <c>fuse_req_userdata</c> and <c>fuse_req_ctx</c> are replaced by native functions returning the session's handle
/// and a caller of this object's, and every <c>fuse_reply_*</c> by a recorder; <c>fuse_add_direntry_plus</c> stays
/// libfuse's own (it never reads the request), so libfuse is loaded. Process-wide, like <see cref="KernelFreeSession"/>:
/// one session at a time, no inode filesystem mounted in the process meanwhile, and not while a KernelFreeSession is
/// alive unless libfuse was loaded before it (loading sets the real <c>fuse_get_context</c> again).
/// </remarks>
public sealed unsafe partial class KernelFreeInodeSession : IDisposable
{
    private const int ENOENT = 2;

    private static readonly SemaphoreSlim Exclusive = new(1, 1);
    private static KernelFreeInodeSession? current;

    private readonly List<InodeReply> replies = new();
    private readonly Dictionary<nint, (nint Callback, nint Data)> interruptCallbacks = new();
    private readonly HashSet<nint> interrupted = new();
    private readonly Dictionary<string, nint> originals = new();
    private readonly NativeFunction userDataSource;
    private readonly NativeFunction contextSource;
    private readonly fuse_ctx* context;
    private readonly FuseLowLevelOperations* operations;
    private readonly FuseSession session;
    private GCHandle handle;
    private long nextRequest = 0x1000;
    private long replyCount;
    private long pollHandlesDestroyed;
    private long interruptFuncCalls;
    private bool disposed;

    /// <summary>Serves <paramref name="fileSystem"/> to fake requests from <see cref="KernelFreeSession.DefaultCaller"/>.</summary>
    public KernelFreeInodeSession(IFuseInodeFileSystem fileSystem, MountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        LibFuse.EnsureLoaded();
        if (!Exclusive.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new InvalidOperationException("another KernelFreeInodeSession has not been disposed");
        }

        try
        {
            FuseContextGate.EnterSession();
        }
        catch
        {
            Exclusive.Release();
            throw;
        }

        session = FuseSession.CreateForTesting(fileSystem, options ?? new MountOptions());
        handle = GCHandle.Alloc(session);
        context = (fuse_ctx*)NativeMemory.AllocZeroed((nuint)sizeof(fuse_ctx));
        var caller = KernelFreeSession.DefaultCaller;
        *context = new fuse_ctx { uid = caller.Uid, gid = caller.Gid, pid = caller.Pid, umask = caller.Umask };
        userDataSource = NativeFunction.ReturningConstant((void*)GCHandle.ToIntPtr(handle));
        contextSource = NativeFunction.ReturningConstant(context);
        operations = (FuseLowLevelOperations*)NativeMemory.AllocZeroed((nuint)sizeof(FuseLowLevelOperations));
        fileSystem.FillOperations(operations);
        ((InodeSessionApi)session.Api).Complete(operations);
        current = this;
        InstallFakes();
    }

    /// <summary>The table as a mount hands it to libfuse (init/destroy wrapped, table forgets installed).</summary>
    public FuseLowLevelOperations* Operations => operations;

    /// <summary>Open handles of the session (typed handles not yet released).</summary>
    public int OpenHandles => session.Handles.Count;

    /// <summary>When true, every reply function fails as for an interrupted request (-ENOENT), after recording.</summary>
    public bool FailReplies { get; set; }

    /// <summary>When false, replies are counted but not recorded, so a measured call allocates nothing here.</summary>
    public bool RecordReplies { get; set; } = true;

    /// <summary>Poll handles released (<c>fuse_pollhandle_destroy</c>, faked: the handles are the caller's memory).</summary>
    public long PollHandlesDestroyed => Interlocked.Read(ref pollHandlesDestroyed);

    /// <summary>Replies made, recorded or not.</summary>
    public long ReplyCount => Interlocked.Read(ref replyCount);

    /// <summary>The user data libfuse passes init and destroy.</summary>
    public void* UserData => (void*)GCHandle.ToIntPtr(handle);

    /// <summary>A fresh fake <c>fuse_req_t</c>.</summary>
    public void* NewRequest() => (void*)Interlocked.Increment(ref nextRequest);

    /// <summary>Deferred async requests in flight now (slot taken, not answered).</summary>
    public int PendingInFlight => Pending.InFlight;

    /// <summary>Most async requests in flight at once.</summary>
    public int PendingMaxObserved => Pending.MaxObserved;

    /// <summary>Times a worker waited at <see cref="MountOptions.MaxPendingRequests"/>.</summary>
    public long PendingBoundWaits => Pending.BoundWaits;

    private PendingRequests Pending => ((InodeSessionApi)session.Api).Pending;

    /// <summary>What a mount does when its unmount is asked for: cancel pending requests, let workers waiting at the bound go on.</summary>
    public void BeginClosing() => Pending.BeginClosing();

    /// <summary>What a mount does after its loop returned: cancel pending requests, wait up to <paramref name="timeout"/>, refuse the rest.</summary>
    public void Drain(TimeSpan timeout) => Pending.Drain(timeout);

    /// <summary>The session's notifier (sending needs a mounted session: only queuing works here).</summary>
    public InodeNotifier Notifier => session.Notifier;

    /// <summary>Requests with an interrupt callback registered now (<c>fuse_req_interrupt_func</c>).</summary>
    public int InterruptRegistrations
    {
        get
        {
            lock (interruptCallbacks)
            {
                return interruptCallbacks.Count;
            }
        }
    }

    /// <summary>Calls of <c>fuse_req_interrupt_func</c> so far, registrations and removals (each takes libfuse's locks).</summary>
    public long InterruptFuncCalls => Interlocked.Read(ref interruptFuncCalls);

    /// <summary>
    /// Interrupts <paramref name="request"/> as the kernel's FUSE_INTERRUPT does: calls its registered callback (on
    /// this thread, holding the registration lock as libfuse holds the request's); false when none is registered (a
    /// callback registered later then runs at once, as libfuse's).
    /// </summary>
    public bool Interrupt(void* request)
    {
        lock (interruptCallbacks)
        {
            interrupted.Add((nint)request);
            if (!interruptCallbacks.TryGetValue((nint)request, out var registered))
            {
                return false;
            }

            ((delegate* unmanaged[Cdecl]<void*, void*, void>)registered.Callback)(request, (void*)registered.Data);
            return true;
        }
    }

    /// <summary>Every reply recorded so far, in order.</summary>
    public IReadOnlyList<InodeReply> Replies
    {
        get
        {
            lock (replies)
            {
                return replies.ToArray();
            }
        }
    }

    /// <summary>The replies <paramref name="request"/> received.</summary>
    public IReadOnlyList<InodeReply> RepliesTo(void* request)
    {
        lock (replies)
        {
            return replies.FindAll(r => r.Request == (nint)request);
        }
    }

    /// <summary>The one reply <paramref name="request"/> received; throws unless there was exactly one.</summary>
    public InodeReply SingleReply(void* request)
    {
        var found = RepliesTo(request);
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"request {(nint)request:x} got {found.Count} replies: {string.Join(", ", found)}");
    }

    /// <summary>
    /// Sends a batch of forgets as libfuse's <c>do_batch_forget</c> does: to forget_multi when the table has it,
    /// otherwise to forget once per inode on a request of its own (libfuse then ends the batch itself, unrecorded here).
    /// </summary>
    /// <param name="count">How many inodes.</param>
    /// <param name="items"><paramref name="count"/> pairs of inode and lookup count (<c>struct fuse_forget_data</c>).</param>
    public void BatchForget(nuint count, ulong* items)
    {
        if (operations->forget_multi != null)
        {
            operations->forget_multi(NewRequest(), count, items);
            return;
        }

        for (nuint i = 0; i < count; i++)
        {
            operations->forget(NewRequest(), items[2 * i], items[(2 * i) + 1]);
        }
    }

    /// <summary>Puts libfuse's functions back, drops the session and lets the next one start.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        RestoreOriginals();

        // The requests ran on this thread: it must not go on reporting their caller as FuseContext.Current.
        InodeRequest.LeaveForTesting();
        current = null;
        session.Handles.Clear();
        handle.Free();
        userDataSource.Dispose();
        contextSource.Dispose();
        NativeMemory.Free(context);
        NativeMemory.Free(operations);
        FuseContextGate.ExitSession();
        Exclusive.Release();
    }

    private void Record(void* request, InodeReply reply)
    {
        lock (replies)
        {
            replies.Add(reply with { Request = (nint)request });
        }
    }

    private static int Recorded(void* request, InodeReply reply)
    {
        var target = current ?? throw new InvalidOperationException("no KernelFreeInodeSession");
        Interlocked.Increment(ref target.replyCount);
        if (target.RecordReplies)
        {
            target.Record(request, reply);
        }

        return target.FailReplies ? -ENOENT : 0;
    }

    /// <summary>True when replies are not recorded: then the reply is only counted, allocating nothing.</summary>
    private static bool CountedOnly(out int result)
    {
        var target = current ?? throw new InvalidOperationException("no KernelFreeInodeSession");
        result = target.FailReplies ? -ENOENT : 0;
        if (target.RecordReplies)
        {
            return false;
        }

        Interlocked.Increment(ref target.replyCount);
        return true;
    }

    private static byte[] Copy(void* data, nuint size) => new ReadOnlySpan<byte>(data, (int)size).ToArray();

    private static InodeReply Entry(string kind, void* entry)
    {
        var native = (ulong*)entry;
        return new InodeReply(0, kind, Inode: native[0], Generation: native[1], Stat: NativeStat.Read((byte*)entry + 16));
    }

    private void InstallFakes()
    {
        Save(nameof(LibFuse.fuse_req_userdata), (nint)LibFuse.fuse_req_userdata);
        Save(nameof(LibFuse.fuse_req_ctx), (nint)LibFuse.fuse_req_ctx);
        Save(nameof(LibFuse.fuse_reply_err), (nint)LibFuse.fuse_reply_err);
        Save(nameof(LibFuse.fuse_reply_none), (nint)LibFuse.fuse_reply_none);
        Save(nameof(LibFuse.fuse_reply_entry), (nint)LibFuse.fuse_reply_entry);
        Save(nameof(LibFuse.fuse_reply_create), (nint)LibFuse.fuse_reply_create);
        Save(nameof(LibFuse.fuse_reply_attr), (nint)LibFuse.fuse_reply_attr);
        Save(nameof(LibFuse.fuse_reply_readlink), (nint)LibFuse.fuse_reply_readlink);
        Save(nameof(LibFuse.fuse_reply_open), (nint)LibFuse.fuse_reply_open);
        Save(nameof(LibFuse.fuse_reply_write), (nint)LibFuse.fuse_reply_write);
        Save(nameof(LibFuse.fuse_reply_buf), (nint)LibFuse.fuse_reply_buf);
        Save(nameof(LibFuse.fuse_reply_statfs), (nint)LibFuse.fuse_reply_statfs);
        Save(nameof(LibFuse.fuse_reply_xattr), (nint)LibFuse.fuse_reply_xattr);
        Save(nameof(LibFuse.fuse_reply_lock), (nint)LibFuse.fuse_reply_lock);
        Save(nameof(LibFuse.fuse_reply_bmap), (nint)LibFuse.fuse_reply_bmap);
        Save(nameof(LibFuse.fuse_reply_ioctl), (nint)LibFuse.fuse_reply_ioctl);
        Save(nameof(LibFuse.fuse_reply_poll), (nint)LibFuse.fuse_reply_poll);
        Save(nameof(LibFuse.fuse_reply_lseek), (nint)LibFuse.fuse_reply_lseek);
        Save(nameof(LibFuse.fuse_reply_statx), (nint)LibFuse.fuse_reply_statx);
        Save(nameof(LibFuse.fuse_pollhandle_destroy), (nint)LibFuse.fuse_pollhandle_destroy);
        Save(nameof(LibFuse.fuse_req_interrupted), (nint)LibFuse.fuse_req_interrupted);
        Save(nameof(LibFuse.fuse_req_interrupt_func), (nint)LibFuse.fuse_req_interrupt_func);

        LibFuse.SetRequestSourcesForTesting(
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, void*>)userDataSource.Address,
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, fuse_ctx*>)contextSource.Address);
        LibFuse.fuse_reply_err = &ReplyErr;
        LibFuse.fuse_reply_none = &ReplyNone;
        LibFuse.fuse_reply_entry = &ReplyEntry;
        LibFuse.fuse_reply_create = &ReplyCreate;
        LibFuse.fuse_reply_attr = &ReplyAttr;
        LibFuse.fuse_reply_readlink = &ReplyReadlink;
        LibFuse.fuse_reply_open = &ReplyOpen;
        LibFuse.fuse_reply_write = &ReplyWrite;
        LibFuse.fuse_reply_buf = &ReplyBuf;
        LibFuse.fuse_reply_statfs = &ReplyStatfs;
        LibFuse.fuse_reply_xattr = &ReplyXattr;
        LibFuse.fuse_reply_lock = &ReplyLock;
        LibFuse.fuse_reply_bmap = &ReplyBmap;
        LibFuse.fuse_reply_ioctl = &ReplyIoctl;
        LibFuse.fuse_reply_poll = &ReplyPoll;
        LibFuse.fuse_reply_lseek = &ReplyLseek;
        LibFuse.fuse_reply_statx = &ReplyStatx;
        LibFuse.fuse_pollhandle_destroy = &PollHandleDestroy;
        LibFuse.fuse_req_interrupted = &Interrupted;
        LibFuse.fuse_req_interrupt_func = &InterruptFunc;
    }

    private void Save(string name, nint address) => originals[name] = address;

    private void RestoreOriginals()
    {
        LibFuse.SetRequestSourcesForTesting(
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, void*>)originals[nameof(LibFuse.fuse_req_userdata)],
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, fuse_ctx*>)originals[nameof(LibFuse.fuse_req_ctx)]);
        LibFuse.fuse_reply_err = (delegate* unmanaged[Cdecl]<void*, int, int>)originals[nameof(LibFuse.fuse_reply_err)];
        LibFuse.fuse_reply_none = (delegate* unmanaged[Cdecl]<void*, void>)originals[nameof(LibFuse.fuse_reply_none)];
        LibFuse.fuse_reply_entry = (delegate* unmanaged[Cdecl]<void*, void*, int>)originals[nameof(LibFuse.fuse_reply_entry)];
        LibFuse.fuse_reply_create = (delegate* unmanaged[Cdecl]<void*, void*, void*, int>)originals[nameof(LibFuse.fuse_reply_create)];
        LibFuse.fuse_reply_attr = (delegate* unmanaged[Cdecl]<void*, void*, double, int>)originals[nameof(LibFuse.fuse_reply_attr)];
        LibFuse.fuse_reply_readlink = (delegate* unmanaged[Cdecl]<void*, byte*, int>)originals[nameof(LibFuse.fuse_reply_readlink)];
        LibFuse.fuse_reply_open = (delegate* unmanaged[Cdecl]<void*, void*, int>)originals[nameof(LibFuse.fuse_reply_open)];
        LibFuse.fuse_reply_write = (delegate* unmanaged[Cdecl]<void*, nuint, int>)originals[nameof(LibFuse.fuse_reply_write)];
        LibFuse.fuse_reply_buf = (delegate* unmanaged[Cdecl]<void*, byte*, nuint, int>)originals[nameof(LibFuse.fuse_reply_buf)];
        LibFuse.fuse_reply_statfs = (delegate* unmanaged[Cdecl]<void*, void*, int>)originals[nameof(LibFuse.fuse_reply_statfs)];
        LibFuse.fuse_reply_xattr = (delegate* unmanaged[Cdecl]<void*, nuint, int>)originals[nameof(LibFuse.fuse_reply_xattr)];
        LibFuse.fuse_reply_lock = (delegate* unmanaged[Cdecl]<void*, void*, int>)originals[nameof(LibFuse.fuse_reply_lock)];
        LibFuse.fuse_reply_bmap = (delegate* unmanaged[Cdecl]<void*, ulong, int>)originals[nameof(LibFuse.fuse_reply_bmap)];
        LibFuse.fuse_reply_ioctl = (delegate* unmanaged[Cdecl]<void*, int, void*, nuint, int>)originals[nameof(LibFuse.fuse_reply_ioctl)];
        LibFuse.fuse_reply_poll = (delegate* unmanaged[Cdecl]<void*, uint, int>)originals[nameof(LibFuse.fuse_reply_poll)];
        LibFuse.fuse_reply_lseek = (delegate* unmanaged[Cdecl]<void*, long, int>)originals[nameof(LibFuse.fuse_reply_lseek)];
        LibFuse.fuse_reply_statx = (delegate* unmanaged[Cdecl]<void*, int, Statx*, double, int>)originals[nameof(LibFuse.fuse_reply_statx)];
        LibFuse.fuse_pollhandle_destroy = (delegate* unmanaged[Cdecl]<void*, void>)originals[nameof(LibFuse.fuse_pollhandle_destroy)];
        LibFuse.fuse_req_interrupted = (delegate* unmanaged[Cdecl]<void*, int>)originals[nameof(LibFuse.fuse_req_interrupted)];
        LibFuse.fuse_req_interrupt_func = (delegate* unmanaged[Cdecl]<void*, delegate* unmanaged[Cdecl]<void*, void*, void>, void*, void>)originals[nameof(LibFuse.fuse_req_interrupt_func)];
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyErr(void* request, int error) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "err", Error: error));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void ReplyNone(void* request)
    {
        if (!CountedOnly(out _))
        {
            Recorded(request, new InodeReply(0, "none"));
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyEntry(void* request, void* entry) => CountedOnly(out var quiet) ? quiet : Recorded(request, Entry("entry", entry));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyCreate(void* request, void* entry, void* fileInfo) => CountedOnly(out var quiet) ? quiet : Recorded(request, Entry("create", entry) with { Number = ((fuse_file_info*)fileInfo)->fh });

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyAttr(void* request, void* stat, double timeout)
    {
        if (CountedOnly(out var quiet))
        {
            return quiet;
        }

        var attributes = NativeStat.Read(stat);
        return Recorded(request, new InodeReply(0, "attr", Inode: attributes.Inode, Stat: attributes));
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyReadlink(void* request, byte* link) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "readlink", Data: NativeText.AsSpan(link).ToArray()));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyOpen(void* request, void* fileInfo) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "open", Number: ((fuse_file_info*)fileInfo)->fh));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyWrite(void* request, nuint count) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "write", Number: count));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyBuf(void* request, byte* data, nuint size) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "buf", Data: Copy(data, size)));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyStatfs(void* request, void* stat) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "statfs"));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyXattr(void* request, nuint size) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "xattr", Number: size));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyLock(void* request, void* value) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "lock", Data: Copy(value, 32)));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyBmap(void* request, ulong index) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "bmap", Number: index));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyIoctl(void* request, int result, void* data, nuint size) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "ioctl", Number: (ulong)result, Data: Copy(data, size)));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyPoll(void* request, uint events) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "poll", Number: events));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyLseek(void* request, long offset) => CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "lseek", Number: (ulong)offset));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int ReplyStatx(void* request, int flags, Statx* value, double timeout) =>
        CountedOnly(out var quiet) ? quiet : Recorded(request, new InodeReply(0, "statx", Number: (ulong)value->Size, Data: new ReadOnlySpan<byte>(value, sizeof(Statx)).ToArray()));

    // Poll handles of fake requests are the test's memory: counted, never freed here.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void PollHandleDestroy(void* handle)
    {
        if (current is { } target)
        {
            Interlocked.Increment(ref target.pollHandlesDestroyed);
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int Interrupted(void* request) => 0;

    // libfuse's registration: under the request's lock, which the callback also runs under (Interrupt).
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void InterruptFunc(void* request, delegate* unmanaged[Cdecl]<void*, void*, void> callback, void* data)
    {
        var target = current ?? throw new InvalidOperationException("no KernelFreeInodeSession");
        Interlocked.Increment(ref target.interruptFuncCalls);
        lock (target.interruptCallbacks)
        {
            if (callback == null)
            {
                target.interruptCallbacks.Remove((nint)request);
            }
            else
            {
                target.interruptCallbacks[(nint)request] = ((nint)callback, (nint)data);

                // As libfuse: a callback registered after the interrupt arrived runs at once.
                if (target.interrupted.Contains((nint)request))
                {
                    callback(request, data);
                }
            }
        }
    }
}

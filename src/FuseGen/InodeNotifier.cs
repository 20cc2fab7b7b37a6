using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using System;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Runtime;

namespace FuseGen;

/// <summary>
/// Tells the kernel about changes it did not make through the mount (another client of the backing store wrote a
/// file, a directory entry appeared or went away): invalidate cached data and attributes, invalidate or delete a
/// directory entry, store data into the page cache, retrieve it, and wake pollers. Safe from any thread. Get it from
/// <see cref="FuseMount.Notifications"/> (inode mounts only).
/// </summary>
/// <remarks>
/// <para><b>The rule.</b> While the kernel waits for the reply to a request it may hold locks (the inode's, a page's,
/// the parent directory's) that a notification about the same objects needs, so a notification sent by the thread
/// that is still to send that reply would wait for itself. A notification issued on a libfuse worker thread (inside a
/// synchronous operation, or the synchronous part of an async one) is therefore <b>queued</b> and sent in order by a
/// thread-pool sender, which may wait in the kernel until the reply has gone; the method returns
/// <see cref="Errno.None"/> at once and the outcome is counted (<see cref="Delivered"/>, <see cref="NotCached"/>,
/// <see cref="Failed"/>; failures are also reported to the fault handler). A notification issued on any other thread is
/// sent at once and its result returned. Async operation code that has already awaited runs on another thread: it
/// must not notify about the objects its own request is on before that request's task completes (or it waits for
/// itself), which <see cref="Post"/> avoids.</para>
/// <para><b>Results.</b> ENOENT means the kernel has nothing cached for that inode or entry: nothing to invalidate,
/// not an error (counted in <see cref="NotCached"/>, never reported). Once the session is being torn down every
/// notification answers ENOTCONN.</para>
/// </remarks>
public sealed unsafe class InodeNotifier : IThreadPoolWorkItem
{
    private readonly FuseSession session;
    private readonly PendingRequests pending;
    private readonly ConcurrentQueue<Notification> queue = new();
    private int senderScheduled;
    private long delivered;
    private long notCached;
    private long failed;
    private long queued;

    internal InodeNotifier(FuseSession session, PendingRequests pending)
    {
        this.session = session;
        this.pending = pending;
    }

    private enum Kind
    {
        InvalidateInode,
        InvalidateEntry,
        Delete,
        Store,
        Retrieve,
        Poll,
    }

    /// <summary>Notifications the kernel accepted.</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    /// <summary>Notifications about inodes or entries the kernel had not cached (ENOENT: nothing to do).</summary>
    public long NotCached => Interlocked.Read(ref notCached);

    /// <summary>Notifications that failed with another errno (also reported to the mount's fault handler).</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Notifications that were queued (issued on a libfuse worker, or with <see cref="Post"/>).</summary>
    public long Queued => Interlocked.Read(ref queued);

    /// <summary>Queued notifications not yet sent.</summary>
    public int Waiting => queue.Count;

    /// <summary>
    /// Drops the kernel's cached data of <paramref name="inode"/> from <paramref name="offset"/> for
    /// <paramref name="length"/> bytes (0: to the end) and its cached attributes; a negative
    /// <paramref name="offset"/> drops only the attributes (<c>fuse_lowlevel_notify_inval_inode</c>).
    /// </summary>
    public Errno InvalidateInode(ulong inode, long offset = 0, long length = 0) =>
        Submit(new Notification(Kind.InvalidateInode, inode, 0, offset, length, null, null));

    /// <summary>Drops the kernel's cached entry <paramref name="name"/> in <paramref name="parent"/> (<c>fuse_lowlevel_notify_inval_entry</c>).</summary>
    public Errno InvalidateEntry(ulong parent, string name) =>
        Submit(new Notification(Kind.InvalidateEntry, parent, 0, 0, 0, Name(name), null));

    /// <summary>
    /// Tells the kernel that <paramref name="name"/> in <paramref name="parent"/>, which was <paramref name="child"/>,
    /// is gone: the entry is dropped and open files see the deletion (<c>fuse_lowlevel_notify_delete</c>).
    /// </summary>
    public Errno Delete(ulong parent, ulong child, string name) =>
        Submit(new Notification(Kind.Delete, parent, child, 0, 0, Name(name), null));

    /// <summary>Puts <paramref name="data"/> into the kernel's page cache of <paramref name="inode"/> at <paramref name="offset"/> (<c>fuse_lowlevel_notify_store</c>); the bytes are copied.</summary>
    public Errno Store(ulong inode, long offset, ReadOnlySpan<byte> data) =>
        Submit(new Notification(Kind.Store, inode, 0, offset, 0, null, data.ToArray()));

    /// <summary>
    /// Asks the kernel for <paramref name="size"/> bytes of its cache of <paramref name="inode"/> at
    /// <paramref name="offset"/>; they arrive at the filesystem's retrieve_reply operation with
    /// <paramref name="cookie"/> (<c>fuse_lowlevel_notify_retrieve</c>).
    /// </summary>
    public Errno Retrieve(ulong inode, long offset, int size, ulong cookie) =>
        Submit(new Notification(Kind.Retrieve, inode, cookie, offset, size, null, null));

    /// <summary>Wakes the poller waiting on <paramref name="handle"/> and releases the handle (<c>fuse_lowlevel_notify_poll</c>).</summary>
    public Errno WakePoller(PollHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return Submit(new Notification(Kind.Poll, 0, 0, 0, 0, null, null, handle));
    }

    /// <summary>
    /// Queues <paramref name="notify"/> (a call of this notifier's methods) to run on the sender, whatever the
    /// calling thread: for async operation code that notifies about its own request's objects.
    /// </summary>
    public void Post(Action<InodeNotifier> notify)
    {
        ArgumentNullException.ThrowIfNull(notify);
        Enqueue(new Notification(Kind.Poll, 0, 0, 0, 0, null, null, Deferred: notify));
    }

    /// <summary>Sends what this thread may not send now; runs on the thread pool.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            while (queue.TryDequeue(out var notification))
            {
                try
                {
                    if (notification.Deferred is { } deferred)
                    {
                        try
                        {
                            deferred(this);
                        }
                        catch (Exception e)
                        {
                            FuseSession.MapFault(session, e, "notify");
                        }
                    }
                    else
                    {
                        Send(in notification);
                    }
                }
                finally
                {
                    pending.NotificationDone();
                }
            }

            Volatile.Write(ref senderScheduled, 0);
            if (queue.IsEmpty || Interlocked.CompareExchange(ref senderScheduled, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private static byte[] Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Encoding.UTF8.GetBytes(name);
    }

    private Errno Submit(in Notification notification)
    {
        if (InodeRequest.IsServingThread)
        {
            Enqueue(notification);
            return Errno.None;
        }

        return Send(in notification);
    }

    private void Enqueue(Notification notification)
    {
        Interlocked.Increment(ref queued);
        pending.NotificationQueued();
        queue.Enqueue(notification);
        if (Interlocked.CompareExchange(ref senderScheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private Errno Send(in Notification notification)
    {
        // Inside the rundown: the session pointer stays valid until the native call has returned.
        var result = -(int)Errno.ENOTCONN;
        if (pending.TryEnterNative())
        {
            try
            {
                result = Call(in notification, session.Api.NativeSession);
            }
            finally
            {
                pending.ExitNative();
            }
        }

        return Count(notification.Kind, result);
    }

    private static int Call(in Notification n, void* native)
    {
        if (native == null)
        {
            return -(int)Errno.ENOTCONN;
        }

        switch (n.Kind)
        {
            case Kind.InvalidateInode:
                return LibFuse.fuse_lowlevel_notify_inval_inode(native, n.Inode, n.Offset, n.Length);
            case Kind.InvalidateEntry:
                fixed (byte* name = n.Name)
                {
                    return LibFuse.fuse_lowlevel_notify_inval_entry(native, n.Inode, name, (nuint)n.Name!.Length);
                }

            case Kind.Delete:
                fixed (byte* name = n.Name)
                {
                    return LibFuse.fuse_lowlevel_notify_delete(native, n.Inode, n.Other, name, (nuint)n.Name!.Length);
                }

            case Kind.Store:
                fixed (byte* data = n.Data)
                {
                    var vector = stackalloc byte[NativeBufferVector.MaxSize];
                    NativeBufferVector.InitializeMemory(vector, data, n.Data!.Length);
                    return LibFuse.fuse_lowlevel_notify_store(native, n.Inode, n.Offset, vector, 0);
                }

            case Kind.Retrieve:
                return LibFuse.fuse_lowlevel_notify_retrieve(native, n.Inode, (nuint)n.Length, n.Offset, (void*)n.Other);
            default:
                n.Poller!.Notify();
                return 0;
        }
    }

    private Errno Count(Kind kind, int result)
    {
        var errno = result >= 0 ? Errno.None : (Errno)(-result);
        if (errno == Errno.None)
        {
            Interlocked.Increment(ref delivered);
        }
        else if (errno == Errno.ENOENT)
        {
            Interlocked.Increment(ref notCached);
        }
        else
        {
            Interlocked.Increment(ref failed);
            session.Report(new FuseFault("notify_" + kind, new FuseException(errno), errno));
        }

        return errno;
    }

    private readonly record struct Notification(
        Kind Kind,
        ulong Inode,
        ulong Other,
        long Offset,
        long Length,
        byte[]? Name,
        byte[]? Data,
        PollHandle? Poller = null,
        Action<InodeNotifier>? Deferred = null);
}

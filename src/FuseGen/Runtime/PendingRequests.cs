using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Runtime;

/// <summary>
/// The requests of one inode session that are in flight on FuseGen's async path: the bound on them
/// (<see cref="MountOptions.MaxPendingRequests"/>), the set of those waiting for their task, and the rundown that
/// keeps every deferred reply and notification before <c>fuse_session_destroy</c> (after it, a <c>fuse_req_t</c>
/// or the session pointer would be freed memory).
/// </summary>
/// <remarks>
/// <para>A slot is taken only by a request whose task the libfuse worker found still running (a deferred reply),
/// and given back after that reply. A request whose task completed synchronously is answered inline on its worker
/// and takes none: libfuse's worker count already bounds those, and the loop (which joins its workers before the
/// rundown) outlives them. So at most <see cref="MountOptions.MaxPendingRequests"/> deferred requests, plus the
/// requests libfuse's workers are running, are in flight.</para>
/// <para><b>At the bound the libfuse worker waits</b> (<see cref="WaitForSlot"/>), holding its request's running
/// task, until a deferred request has been answered or that task completes (then it answers inline): nothing is
/// dropped or failed, and libfuse stops reading /dev/fuse once all its workers wait, so the kernel queues (and
/// finally blocks) its callers. The wait ends early when the session is closing (<see cref="BeginClosing"/>,
/// <see cref="Drain"/>): the slot is then granted over the bound, so the loop can end.</para>
/// <para><b>An unmount from outside</b> (<c>fusermount3 -u</c>, <c>umount</c>) ends the kernel's connection, which
/// libfuse learns by reading <c>/dev/fuse</c>; when every worker waits here, none reads it. So a waiting worker also
/// polls the device (<see cref="FuseDevice.HasEnded"/>) and, once the connection has ended, exits the session as a
/// worker reading ENODEV would: the waiters go on, the tokens are cancelled, the loop returns. Replies sent after that
/// reach no one (libfuse frees the request as at any shutdown); their metrics count them as ENOTCONN
/// (<see cref="ConnectionEnded"/>).</para>
/// </remarks>
internal sealed unsafe class PendingRequests
{
    private readonly object gate = new();
    private readonly HashSet<AsyncInodeRequest> waiting = new();
    private readonly int bound;
    private int inFlight;
    private int waiters;
    private int replying;
    private int queuedNotifications;
    private int maxObserved;
    private long boundWaits;
    private volatile bool closed;
    private volatile bool closing;
    private volatile bool connectionEnded;
    private void* session;

    public PendingRequests(int bound) => this.bound = bound > 0 ? bound : int.MaxValue;

    /// <summary>Deferred requests in flight now (taken a slot, not yet answered).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Most requests in flight at once so far.</summary>
    public int MaxObserved => Volatile.Read(ref maxObserved);

    /// <summary>
    /// The libfuse session (once created), which a worker waiting at the bound asks whether it has exited: an unmount
    /// from outside ends the loop without <see cref="BeginClosing"/>, and the loop joins the waiting worker.
    /// </summary>
    public void* NativeSession
    {
        set => session = value;
    }

    /// <summary>Times a worker had to wait at the bound.</summary>
    public long BoundWaits => Interlocked.Read(ref boundWaits);

    /// <summary>Requests waiting for their task now.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>
    /// True once the kernel was seen to have ended the connection (an unmount from outside): a reply still sent goes
    /// nowhere, and is measured as ENOTCONN.
    /// </summary>
    public bool ConnectionEnded => connectionEnded;

    /// <summary>Takes a slot unless <see cref="MountOptions.MaxPendingRequests"/> are in flight; over the bound once the session is closing.</summary>
    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref inFlight);
            if (current >= bound && !closing)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref inFlight, current + 1, current) == current)
            {
                RecordMaximum(current + 1);
                return true;
            }
        }
    }

    /// <summary>
    /// Waits a while for a slot (<see cref="TryEnter"/> may then succeed): until a request in flight is answered, the
    /// session starts closing, or 50 ms (the caller then checks whether its own task completed meanwhile).
    /// </summary>
    public void WaitForSlot()
    {
        Interlocked.Increment(ref boundWaits);
        lock (gate)
        {
            Interlocked.Increment(ref waiters);
            try
            {
                if (Volatile.Read(ref inFlight) >= bound && !closing)
                {
                    // The timeout also covers a wake-up lost between Leave's decrement and its read of waiters.
                    Monitor.Wait(gate, 50);
                }
            }
            finally
            {
                Interlocked.Decrement(ref waiters);
            }
        }

        // The session is alive while a worker runs: libfuse destroys it only after its loop joined the workers.
        var native = session;
        if (!closing && native != null && SessionEnded(native))
        {
            BeginClosing();
        }
    }

    /// <summary>Gives a slot back and wakes a worker waiting at the bound.</summary>
    public void Leave()
    {
        Interlocked.Decrement(ref inFlight);
        if (Volatile.Read(ref waiters) > 0)
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>
    /// The session is ending (its unmount was asked for, or its loop returned): cancels the tokens of the requests
    /// waiting for their task, and a worker waiting at the bound gets its slot at once, so libfuse's loop, which joins
    /// its workers, can end. Idempotent; a request deferred later is cancelled by <see cref="Drain"/>.
    /// </summary>
    public void BeginClosing()
    {
        closing = true;
        lock (gate)
        {
            // Under the lock: a request leaves the set (under it) before its object is recycled.
            foreach (var request in waiting)
            {
                request.CancelForShutdown();
            }

            Monitor.PulseAll(gate);
        }
    }

    /// <summary>A request goes on waiting for its task (so unmount can cancel it).</summary>
    public void Add(AsyncInodeRequest request)
    {
        lock (gate)
        {
            waiting.Add(request);
        }
    }

    /// <summary>A waiting request got its task's result.</summary>
    public void Remove(AsyncInodeRequest request)
    {
        lock (gate)
        {
            waiting.Remove(request);
        }
    }

    /// <summary>
    /// Starts a reply or notification that uses the native session; false once the session is closed (then the
    /// caller must not touch the request or session). Every true is paired with <see cref="ExitNative"/>.
    /// </summary>
    public bool TryEnterNative()
    {
        Interlocked.Increment(ref replying);
        if (closed)
        {
            ExitNative();
            return false;
        }

        return true;
    }

    /// <summary>A notification was queued: the session drains it before it is torn down.</summary>
    public void NotificationQueued() => Interlocked.Increment(ref queuedNotifications);

    /// <summary>A queued notification was sent or refused.</summary>
    public void NotificationDone() => Interlocked.Decrement(ref queuedNotifications);

    /// <summary>Ends what <see cref="TryEnterNative"/> started.</summary>
    public void ExitNative() => Interlocked.Decrement(ref replying);

    /// <summary>
    /// Called once the loop has returned, before libfuse is torn down: cancels the tokens of the requests still
    /// waiting, gives them up to <paramref name="timeout"/> to be answered, then closes: a request answered later is
    /// dropped (counted in <see cref="AsyncInodeRequest.Abandoned"/>), never sent to freed memory.
    /// </summary>
    public void Drain(TimeSpan timeout)
    {
        // Unmounted from outside while a worker read /dev/fuse (it got ENODEV): what is answered from now on goes nowhere.
        var native = session;
        if (native != null && FuseDevice.HasEnded(native))
        {
            connectionEnded = true;
        }

        BeginClosing();

        var clock = Stopwatch.StartNew();
        while ((Volatile.Read(ref inFlight) > 0 || Volatile.Read(ref queuedNotifications) > 0) && clock.Elapsed < timeout)
        {
            Thread.Sleep(5);
        }

        closed = true;
        lock (gate)
        {
            Monitor.PulseAll(gate);
        }

        // A reply that passed the closed check before it was set finishes its native call first.
        SpinWait.SpinUntil(() => Volatile.Read(ref replying) == 0);
    }

    /// <summary>
    /// Whether the loop is ending: a worker exited the session (it read ENODEV, or the unmount was asked for), or the
    /// kernel ended the connection, which nobody may read while every worker waits at the bound: this worker then
    /// exits the session itself, so the loop ends once the workers return to it.
    /// </summary>
    private bool SessionEnded(void* native)
    {
        if (LibFuse.fuse_session_exited(native) != 0)
        {
            return true;
        }

        if (!FuseDevice.HasEnded(native))
        {
            return false;
        }

        connectionEnded = true;
        LibFuse.fuse_session_exit(native);
        return true;
    }

    private void RecordMaximum(int value)
    {
        var seen = Volatile.Read(ref maxObserved);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref maxObserved, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

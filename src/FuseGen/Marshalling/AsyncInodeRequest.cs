using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using System.Threading;
using System;
using FuseGen.Interop.Native;
using FuseGen.Interop;
using FuseGen.Runtime;

namespace FuseGen.Marshalling;

/// <summary>
/// An inode request served by an async operation method (one returning <c>ValueTask</c>, <c>ValueTask&lt;T&gt;</c>,
/// <c>Task</c> or <c>Task&lt;T&gt;</c>): its reply buffer, its cancellation by the kernel, its slot under
/// <see cref="MountOptions.MaxPendingRequests"/> once deferred, its metrics, and exactly one reply, inline when the
/// task is already complete and from the completing thread otherwise. Pooled; used by generated code.
/// </summary>
/// <remarks>
/// <para>A generated trampoline has the shape
/// <code>
/// var request = InodeRequest.From(req);
/// var call = AsyncInodeRequest.Begin(request, size, cancellable: true, operation: "read");   // never throws
/// try
/// {
///     var task = fs.ReadAsync(..., call.Buffer, ..., call.Token);
///     if (task.IsCompletedSuccessfully) { request.ReplyRead(task.Result, call.BufferSpan); call.AnsweredInline(); }
///     else call.Complete(task, ReplyRead, "read");   // may wait at the bound
/// }
/// catch (Exception e) { call.Fail(e, "read"); }
/// </code>
/// with a static reply method such as <c>static void ReplyRead(AsyncInodeRequest c, int n) =&gt;
/// c.Request.ReplyRead(n, c.BufferSpan)</c> (passed as a method group converted once to a cached delegate by the
/// compiler: a <c>static</c> lambda works the same). A task that completed successfully is answered as a synchronous
/// method is, by the same reply on the worker's request, then <see cref="AnsweredInline"/>: no delegate, no
/// bookkeeping of an answer nothing else can race (nothing was registered or hooked up). After
/// <see cref="AnsweredInline"/>, <see cref="Complete{T}(ValueTask{T}, Action{AsyncInodeRequest, T}, string)"/> or
/// <see cref="Fail"/> the trampoline must not touch the object again: it may already serve another request.</para>
/// <para><b>Buffers.</b> <see cref="Buffer"/> is this object's own pinned array, not the thread's
/// <see cref="InodeRequest.ReadBuffer"/>, so it stays valid until the deferred reply has been sent. A request that
/// completes inline gives the object back to its thread, so the synchronous case allocates nothing.</para>
/// <para><b>Cancellation.</b> With <c>cancellable</c>, <see cref="Token"/> is cancelled when the kernel interrupts
/// the request (<c>fuse_req_interrupt_func</c>, registered only once the task is found still running: a task
/// completed inline has nothing to cancel, so that case costs no libfuse call). libfuse calls that callback on a worker while holding the
/// request's lock, and unregistering (done before every reply) takes the same lock, so the callback only queues the
/// cancellation to the thread pool: user callbacks and continuations never run under libfuse's lock. An
/// <see cref="OperationCanceledException"/> once the token is cancelled answers EINTR (not reported as a fault).</para>
/// <para><b>The bound.</b> Only a request whose task is found still running takes a slot and counts as
/// <see cref="Outstanding"/>: the worker registers the interrupt callback, then takes a slot, waiting at the bound
/// (<see cref="PendingRequests.WaitForSlot"/>) until one is given back, the session closes, or its own task completes
/// (then it answers inline, having taken nothing). A request answered inline costs no interlocked operation.</para>
/// <para><b>Metrics.</b> The request is measured (<see cref="Diagnostics.FuseMetrics"/>) from <c>Begin</c> to its
/// reply, on whichever thread sends it; one dropped at shutdown, or answered after an unmount from outside ended the
/// connection (<see cref="PendingRequests.ConnectionEnded"/>), ends as ENOTCONN. Nothing is measured (one read of a
/// flag per request) while no listener is attached.</para>
/// <para><b>Unmount.</b> The session waits (<see cref="MountOptions.UnmountTimeout"/>) for requests still pending,
/// after cancelling their tokens; one answered after that is dropped and counted (<see cref="Abandoned"/>).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class AsyncInodeRequest
{
    // Pending requests beyond this many objects are not kept once answered (their buffers go to the GC).
    private const int PoolCapacity = 256;

    // Reads and listings are at most the kernel's max_read/max_pages; 128 KiB covers the defaults, so most buffers
    // never grow.
    private const int MinimumBuffer = 128 * 1024;

    private static readonly Action<CancellationTokenSource> CancelSource = static source =>
    {
        try
        {
            source.Cancel();
        }
        catch (Exception)
        {
            // A user's token callback that throws must not take down the thread pool thread.
        }
    };

    private static readonly object PoolGate = new();
    private static readonly AsyncInodeRequest?[] Pool = new AsyncInodeRequest?[PoolCapacity];
    private static int pooled;
    private static long outstanding;
    private static long live;
    private static long liveBuffers;
    private static long liveHandles;
    private static long deferredTotal;
    private static long interruptsTotal;
    private static long cancelledTotal;
    private static long abandonedTotal;
    private static long duplicateTotal;

    [ThreadStatic]
    private static AsyncInodeRequest? forThisThread;

    private GCHandle self;
    private InodeRequest request;
    private PendingRequests? pending;
    private byte[]? buffer;
    private int bufferLength;
    private CancellationTokenSource? cancellation;
    private AsyncDirectoryFiller? directory;
    private bool listing;
    private fuse_file_info* fileInfo;
    private bool keptFileInfo;
    private bool interruptWanted;
    private bool interruptRegistered;
    private bool deferred;
    private bool ownedByThread;
    private bool busy;
    private long start;
    private string operation = "";
    private int interrupted;
    private int answered;

    private AsyncInodeRequest() => Interlocked.Increment(ref live);

    /// <summary>An object cached by a libfuse worker that exits is collected with its thread; its weak handle is freed here.</summary>
    ~AsyncInodeRequest() => Discard();

    /// <summary>Deferred requests (task found running) not yet answered or dropped, process-wide. 0 when idle: a leak test reads it.</summary>
    public static long Outstanding => Interlocked.Read(ref outstanding);

    /// <summary>Objects alive (pooled, cached per thread, or serving), process-wide.</summary>
    public static long Live => Interlocked.Read(ref live);

    /// <summary>Pinned reply buffers held by live objects.</summary>
    public static long LiveBuffers => Interlocked.Read(ref liveBuffers);

    /// <summary>GC handles held by live objects (one per object that ever served a cancellable request).</summary>
    public static long LiveHandles => Interlocked.Read(ref liveHandles);

    /// <summary>Requests whose task was still running when the trampoline returned (answered later).</summary>
    public static long Deferred => Interlocked.Read(ref deferredTotal);

    /// <summary>Interrupts the kernel sent for cancellable requests.</summary>
    public static long Interrupts => Interlocked.Read(ref interruptsTotal);

    /// <summary>Requests answered EINTR because their token was cancelled.</summary>
    public static long Cancelled => Interlocked.Read(ref cancelledTotal);

    /// <summary>Requests answered after their session was torn down, so dropped unanswered.</summary>
    public static long Abandoned => Interlocked.Read(ref abandonedTotal);

    /// <summary>Second answers refused (a defect if ever non-zero).</summary>
    public static long DuplicateAnswers => Interlocked.Read(ref duplicateTotal);

    /// <summary>The request being served.</summary>
    public InodeRequest Request => request;

    /// <summary>The reply buffer asked for in <see cref="Begin(in InodeRequest, nuint, bool, string)"/> (empty when none): valid until the reply.</summary>
    public Memory<byte> Buffer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => buffer is null ? Memory<byte>.Empty : new Memory<byte>(buffer, 0, bufferLength);
    }

    /// <summary><see cref="Buffer"/> as a span, for the reply (without <see cref="Memory{T}.Span"/>'s checks of what backs it).</summary>
    public Span<byte> BufferSpan
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => buffer is null ? default : MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(buffer), bufferLength);
    }

    /// <summary>
    /// A directory listing over this request's buffer (<see cref="Begin(in InodeRequest, nuint, bool, string)"/>'s size is the kernel's), for an async
    /// readdir or readdirplus: answered by <see cref="ReplyDirectory"/>, and a failure gives back the lookups its
    /// readdirplus entries counted.
    /// </summary>
    public AsyncDirectoryFiller Directory(long offset, bool plus)
    {
        directory ??= new AsyncDirectoryFiller();
        directory.Open(request.DirectoryWriter(BufferPointer, (nuint)bufferLength, offset, plus));
        listing = true;
        return directory;
    }

    /// <summary>Answers a readdir or readdirplus with what <see cref="Directory"/>'s listing holds.</summary>
    public void ReplyDirectory()
    {
        if (!listing)
        {
            throw new InvalidOperationException("No listing was started for this request.");
        }

        request.ReplyDirectory(in directory!.Writer);
    }

    /// <summary>Cancelled when the kernel interrupts the request or the session shuts down; none unless cancellable.</summary>
    public CancellationToken Token
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => cancellation?.Token ?? CancellationToken.None;
    }

    /// <summary>
    /// Starts serving <paramref name="request"/> of <paramref name="operation"/> asynchronously: a reply buffer of
    /// <paramref name="bufferSize"/> bytes (0: none) and, when <paramref name="cancellable"/>, a token cancelled by the
    /// kernel's interrupt. Takes no slot under <see cref="MountOptions.MaxPendingRequests"/>: only a request whose task
    /// is found still running does (<see cref="Complete{T}(ValueTask{T}, Action{AsyncInodeRequest, T}, string)"/>).
    /// Reports the request's start to <see cref="Diagnostics.FuseMetrics"/> (its end is the reply). Never throws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AsyncInodeRequest Begin(in InodeRequest request, nuint bufferSize, bool cancellable, string operation)
    {
        var call = forThisThread;
        if (call is null || Volatile.Read(ref call.busy))
        {
            call = RentForThisThread(call);
        }

        call.busy = true;
        call.start = RequestMetrics.Start(operation);
        if (call.start != 0)
        {
            call.operation = operation;
        }

        call.request = request;
        call.answered = 0;
        call.PrepareBuffer(bufferSize);
        if (cancellable)
        {
            call.cancellation ??= new CancellationTokenSource();
            call.interruptWanted = true;
        }

        return call;
    }

    /// <summary>
    /// As <see cref="Begin(in InodeRequest, nuint, bool, string)"/>, keeping a copy of the request's <c>fuse_file_info</c>
    /// (<paramref name="fileInfo"/> lives on the libfuse worker's stack, gone once the entry point returns) as
    /// <see cref="FileInfo"/> until the reply: an async open sets its flags there and its reply sends them.
    /// </summary>
    public static AsyncInodeRequest Begin(in InodeRequest request, nuint bufferSize, bool cancellable, void* fileInfo, string operation)
    {
        var call = Begin(in request, bufferSize, cancellable, operation);
        call.KeepFileInfo(fileInfo);
        return call;
    }

    /// <summary>The request's kept <c>fuse_file_info</c> (see <see cref="Begin(in InodeRequest, nuint, bool, void*, string)"/>); null when none was kept.</summary>
    public void* FileInfo => keptFileInfo ? fileInfo : null;

    /// <summary>
    /// The trampoline answered a task that had completed successfully with the synchronous reply, on its worker (the
    /// reply did not throw): ends the request's metrics and gives the object back. Never throws. Nothing but that
    /// worker can have answered: the interrupt callback is registered, the slot taken and the continuation hooked up
    /// only for a task found still running (<see cref="Complete{T}(ValueTask{T}, Action{AsyncInodeRequest, T}, string)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AnsweredInline()
    {
        if (start != 0)
        {
            StopInline();
        }

        // The common case without a call: the thread's own object, nothing kept but its token source to reset. Before
        // any Defer nothing was registered, taken or interrupted, so there is nothing else to undo.
        if (ownedByThread && !listing && !keptFileInfo && (cancellation is null || cancellation.TryReset()))
        {
            interruptWanted = false;
            request = default;
            Volatile.Write(ref busy, false);
            return;
        }

        Recycle();
    }

    /// <summary>Answers with <paramref name="task"/>'s result through <paramref name="reply"/>: now if it is complete, otherwise when it completes.</summary>
    public void Complete<T>(ValueTask<T> task, Action<AsyncInodeRequest, T> reply, string operation)
    {
        if (task.IsCompleted || !Defer(task))
        {
            T result;
            try
            {
                result = task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Fail(e, operation);
                return;
            }

            Reply(reply, result, operation);
            return;
        }

        AsyncReply<T>.Start(this, task, reply, operation);
    }

    /// <summary>As <see cref="Complete{T}(ValueTask{T}, Action{AsyncInodeRequest, T}, string)"/> for a <c>Task&lt;T&gt;</c> (null: EIO).</summary>
    public void Complete<T>(Task<T>? task, Action<AsyncInodeRequest, T> reply, string operation)
    {
        if (task is null)
        {
            Fail(NullTask(operation), operation);
            return;
        }

        Complete(new ValueTask<T>(task), reply, operation);
    }

    /// <summary>Answers through <paramref name="reply"/> once <paramref name="task"/> has completed successfully; its exception otherwise.</summary>
    public void Complete(ValueTask task, Action<AsyncInodeRequest> reply, string operation)
    {
        if (task.IsCompleted || !Defer(task))
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Fail(e, operation);
                return;
            }

            Reply(static (call, action) => action(call), reply, operation);
            return;
        }

        AsyncReply<bool>.Start(this, task, reply, operation);
    }

    /// <summary>As <see cref="Complete(ValueTask, Action{AsyncInodeRequest}, string)"/> for a <c>Task</c> (null: EIO).</summary>
    public void Complete(Task? task, Action<AsyncInodeRequest> reply, string operation)
    {
        if (task is null)
        {
            Fail(NullTask(operation), operation);
            return;
        }

        Complete(new ValueTask(task), reply, operation);
    }

    /// <summary>
    /// Answers with <paramref name="exception"/>: EINTR when it is a cancellation and the request's token was
    /// cancelled, otherwise mapped and reported as <see cref="InodeRequest.Fail(Exception, string)"/>. A second
    /// answer is refused (counted). Never throws.
    /// </summary>
    public void Fail(Exception exception, string operation)
    {
        if (!TryStartAnswer())
        {
            return;
        }

        try
        {
            if (exception is OperationCanceledException && cancellation is { IsCancellationRequested: true })
            {
                Interlocked.Increment(ref cancelledTotal);
                GiveBackListing(operation);
                request.ReplyError(Errno.EINTR);
            }
            else if (listing)
            {
                request.Fail(exception, operation, in directory!.Writer);
            }
            else
            {
                request.Fail(exception, operation);
            }
        }
        finally
        {
            EndAnswer();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Reply<T>(Action<AsyncInodeRequest, T> reply, T result, string operation)
    {
        if (!TryStartAnswer())
        {
            return;
        }

        try
        {
            reply(this, result);
        }
        catch (Exception e)
        {
            // Reply* methods throw only before their libfuse call, so the request is still unanswered.
            if (listing)
            {
                request.Fail(e, operation, in directory!.Writer);
            }
            else
            {
                request.Fail(e, operation);
            }
        }
        finally
        {
            EndAnswer();
        }
    }

    /// <summary>Called by <see cref="PendingRequests.Drain"/> under its lock, so this object is not recycled meanwhile.</summary>
    internal void CancelForShutdown()
    {
        Volatile.Write(ref interrupted, 1);
        if (cancellation is { } source)
        {
            ThreadPool.UnsafeQueueUserWorkItem(CancelSource, source, preferLocal: false);
        }
    }

    private static InvalidOperationException NullTask(string operation) => new($"The {operation} method returned a null task.");

    /// <summary>
    /// The object for a request of this thread when its own is missing (first request) or busy (its request was
    /// deferred, or a request is served inside another on this thread): a new object becomes the thread's own, and a
    /// pooled one serves a busy thread's request and goes back to the pool after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static AsyncInodeRequest RentForThisThread(AsyncInodeRequest? own)
    {
        if (own is not null)
        {
            return Rent();
        }

        own = new AsyncInodeRequest { ownedByThread = true };
        forThisThread = own;
        return own;
    }

    private static AsyncInodeRequest Rent()
    {
        lock (PoolGate)
        {
            if (pooled > 0)
            {
                var call = Pool[--pooled]!;
                Pool[pooled] = null;
                return call;
            }
        }

        return new AsyncInodeRequest();
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnInterrupt(void* request, void* data)
    {
        try
        {
            if (GCHandle.FromIntPtr((nint)data).Target is AsyncInodeRequest call)
            {
                Interlocked.Increment(ref interruptsTotal);
                Volatile.Write(ref call.interrupted, 1);
                if (call.cancellation is { } source)
                {
                    // Not Cancel() here: libfuse holds the request's lock, and a continuation that replies would
                    // take it again to unregister this callback.
                    ThreadPool.UnsafeQueueUserWorkItem(CancelSource, source, preferLocal: false);
                }
            }
        }
        catch (Exception)
        {
            // Nothing may unwind into libfuse.
        }
    }

    private void KeepFileInfo(void* source)
    {
        if (source == null)
        {
            return;
        }

        if (fileInfo == null)
        {
            fileInfo = (fuse_file_info*)NativeMemory.AllocZeroed((nuint)sizeof(fuse_file_info));
        }

        // libfuse before 3.17 has the shorter struct: copy what it has, and keep the newer members zero.
        var size = LibFuse.Version >= fuse_file_info.BackingSince ? sizeof(fuse_file_info) : fuse_file_info.SizeBeforeBacking;
        *fileInfo = default;
        System.Buffer.MemoryCopy(source, fileInfo, sizeof(fuse_file_info), size);
        keptFileInfo = true;
    }

    private byte* BufferPointer => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer!));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrepareBuffer(nuint size)
    {
        if (size == 0)
        {
            bufferLength = 0;
            return;
        }

        var length = checked((int)size);

        // Room after the data for one native entry: a listing converts each entry there (ReplyBuffer.ScratchSize).
        if (buffer is null || buffer.Length < length + ReplyBuffer.ScratchSize)
        {
            if (buffer is null)
            {
                Interlocked.Increment(ref liveBuffers);
            }

            buffer = GC.AllocateUninitializedArray<byte>(Math.Max(length, MinimumBuffer) + ReplyBuffer.ScratchSize, pinned: true);
        }

        bufferLength = length;
    }

    /// <summary>A listing answered EINTR: the lookups its readdirplus entries counted never reach the kernel.</summary>
    private void GiveBackListing(string operation)
    {
        if (listing && directory!.Writer is { IsPlus: true, Table: { } table } entries)
        {
            try
            {
                DirectoryPlusReply.ForgetEntries(table, entries.Buffer, entries.Used);
            }
            catch (Exception e)
            {
                request.Report(e, operation);
            }
        }
    }

    /// <summary>
    /// Registers the interrupt callback of a request whose task is still running. Not done in <see cref="Begin(in InodeRequest, nuint, bool, string)"/>:
    /// a task that completed inline has nothing left to cancel, and each registration (and its removal before the
    /// reply) takes libfuse's request and session locks. Registering late loses nothing: libfuse's
    /// <c>fuse_req_interrupt_func</c> calls the callback at once when the interrupt arrived before it.
    /// </summary>
    private void RegisterInterrupt()
    {
        if (request.Native == null || LibFuse.fuse_req_interrupt_func == null)
        {
            return;
        }

        if (!self.IsAllocated)
        {
            // Weak: the handle must not keep alive an object whose thread (and thread cache) is gone.
            self = GCHandle.Alloc(this, GCHandleType.Weak);
            Interlocked.Increment(ref liveHandles);
        }

        interruptRegistered = true;
        LibFuse.fuse_req_interrupt_func(request.Native, &OnInterrupt, (void*)GCHandle.ToIntPtr(self));
    }

    /// <summary>
    /// Makes a request whose task was found running a deferred one: its interrupt callback, its slot under the bound
    /// (waiting for one is the backpressure), its count as outstanding. False when the task completed while the worker
    /// waited for the slot: it is then answered inline, and took nothing.
    /// </summary>
    private bool Defer<T>(ValueTask<T> task)
    {
        for (RegisterInterruptIfWanted(); !TryTakeSlot(); pending!.WaitForSlot())
        {
            if (task.IsCompleted)
            {
                return false;
            }
        }

        return MarkDeferred();
    }

    /// <summary>As <see cref="Defer{T}(ValueTask{T})"/> for a task without a result.</summary>
    private bool Defer(ValueTask task)
    {
        for (RegisterInterruptIfWanted(); !TryTakeSlot(); pending!.WaitForSlot())
        {
            if (task.IsCompleted)
            {
                return false;
            }
        }

        return MarkDeferred();
    }

    private void RegisterInterruptIfWanted()
    {
        // Found only now: a request answered inline never needs its session's pending set.
        pending = request.SessionOrNull?.Api is InodeSessionApi api ? api.Pending : null;

        // Before any wait for a slot: Ctrl-C on the caller cancels the task while its worker waits at the bound too.
        if (interruptWanted)
        {
            RegisterInterrupt();
        }
    }

    private bool TryTakeSlot() => pending is null || pending.TryEnter();

    private bool MarkDeferred()
    {
        // The object now belongs to the request until its reply, not to this libfuse worker. Before the
        // continuation is hooked up: from then on the reply may run on any thread.
        deferred = true;
        Interlocked.Increment(ref outstanding);
        Interlocked.Increment(ref deferredTotal);
        pending?.Add(this);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryStartAnswer()
    {
        // Until Defer nothing but the libfuse worker running the trampoline can answer (no continuation is hooked
        // up, the interrupt callback is not registered, shutdown only cancels deferred requests): no interlocked
        // exchange on the inline path, and nothing else to do unless it is measured or an interrupt was registered.
        if (deferred || start != 0 || interruptRegistered)
        {
            return TryStartDeferredOrMeasuredAnswer();
        }

        if (answered != 0)
        {
            Interlocked.Increment(ref duplicateTotal);
            return false;
        }

        answered = 1;
        return true;
    }

    private bool TryStartDeferredOrMeasuredAnswer()
    {
        if (deferred ? Interlocked.Exchange(ref answered, 1) != 0 : answered != 0)
        {
            Interlocked.Increment(ref duplicateTotal);
            return false;
        }

        answered = 1;

        if (start != 0)
        {
            // This thread's last answered error belongs to another request (a pool thread keeps it): the reply sets it.
            InodeRequest.TakeReplyError();
        }

        if (deferred && pending is { } gate && !gate.TryEnterNative())
        {
            // The session is gone: the request and its interrupt registration went with it.
            Interlocked.Increment(ref abandonedTotal);
            interruptRegistered = false;
            interrupted = 1;
            EndAnswer(enteredNative: false);
            return false;
        }

        if (interruptRegistered)
        {
            // Before the reply frees the request; after this returns no interrupt callback runs or will run for it.
            LibFuse.fuse_req_interrupt_func(request.Native, null, null);
            interruptRegistered = false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndAnswer(bool enteredNative = true)
    {
        if (start != 0 || deferred)
        {
            EndDeferredOrMeasuredAnswer(enteredNative);
        }

        Recycle();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StopInline()
    {
        RequestMetrics.StopReplied(operation, start);
        start = 0;
    }

    private void EndDeferredOrMeasuredAnswer(bool enteredNative)
    {
        if (start != 0)
        {
            // The request ends at its reply, wherever that ran; one dropped at shutdown never reached the kernel, nor
            // did one answered after an unmount from outside ended the connection.
            if (enteredNative && !(deferred && pending is { ConnectionEnded: true }))
            {
                RequestMetrics.StopReplied(operation, start);
            }
            else
            {
                InodeRequest.TakeReplyError();
                RequestMetrics.Stop(operation, start, -(int)Errno.ENOTCONN);
            }

            start = 0;
        }

        if (deferred)
        {
            if (pending is { } gate)
            {
                if (enteredNative)
                {
                    gate.ExitNative();
                }

                gate.Remove(this);
                gate.Leave();
            }

            Interlocked.Decrement(ref outstanding);
        }
    }

    private void Recycle()
    {
        if (cancellation is not null || listing || keptFileInfo)
        {
            ResetExtras();
        }

        interruptWanted = false;
        request = default;
        pending = null;
        deferred = false;
        interrupted = 0;
        if (ownedByThread)
        {
            // Back to its thread, which may take it for its next request from now on (whichever thread answered).
            Volatile.Write(ref busy, false);
            return;
        }

        busy = false;
        lock (PoolGate)
        {
            if (pooled < PoolCapacity)
            {
                Pool[pooled++] = this;
                return;
            }
        }

        Discard();
        GC.SuppressFinalize(this);
    }

    private void ResetExtras()
    {
        // A cancellation queued by an interrupt may still run: its source must never serve another request.
        if (Volatile.Read(ref interrupted) != 0 || (cancellation is not null && !cancellation.TryReset()))
        {
            cancellation = null;
        }

        if (listing)
        {
            directory!.Close();
            listing = false;
        }

        keptFileInfo = false;
    }

    private void Discard()
    {
        if (buffer is not null)
        {
            buffer = null;
            Interlocked.Decrement(ref liveBuffers);
        }

        if (fileInfo != null)
        {
            NativeMemory.Free(fileInfo);
            fileInfo = null;
        }

        if (self.IsAllocated)
        {
            self.Free();
            Interlocked.Decrement(ref liveHandles);
        }

        Interlocked.Decrement(ref live);
    }
}

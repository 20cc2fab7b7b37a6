using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Marshalling;
using FuseGen.Testing;
using FuseGen.Testing.AsyncApi;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// Async inode operations without a kernel: RemoteInodeFs's generated async trampolines called through the operation
/// table with fake requests; every reply, interrupt registration and pending request is counted.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe class AsyncInodeRequestTests
{
    private const int EINTR = 4;
    private const int EIO = 5;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_completed_task_is_answered_inline_without_allocating()
    {
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        var data = fs.InodeOf("data");

        var request = session.NewRequest();
        session.Operations->read(request, data, 4096, 0, null);
        Assert.Equal(Encoding.UTF8.GetBytes("version 1\n"), session.SingleReply(request).Data);

        session.RecordReplies = false;
        for (var i = 0; i < 100; i++)
        {
            session.Operations->read(session.NewRequest(), data, 4096, 0, null);
            session.Operations->getattr(session.NewRequest(), data, null);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            session.Operations->read(session.NewRequest(), data, 4096, 0, null);
            session.Operations->getattr(session.NewRequest(), data, null);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(2201, session.ReplyCount);
        Assert.Equal(0, AsyncInodeRequest.Outstanding);
        Assert.Equal(0, session.InterruptRegistrations);

        // Not registered and removed again: never registered (each call takes libfuse's request and session locks).
        Assert.Equal(0, session.InterruptFuncCalls);
    }

    [Fact]
    public void A_pending_read_is_answered_from_the_completing_thread_with_its_own_buffer()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fs = new RemoteInodeFs { ReadGate = gate.Task };
        fs.Put("big", Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray());
        using var session = new KernelFreeInodeSession(fs);
        var deferredBefore = AsyncInodeRequest.Deferred;

        var request = session.NewRequest();
        session.Operations->read(request, fs.InodeOf("big"), 131072, 4096, null);

        // The trampoline returned before the answer; the thread's next requests may not disturb the pending buffer.
        Assert.Empty(session.RepliesTo(request));
        Assert.Equal(1, session.InterruptRegistrations);
        for (var i = 0; i < 10; i++)
        {
            var other = session.NewRequest();
            session.Operations->getattr(other, fs.InodeOf("data"), null);
        }

        Assert.Empty(session.RepliesTo(request));
        gate.SetResult();

        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(request).Count > 0, Bound));
        var reply = session.SingleReply(request);
        Assert.Equal("buf", reply.Kind);
        Assert.Equal(Enumerable.Range(4096, 131072).Select(i => (byte)(i * 7)), reply.Data!);
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        Assert.Equal(1, AsyncInodeRequest.Deferred - deferredBefore);
        Assert.Equal(0, session.InterruptRegistrations);
        Assert.Equal(0, session.PendingInFlight);
    }

    [Fact]
    public void A_pending_listing_is_answered_from_its_own_buffer_after_the_thread_served_others()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fs = new RemoteInodeFs { ListingGate = gate.Task };
        using var session = new KernelFreeInodeSession(fs);

        var listing = session.NewRequest();
        session.Operations->readdir(listing, 1, 4096, 0, null);
        Assert.Empty(session.RepliesTo(listing));

        // The same thread serves reads meanwhile: they must not touch the pending listing's buffer.
        for (var i = 0; i < 10; i++)
        {
            session.Operations->read(session.NewRequest(), fs.InodeOf("data"), 4096, 0, null);
        }

        gate.SetResult();
        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(listing).Count > 0, Bound));
        var reply = session.SingleReply(listing);
        Assert.Equal("buf", reply.Kind);
        var names = Encoding.UTF8.GetString(reply.Data!);
        Assert.Contains("slow", names, StringComparison.Ordinal);
        Assert.Contains("data", names, StringComparison.Ordinal);
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
    }

    [Fact]
    public void A_listing_interrupted_while_pending_answers_EINTR_once()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fs = new RemoteInodeFs { ListingGate = gate.Task };
        using var session = new KernelFreeInodeSession(fs);
        var cancelledBefore = AsyncInodeRequest.Cancelled;

        var listing = session.NewRequest();
        session.Operations->readdirplus(listing, 1, 4096, 0, null);
        Assert.Equal(1, session.InterruptRegistrations);
        Assert.True(session.Interrupt(listing));

        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(listing).Count > 0, Bound));
        Assert.Equal(("err", EINTR), (session.SingleReply(listing).Kind, session.SingleReply(listing).Error));
        Assert.Equal(1, AsyncInodeRequest.Cancelled - cancelledBefore);
        gate.SetResult();
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        Assert.Single(session.RepliesTo(listing));
        Assert.Equal(0, session.InterruptRegistrations);
    }

    [Fact]
    public void A_deferred_open_answers_from_the_kept_file_info_with_its_handle()
    {
        var fs = new AsyncOpenInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        using var fileInfo = NativeBlock.FileInfo();

        var open = session.NewRequest();
        session.Operations->open(open, 7, fileInfo.Pointer);
        Assert.Equal(1, fs.Opens);
        Assert.Empty(session.RepliesTo(open));

        // libfuse's fuse_file_info lived on the worker's stack: gone (here, scribbled over) once the entry point returned.
        fileInfo.Span.Fill(0xEE);
        fs.OpenGate.SetResult();

        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(open).Count > 0, Bound));
        var reply = session.SingleReply(open);
        Assert.Equal("open", reply.Kind);
        Assert.NotEqual(0UL, reply.Number);
        Assert.NotEqual(0xEEEEEEEEEEEEEEEEUL, reply.Number);
        Assert.Equal(1, session.OpenHandles);

        // The handle the reply carried is the one later operations on the file receive, and release frees it.
        using var later = NativeBlock.FileInfo();
        later.Write(NativeBlock.FileInfoHandleOffset, reply.Number);
        var read = session.NewRequest();
        session.Operations->read(read, 7, 16, 0, later.Pointer);
        Assert.Equal(new byte[] { 7 }, session.SingleReply(read).Data);
        session.Operations->release(session.NewRequest(), 7, later.Pointer);
        Assert.Equal(0, session.OpenHandles);
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
    }

    [Fact]
    public void Faults_answer_once_synchronous_or_not()
    {
        var faults = new ConcurrentQueue<FuseFault>();
        var fs = new RemoteInodeFs { ReadLatency = TimeSpan.FromMilliseconds(20) };
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Enqueue });

        // getattr of an unknown inode: a faulted completed ValueTask (a FuseException: an answer, not a fault).
        var missing = session.NewRequest();
        session.Operations->getattr(missing, 999, null);
        Assert.Equal(("err", 2), (session.SingleReply(missing).Kind, session.SingleReply(missing).Error));

        // read of an unknown inode throws before the first await: an async method faults its task synchronously.
        var unknown = session.NewRequest();
        session.Operations->read(unknown, 999, 100, 0, null);
        Assert.Equal(2, session.SingleReply(unknown).Error);

        // A reply the kernel refuses (interrupted request) is still one reply.
        session.FailReplies = true;
        var refused = session.NewRequest();
        session.Operations->read(refused, fs.InodeOf("data"), 100, 0, null);
        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(refused).Count > 0, Bound));
        Assert.Single(session.RepliesTo(refused));
        session.FailReplies = false;

        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        Assert.Empty(faults);
    }

    [Fact]
    public void An_interrupt_cancels_the_token_and_answers_EINTR()
    {
        var faults = new ConcurrentQueue<FuseFault>();
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Enqueue });
        var cancelledBefore = AsyncInodeRequest.Cancelled;

        var request = session.NewRequest();
        session.Operations->read(request, fs.InodeOf("slow"), 4096, 0, null);
        Assert.Equal(1, fs.SlowReadsStarted);
        Assert.Empty(session.RepliesTo(request));

        Assert.True(session.Interrupt(request));

        AssertCancelledWithEintr(session, request, fs, cancelledBefore, faults);
    }

    [Fact]
    public void An_interrupt_before_the_task_is_found_pending_still_cancels_it()
    {
        // The interrupt callback is registered only once the method returned a running task; an interrupt that came
        // while the method ran synchronously is delivered by that late registration (libfuse calls it at once).
        var faults = new ConcurrentQueue<FuseFault>();
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Enqueue });
        var cancelledBefore = AsyncInodeRequest.Cancelled;
        var request = session.NewRequest();
        var registeredDuringCall = true;
        fs.Trace = line =>
        {
            if (line.StartsWith("read ", StringComparison.Ordinal))
            {
                registeredDuringCall = session.Interrupt(request);
            }
        };

        session.Operations->read(request, fs.InodeOf("slow"), 4096, 0, null);

        Assert.False(registeredDuringCall);
        AssertCancelledWithEintr(session, request, fs, cancelledBefore, faults);
    }

    [Fact]
    public void At_the_bound_workers_wait_holding_their_running_task_and_nothing_is_lost()
    {
        const int Bound4 = 4;
        const int Workers = 8;
        const int Requests = 24;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fs = new RemoteInodeFs { ReadGate = gate.Task };
        using var session = new KernelFreeInodeSession(fs, new MountOptions { MaxPendingRequests = Bound4 });
        var data = fs.InodeOf("data");
        var requests = Enumerable.Range(0, Requests).Select(_ => (nint)session.NewRequest()).ToArray();
        var deferredBefore = AsyncInodeRequest.Deferred;

        // Eight "libfuse workers" take the requests in turn; a worker whose task is still running at the bound waits
        // inside the trampoline for a slot.
        var queue = new ConcurrentQueue<nint>(requests);
        var workers = Enumerable.Range(0, Workers).Select(_ => new Thread(() =>
        {
            while (queue.TryDequeue(out var r))
            {
                session.Operations->read((void*)r, data, 64, 0, null);
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        // The bound is exact: four deferred reads, and each worker holds one more running read while it waits; no
        // worker is free to take another request.
        Assert.True(SpinWait.SpinUntil(() => fs.ReadsInProgress == Bound4 + Workers, Bound), $"{fs.ReadsInProgress} reads in progress");
        Assert.Equal(Bound4, session.PendingInFlight);
        Assert.Equal(Bound4, AsyncInodeRequest.Outstanding);
        Assert.Equal(Bound4, AsyncInodeRequest.Deferred - deferredBefore);
        Assert.Equal(Requests - Bound4 - Workers, queue.Count);
        Assert.True(session.PendingBoundWaits > 0, "no worker ever waited at the bound");
        Assert.All(workers, w => Assert.True(w.IsAlive));
        Assert.Equal(Bound4 + Workers, session.InterruptRegistrations);

        gate.SetResult();
        Assert.All(workers, w => Assert.True(w.Join(Bound)));

        Assert.True(SpinWait.SpinUntil(() => requests.All(r => session.RepliesTo((void*)r).Count > 0), Bound));
        foreach (var r in requests)
        {
            Assert.Equal(Encoding.UTF8.GetBytes("version 1\n"), session.SingleReply((void*)r).Data);
        }

        Assert.True(session.PendingMaxObserved <= Bound4, $"{session.PendingMaxObserved} deferred with a bound of {Bound4}");
        Assert.True(fs.MaxReadsInProgress <= Bound4 + Workers, $"{fs.MaxReadsInProgress} reads in progress with a bound of {Bound4} and {Workers} workers");
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        Assert.Equal(0, session.PendingInFlight);
        Assert.Equal(0, session.InterruptRegistrations);
    }

    [Fact]
    public void A_task_completing_while_its_worker_waits_for_a_slot_is_answered_inline_without_one()
    {
        using var session = new KernelFreeInodeSession(new RemoteInodeFs(), new MountOptions { MaxPendingRequests = 1 });
        var deferredBefore = AsyncInodeRequest.Deferred;
        var holder = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = session.NewRequest();
        Begin(held, cancellable: false).Complete(holder.Task, ReplyRead, "read");
        Assert.Equal(1, session.PendingInFlight);

        var waiting = new TaskCompletionSource<int>();
        var waiter = session.NewRequest();
        var worker = new Thread(() => Begin(waiter, cancellable: true).Complete(waiting.Task, ReplyRead, "read"));
        worker.Start();
        Assert.True(SpinWait.SpinUntil(() => session.PendingBoundWaits > 0, Bound), "the worker never waited at the bound");
        Assert.True(worker.IsAlive);

        // Its task completes before any slot is free: the worker answers it itself and returns.
        waiting.SetResult(5);
        Assert.True(worker.Join(Bound));
        Assert.Equal(("buf", 5), (session.SingleReply(waiter).Kind, session.SingleReply(waiter).Data!.Length));
        Assert.Equal(1, session.PendingInFlight);
        Assert.Equal(1, session.PendingMaxObserved);
        Assert.Equal(1, AsyncInodeRequest.Outstanding);
        Assert.Equal(1, AsyncInodeRequest.Deferred - deferredBefore);
        Assert.Equal(0, session.InterruptRegistrations);

        holder.SetResult(3);
        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(held).Count > 0, Bound));
        Assert.Equal(3, session.SingleReply(held).Data!.Length);
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        Assert.Equal(0, session.PendingInFlight);
    }

    [Fact]
    public void An_interrupt_while_the_worker_waits_for_a_slot_cancels_the_task_and_answers_EINTR_inline()
    {
        // The interrupt callback is registered before the worker waits at the bound: Ctrl-C is not held up by it.
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { MaxPendingRequests = 1 });
        var cancelledBefore = AsyncInodeRequest.Cancelled;
        var deferredBefore = AsyncInodeRequest.Deferred;
        var holder = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = session.NewRequest();
        Begin(held, cancellable: false).Complete(holder.Task, ReplyRead, "read");

        var slow = session.NewRequest();
        var worker = new Thread(() => session.Operations->read(slow, fs.InodeOf("slow"), 4096, 0, null));
        worker.Start();
        Assert.True(SpinWait.SpinUntil(() => session.PendingBoundWaits > 0 && session.InterruptRegistrations == 1, Bound));

        Assert.True(session.Interrupt(slow));
        Assert.True(worker.Join(Bound));
        Assert.Equal(("err", EINTR), (session.SingleReply(slow).Kind, session.SingleReply(slow).Error));
        Assert.Equal(1, fs.CancellationsObserved);
        Assert.Equal(1, AsyncInodeRequest.Cancelled - cancelledBefore);
        Assert.Equal(1, AsyncInodeRequest.Deferred - deferredBefore);
        Assert.Equal(0, session.InterruptRegistrations);

        holder.SetResult(1);
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        Assert.Equal(0, session.PendingInFlight);
        Assert.Single(session.RepliesTo(held));
    }

    [Fact]
    public void Closing_lets_a_worker_waiting_for_a_slot_go_on_and_the_rundown_answers_or_drops_each_request_once()
    {
        var session = new KernelFreeInodeSession(new RemoteInodeFs(), new MountOptions { MaxPendingRequests = 1 });
        try
        {
            var abandonedBefore = AsyncInodeRequest.Abandoned;
            var cancelledBefore = AsyncInodeRequest.Cancelled;

            // Holds the only slot and ignores every token.
            var holder = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var held = session.NewRequest();
            Begin(held, cancellable: false).Complete(holder.Task, ReplyRead, "read");

            var waiting = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = session.NewRequest();
            var worker = new Thread(() =>
            {
                var call = Begin(waiter, cancellable: true);
                call.Token.Register(static s => ((TaskCompletionSource<int>)s!).TrySetCanceled(), waiting);
                call.Complete(waiting.Task, ReplyRead, "read");
            });
            worker.Start();
            Assert.True(SpinWait.SpinUntil(() => session.PendingBoundWaits > 0, Bound));

            // The unmount was asked for: the loop joins its workers, so the waiting one gets its slot over the bound.
            session.BeginClosing();
            Assert.True(worker.Join(Bound));
            Assert.Empty(session.RepliesTo(waiter));
            Assert.Equal(2, session.PendingInFlight);

            // The rundown cancels the request deferred after closing began, and drops the one that never answers.
            session.Drain(TimeSpan.FromMilliseconds(500));
            Assert.Equal(("err", EINTR), (session.SingleReply(waiter).Kind, session.SingleReply(waiter).Error));
            Assert.Equal(1, AsyncInodeRequest.Cancelled - cancelledBefore);
            holder.SetResult(1);
            Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Abandoned - abandonedBefore == 1, Bound));
            Assert.Empty(session.RepliesTo(held));
            Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
            Assert.Equal(0, session.PendingInFlight);
            Assert.Equal(0, session.InterruptRegistrations);
        }
        finally
        {
            session.Dispose();
        }
    }

    [Fact]
    public void Shutdown_cancels_what_is_pending_and_drops_what_answers_after_it()
    {
        var fs = new RemoteInodeFs();
        var session = new KernelFreeInodeSession(fs);
        try
        {
            var abandonedBefore = AsyncInodeRequest.Abandoned;
            var slow = session.NewRequest();
            session.Operations->read(slow, fs.InodeOf("slow"), 4096, 0, null);

            // A task that ignores every token and completes after the session closed.
            var late = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var request = InodeRequest.From(session.NewRequest());
            var call = AsyncInodeRequest.Begin(in request, 16, cancellable: false, "read");
            call.Complete(late.Task, static (c, n) => c.Request.ReplyRead(n, c.Buffer.Span), "read");

            session.Drain(TimeSpan.FromMilliseconds(500));

            Assert.Equal(EINTR, session.SingleReply(slow).Error);
            Assert.Equal(1, fs.CancellationsObserved);
            late.SetResult(3);
            Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Abandoned - abandonedBefore == 1, Bound));
            Assert.Empty(session.RepliesTo(request.Native));
            Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
        }
        finally
        {
            session.Dispose();
        }
    }

    [Fact]
    public void Every_request_gets_exactly_one_reply_under_racing_completion_fault_and_interrupt()
    {
        const int Requests = 4000;
        var faults = new ConcurrentQueue<FuseFault>();
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Enqueue, MaxPendingRequests = 0 });
        var duplicatesBefore = AsyncInodeRequest.DuplicateAnswers;
        var tasks = new ConcurrentDictionary<nint, TaskCompletionSource<int>>();
        var tokens = new ConcurrentDictionary<nint, CancellationToken>();
        var outcomes = new ConcurrentDictionary<nint, int>();

        Parallel.For(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var native = session.NewRequest();
            var request = InodeRequest.From(native);
            var mode = i % 5;
            outcomes[(nint)native] = mode;
            var call = AsyncInodeRequest.Begin(in request, 32, cancellable: true, "read");
            try
            {
                switch (mode)
                {
                    case 0:
                        // Completed synchronously.
                        call.Complete(new ValueTask<int>(1), static (c, n) => c.Request.ReplyRead(n, c.Buffer.Span), "read");
                        break;
                    case 1:
                        // Throws before returning a task.
                        throw new InvalidOperationException("synchronous fault");
                    default:
                        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                        var token = call.Token;
                        tasks[(nint)native] = source;
                        tokens[(nint)native] = token;
                        token.Register(static s => ((TaskCompletionSource<int>)s!).TrySetCanceled(), source);
                        call.Complete(source.Task, static (c, n) => c.Request.ReplyRead(n, c.Buffer.Span), "read");
                        break;
                }
            }
            catch (Exception e)
            {
                call.Fail(e, "read");
            }
        });

        // Complete, fault and interrupt the pending ones from several threads at once, racing each other.
        Parallel.ForEach(tasks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, pair =>
        {
            switch (outcomes[pair.Key])
            {
                case 2:
                    pair.Value.TrySetResult(2);
                    break;
                case 3:
                    pair.Value.TrySetException(new InvalidOperationException("backend"));
                    break;
                default:
                    // An interrupt racing a completion: either may win, the request is answered once.
                    var completer = Task.Run(() => pair.Value.TrySetResult(4));
                    session.Interrupt((void*)pair.Key);
                    completer.Wait();
                    break;
            }
        });

        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound), $"{AsyncInodeRequest.Outstanding} outstanding");
        var byRequest = session.Replies.GroupBy(r => r.Request).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Requests, byRequest.Count);
        foreach (var (request, replies) in byRequest)
        {
            Assert.True(replies.Count == 1, $"request {request:x} got {replies.Count} replies");
            var reply = replies[0];
            switch (outcomes[request])
            {
                case 0:
                case 2:
                    Assert.Equal("buf", reply.Kind);
                    break;
                case 1:
                case 3:
                    Assert.Equal(("err", EIO), (reply.Kind, reply.Error));
                    break;
                default:
                    Assert.True(reply.Kind == "buf" || reply.Error == EINTR, reply.ToString());
                    break;
            }
        }

        Assert.Equal(0, AsyncInodeRequest.DuplicateAnswers - duplicatesBefore);
        Assert.Equal(0, session.InterruptRegistrations);
        Assert.Equal(0, session.PendingInFlight);
        Assert.Equal(Requests / 5 * 2, faults.Count);

        // Pooled objects, their pinned buffers and GC handles stay bounded by the pool, not by the requests served.
        Assert.True(AsyncInodeRequest.Live <= 256 + 16, $"{AsyncInodeRequest.Live} live request objects");
        Assert.True(AsyncInodeRequest.LiveBuffers <= AsyncInodeRequest.Live);
        Assert.True(AsyncInodeRequest.LiveHandles <= AsyncInodeRequest.Live);
    }

    [Fact]
    public void Notifications_inside_operations_are_queued()
    {
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        fs.NotifyInsideOperations = session.Notifier;

        var request = session.NewRequest();
        session.Operations->getattr(request, fs.InodeOf("data"), null);

        Assert.Equal("attr", session.SingleReply(request).Kind);
        Assert.Equal(1, session.Notifier.Queued);

        // Without a mounted session the sender can only count it as failed (ENOTCONN): reported, not lost.
        Assert.True(SpinWait.SpinUntil(() => session.Notifier.Failed == 1, Bound));
    }

    private static AsyncInodeRequest Begin(void* native, bool cancellable)
    {
        var request = InodeRequest.From(native);
        return AsyncInodeRequest.Begin(in request, 32, cancellable, "read");
    }

    private static void ReplyRead(AsyncInodeRequest call, int count) => call.Request.ReplyRead(count, call.Buffer.Span);

    /// <summary>The slow read <paramref name="request"/> was cancelled by its interrupt: EINTR once, seen by the method, nothing left registered or pending.</summary>
    private static void AssertCancelledWithEintr(KernelFreeInodeSession session, void* request, RemoteInodeFs fs, long cancelledBefore, ConcurrentQueue<FuseFault> faults)
    {
        Assert.True(SpinWait.SpinUntil(() => session.RepliesTo(request).Count > 0, Bound));
        Assert.Equal(("err", EINTR), (session.SingleReply(request).Kind, session.SingleReply(request).Error));
        Assert.Equal(1, fs.CancellationsObserved);
        Assert.Equal(1, AsyncInodeRequest.Cancelled - cancelledBefore);
        Assert.Equal(0, session.InterruptRegistrations);
        Assert.Empty(faults);
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
    }
}

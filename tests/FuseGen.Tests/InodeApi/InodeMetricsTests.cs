using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Diagnostics;
using FuseGen.Marshalling;
using FuseGen.Testing;
using FuseGen.Testing.AsyncApi;
using FuseGen.Testing.InodeApi;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// The FuseGen meter over inode entry points, without a kernel: each request is counted once it has replied, an
/// error by the errno it answered, and measuring allocates nothing beyond what the filesystem itself does.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe class InodeMetricsTests
{
    private const ulong Root = 1;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void Replied_errors_are_counted_by_errno_and_listening_allocates_nothing()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        using var missing = NativeBlock.CString("missing");
        using var hello = NativeBlock.CString("hello");
        long lookups = 0, enoent = 0, getattrs = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FuseMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? operation = null, errno = null;
            foreach (var tag in tags)
            {
                if (tag.Key == FuseMetrics.OperationTag)
                {
                    operation = (string?)tag.Value;
                }
                else if (tag.Key == FuseMetrics.ErrnoTag)
                {
                    errno = (string?)tag.Value;
                }
            }

            if (instrument.Name == FuseMetrics.RequestsName && operation == "lookup")
            {
                Interlocked.Add(ref lookups, value);
            }
            else if (instrument.Name == FuseMetrics.RequestsName && operation == "getattr")
            {
                Interlocked.Add(ref getattrs, value);
            }
            else if (instrument.Name == FuseMetrics.ErrorsName && operation == "lookup" && errno == "ENOENT")
            {
                Interlocked.Add(ref enoent, value);
            }
        });
        session.RecordReplies = false;
        Serve(session, missing.Pointer, hello.Pointer, 10);

        // TreeInodeFs decodes each looked-up name to a string: what it allocates unmeasured is the baseline.
        var before = GC.GetAllocatedBytesForCurrentThread();
        Serve(session, missing.Pointer, hello.Pointer, 1000);
        var unmeasured = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, Interlocked.Read(ref lookups));

        listener.Start();
        Serve(session, missing.Pointer, hello.Pointer, 10);
        before = GC.GetAllocatedBytesForCurrentThread();
        Serve(session, missing.Pointer, hello.Pointer, 1000);
        var measured = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(unmeasured, measured);
        Assert.Equal(2 * 1010, Interlocked.Read(ref lookups));
        Assert.Equal(1010, Interlocked.Read(ref enoent));
        Assert.True(Interlocked.Read(ref getattrs) >= 1010, $"{getattrs} getattr requests counted");

        static void Serve(KernelFreeInodeSession session, byte* missing, byte* hello, int count)
        {
            for (var i = 0; i < count; i++)
            {
                session.Operations->lookup(session.NewRequest(), Root, missing);
                session.Operations->lookup(session.NewRequest(), Root, hello);
                session.Operations->getattr(session.NewRequest(), Root, null);
            }
        }
    }

    [Fact]
    public void An_async_request_is_measured_until_its_reply_and_a_completed_one_allocates_nothing_measured()
    {
        // readdirplus: the path API has no such operation, so tests running alongside cannot add to its figures.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fs = new RemoteInodeFs { ListingGate = gate.Task };
        using var session = new KernelFreeInodeSession(fs);
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);

        // Deferred: the duration runs until the reply sent from the completing thread, not until the worker returned.
        var held = Stopwatch.StartNew();
        var deferred = session.NewRequest();
        session.Operations->readdirplus(deferred, Root, 4096, 0, null);
        Assert.Empty(session.RepliesTo(deferred));
        Assert.Equal(1, recorder.Sum(FuseMetrics.ActiveName, FuseMetrics.OperationTag, "readdirplus"));
        Thread.Sleep(100);
        gate.SetResult();
        Assert.True(SpinWait.SpinUntil(() => recorder.Of(FuseMetrics.DurationName, FuseMetrics.OperationTag, "readdirplus").Count > 0, Bound));
        var duration = recorder.Of(FuseMetrics.DurationName, FuseMetrics.OperationTag, "readdirplus").Single().Value;
        Assert.True(duration >= 0.1, $"{duration} s measured for a reply held back 100 ms");
        Assert.True(duration <= held.Elapsed.TotalSeconds, $"{duration} s measured, {held.Elapsed.TotalSeconds} s elapsed");
        Assert.Equal(1, recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "readdirplus"));
        Assert.Equal(0, recorder.Sum(FuseMetrics.ActiveName, FuseMetrics.OperationTag, "readdirplus"));
        Assert.Empty(recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "readdirplus"));

        // Interrupted while deferred: an error by the errno it answered.
        fs.ListingGate = new TaskCompletionSource().Task;
        var interrupted = session.NewRequest();
        session.Operations->readdirplus(interrupted, Root, 4096, 0, null);
        Assert.True(session.Interrupt(interrupted));
        Assert.True(SpinWait.SpinUntil(() => recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "readdirplus").Count > 0, Bound));
        Assert.Equal("EINTR", recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "readdirplus").Single().Tag(FuseMetrics.ErrnoTag));

        // Completed inline: measured at its reply on the worker, counted once.
        fs.ListingGate = Task.CompletedTask;
        var inline = session.NewRequest();
        session.Operations->readdirplus(inline, Root, 4096, 0, null);
        Assert.Single(session.RepliesTo(inline));
        Assert.Equal(3, recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "readdirplus"));
        Assert.Equal(0, recorder.Sum(FuseMetrics.ActiveName, FuseMetrics.OperationTag, "readdirplus"));
        Assert.True(SpinWait.SpinUntil(() => AsyncInodeRequest.Outstanding == 0, Bound));
    }

    [Fact]
    public void Listening_to_completed_async_requests_allocates_nothing()
    {
        var fs = new RemoteInodeFs();
        using var session = new KernelFreeInodeSession(fs) { RecordReplies = false };
        var data = fs.InodeOf("data");
        long reads = 0, getattrs = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FuseMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name != FuseMetrics.RequestsName)
            {
                return;
            }

            foreach (var tag in tags)
            {
                if (tag.Key == FuseMetrics.OperationTag && (string?)tag.Value == "read")
                {
                    Interlocked.Add(ref reads, value);
                }
                else if (tag.Key == FuseMetrics.OperationTag && (string?)tag.Value == "getattr")
                {
                    Interlocked.Add(ref getattrs, value);
                }
            }
        });
        listener.Start();
        Serve(10);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Serve(1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        // Path-API tests running alongside may add reads and getattrs of their own: at least ours were counted.
        Assert.True(Interlocked.Read(ref reads) >= 1010, $"{reads} reads counted");
        Assert.True(Interlocked.Read(ref getattrs) >= 1010, $"{getattrs} getattrs counted");
        Assert.Equal(0, AsyncInodeRequest.Outstanding);

        void Serve(int count)
        {
            for (var i = 0; i < count; i++)
            {
                session.Operations->read(session.NewRequest(), data, 4096, 0, null);
                session.Operations->getattr(session.NewRequest(), data, null);
            }
        }
    }
}

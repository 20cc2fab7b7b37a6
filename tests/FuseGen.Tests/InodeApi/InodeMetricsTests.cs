using System;
using System.Diagnostics.Metrics;
using System.Threading;
using FuseGen.Diagnostics;
using FuseGen.Testing;
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
}

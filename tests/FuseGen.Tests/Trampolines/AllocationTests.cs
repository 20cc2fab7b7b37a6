using System;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.Trampolines;

/// <summary>
/// The span-based shapes must not allocate per request: every allocation is GC pressure, and a GC pause stalls
/// every FUSE request in flight.
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class AllocationTests : IDisposable
{
    private const int Calls = 10_000;

    private readonly KernelFreeSession fuse;
    private readonly RecordingFs fs = new();
    private readonly FuseOperations* ops;

    public AllocationTests(KernelFreeSession fuse)
    {
        this.fuse = fuse;
        ops = fuse.Serve(fs);
        FakeFiller.Reset();
    }

    public void Dispose()
    {
        fuse.Leave(); // frees ops
    }

    [Fact]
    public void Getattr_with_ref_Stat_does_not_allocate()
    {
        using var path = NativeBlock.CString("/file");
        using var buffer = new NativeBlock(NativeStat.MaxSize);

        var allocated = Measure(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                if (ops->getattr(path.Pointer, buffer.Pointer, null) != 0)
                {
                    throw new InvalidOperationException("getattr failed");
                }
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Read_into_a_span_does_not_allocate()
    {
        using var path = NativeBlock.CString("/file");
        using var buffer = new NativeBlock(128 * 1024);
        using var info = new NativeBlock(64);

        var allocated = Measure(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                if (ops->read(path.Pointer, buffer.Pointer, 128 * 1024, i, info.Pointer) != 128 * 1024)
                {
                    throw new InvalidOperationException("read failed");
                }
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Write_from_a_span_does_not_allocate()
    {
        using var path = NativeBlock.CString("/file");
        using var data = new NativeBlock(64 * 1024, fill: 3);

        var allocated = Measure(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                if (ops->write(path.Pointer, data.Pointer, 64 * 1024, i, null) != 64 * 1024)
                {
                    throw new InvalidOperationException("write failed");
                }
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Readdir_of_a_thousand_entries_does_not_allocate()
    {
        using var path = NativeBlock.CString("/thousand");

        var allocated = Measure(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                if (ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CountPointer, 0, null, 0) != 0)
                {
                    throw new InvalidOperationException("readdir failed");
                }
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2 * Calls * 1000, FakeFiller.Counted);
    }

    [Fact]
    public void Getattr_and_read_measured_by_a_listener_do_not_allocate()
    {
        using var recorder = new CountingListener();
        using var path = NativeBlock.CString("/file");
        using var stat = new NativeBlock(NativeStat.MaxSize);
        using var buffer = new NativeBlock(4096);
        using var info = new NativeBlock(64);

        var allocated = Measure(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                // The error path as a generated entry point takes it (RecordingFs's own failing getattr allocates).
                if (ops->getattr(path.Pointer, stat.Pointer, null) != 0 || ops->read(path.Pointer, buffer.Pointer, 4096, 0, info.Pointer) != 4096 ||
                    RequestMetrics.Stop("getattr", RequestMetrics.Start("getattr"), -(int)Errno.ENOENT) >= 0)
                {
                    throw new InvalidOperationException("a measured call failed");
                }
            }
        });

        Assert.Equal(0, allocated);

        // Both runs were measured: per call one request, one duration and the active count up and down; errors too.
        Assert.Equal(2 * 3 * Calls, recorder.Requests);
        Assert.Equal(2 * 3 * Calls, recorder.Durations);
        Assert.Equal(2 * Calls, recorder.Errors);
    }

    /// <summary>A listener that only counts, so that what allocates is FuseGen's side (records and tags), not the test's.</summary>
    private sealed class CountingListener : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener listener = new();
        private long requests;
        private long errors;
        private long durations;

        public CountingListener()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FuseGen.Diagnostics.FuseMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == FuseGen.Diagnostics.FuseMetrics.RequestsName)
                {
                    requests += value;
                }
                else if (instrument.Name == FuseGen.Diagnostics.FuseMetrics.ErrorsName)
                {
                    errors += value;
                }
            });
            listener.SetMeasurementEventCallback<double>((_, _, _, _) => durations++);
            listener.Start();
        }

        public long Requests => requests;

        public long Errors => errors;

        public long Durations => durations;

        public void Dispose() => listener.Dispose();
    }

    /// <summary>
    /// Bytes allocated on this thread by the second of two runs of <paramref name="calls"/>: the first warms up (JIT,
    /// static constructors, tiering).
    /// </summary>
    private static long Measure(Action calls)
    {
        calls.Invoke();
        var before = GC.GetAllocatedBytesForCurrentThread();
        calls.Invoke();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

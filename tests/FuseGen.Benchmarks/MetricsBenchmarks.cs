using System.Diagnostics.Metrics;
using System.Threading;
using BenchmarkDotNet.Attributes;
using FuseGen.Diagnostics;
using FuseGen.Marshalling;

namespace FuseGen.Benchmarks;

/// <summary>
/// What a request pays for <see cref="FuseMetrics"/>: the start and stop every generated entry point makes, with no
/// listener (the cost every filesystem pays) and with a <see cref="MeterListener"/> taking every measurement (what
/// <c>dotnet-counters</c> or OpenTelemetry add). Both must allocate nothing per call.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private MeterListener? listener;
    private long measurements;

    /// <summary>Whether a listener is subscribed to the FuseGen meter.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!Listening)
        {
            return;
        }

        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FuseMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measurements, value));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
        listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => listener?.Dispose();

    [Benchmark(Baseline = true, Description = "request answered")]
    public int Success()
    {
        var start = RequestMetrics.Start("getattr");
        return RequestMetrics.Stop("getattr", start, 0);
    }

    [Benchmark(Description = "request failed (ENOENT)")]
    public int Failure()
    {
        var start = RequestMetrics.Start("getattr");
        return RequestMetrics.Stop("getattr", start, -2);
    }
}

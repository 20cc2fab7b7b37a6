using System.Diagnostics.Metrics;
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
    private MeterListening? listening;

    /// <summary>Whether a listener is subscribed to the FuseGen meter.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup() => listening = MeterListening.StartIf(Listening);

    [GlobalCleanup]
    public void Cleanup() => listening?.Dispose();

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

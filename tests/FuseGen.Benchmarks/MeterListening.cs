using System;
using System.Diagnostics.Metrics;
using System.Threading;
using FuseGen.Diagnostics;

namespace FuseGen.Benchmarks;

/// <summary>
/// A listener taking every measurement of the FuseGen meter, as dotnet-counters or OpenTelemetry would; it only adds
/// them up, so what a benchmark allocates is FuseGen's side.
/// </summary>
internal sealed class MeterListening : IDisposable
{
    private readonly MeterListener listener = new();
    private long measurements;

    private MeterListening()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FuseMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measurements, value));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
        listener.Start();
    }

    /// <summary>A listener when <paramref name="listening"/>, otherwise null (nobody listens).</summary>
    public static MeterListening? StartIf(bool listening) => listening ? new MeterListening() : null;

    public void Dispose() => listener.Dispose();
}

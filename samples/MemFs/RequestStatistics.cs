using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Threading;
using FuseGen.Diagnostics;

namespace MemFs;

/// <summary>
/// <c>--metrics</c>: listens to FuseGen's meter the way <c>dotnet-counters</c> or OpenTelemetry would, and prints
/// requests, errors and latency per operation when the filesystem is unmounted. Without the option nobody listens
/// and FuseGen measures nothing.
/// </summary>
internal sealed class RequestStatistics : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Operation> operations = new();

    public RequestStatistics()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FuseMetrics.MeterName && instrument.Name is FuseMetrics.RequestsName or FuseMetrics.ErrorsName or FuseMetrics.DurationName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var operation = For(tags);
            if (instrument.Name == FuseMetrics.RequestsName)
            {
                Interlocked.Add(ref operation.Requests, value);
            }
            else
            {
                Interlocked.Add(ref operation.Errors, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => For(tags).Record(seconds));
        listener.Start();
    }

    /// <summary>One line per operation, busiest first.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine($"{"operation",-12} {"requests",10} {"errors",8} {"mean µs",9} {"max µs",9}");
        foreach (var (name, operation) in operations.OrderByDescending(o => o.Value.Requests).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            var (mean, max) = operation.Latency();
            output.WriteLine($"{name,-12} {operation.Requests,10} {operation.Errors,8} {mean * 1e6,9:F1} {max * 1e6,9:F1}");
        }
    }

    public void Dispose() => listener.Dispose();

    private Operation For(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == FuseMetrics.OperationTag && tag.Value is string name)
            {
                return operations.GetOrAdd(name, static _ => new Operation());
            }
        }

        return operations.GetOrAdd("?", static _ => new Operation());
    }

    private sealed class Operation
    {
        public long Requests;
        public long Errors;
        private readonly object gate = new();
        private long measured;
        private double total;
        private double max;

        public void Record(double seconds)
        {
            lock (gate)
            {
                measured++;
                total += seconds;
                max = Math.Max(max, seconds);
            }
        }

        public (double Mean, double Max) Latency()
        {
            lock (gate)
            {
                return (measured == 0 ? 0 : total / measured, max);
            }
        }
    }
}

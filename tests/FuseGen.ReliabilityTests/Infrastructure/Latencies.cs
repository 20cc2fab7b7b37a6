using System;
using System.Collections.Generic;
using System.Linq;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>Collected durations (thread-safe) with percentiles for reports.</summary>
internal sealed class Latencies
{
    private readonly List<double> milliseconds = new();

    public void Add(TimeSpan duration)
    {
        lock (milliseconds)
        {
            milliseconds.Add(duration.TotalMilliseconds);
        }
    }

    public int Count
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count;
            }
        }
    }

    public double Max => Percentile(100);

    public double Percentile(double percent)
    {
        lock (milliseconds)
        {
            if (milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = milliseconds.OrderBy(x => x).ToArray();
            var index = (int)Math.Ceiling(percent / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }

    /// <summary>Share of the durations at most <paramref name="limit"/> ms.</summary>
    public double FractionWithin(double limit)
    {
        lock (milliseconds)
        {
            return milliseconds.Count == 0 ? 1 : milliseconds.Count(m => m <= limit) / (double)milliseconds.Count;
        }
    }

    public override string ToString() =>
        Count == 0 ? "none" : $"n={Count} p50={Percentile(50):0.0} ms p99={Percentile(99):0.0} ms max={Max:0.0} ms";
}

using System;

namespace BenchFs;

/// <summary>The process's garbage collections per generation and managed bytes allocated so far.</summary>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, long Allocated)
{
    /// <summary>The counts now (<see cref="GC.GetTotalAllocatedBytes(bool)"/> precise: not for the request path).</summary>
    public static GcCounts Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true));

    /// <summary>What happened from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static GcCounts operator -(GcCounts end, GcCounts start) =>
        new(end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2, end.Allocated - start.Allocated);

    /// <summary>The report line: <c>gen0=N gen1=N gen2=N allocated=BYTES</c>.</summary>
    public override string ToString() => $"gen0={Gen0} gen1={Gen1} gen2={Gen2} allocated={Allocated}";
}

using System;
using System.IO;

namespace BenchFs;

/// <summary>
/// Garbage collections and managed allocation while the filesystem is mounted, for scripts/bench.sh: when
/// <c>FUSEGEN_BENCH_GC_REPORT</c> names a file, <see cref="Write"/> puts <see cref="GcCounts"/> from
/// <see cref="Mounted"/> (init) to <see cref="Unmounted"/> (destroy) into it. The request path never touches it.
/// </summary>
internal sealed class GcReport
{
    private const string Variable = "FUSEGEN_BENCH_GC_REPORT";

    private readonly string file;
    private GcCounts? start;
    private GcCounts? end;

    private GcReport(string file) => this.file = file;

    /// <summary>The report <c>FUSEGEN_BENCH_GC_REPORT</c> asks for, or null.</summary>
    public static GcReport? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } file ? new GcReport(file) : null;

    /// <summary>Takes the first snapshot: the kernel connection has started, no request has been served yet.</summary>
    public void Mounted() => start = GcCounts.Now();

    /// <summary>Takes the last snapshot: the last request has been served.</summary>
    public void Unmounted() => end = GcCounts.Now();

    /// <summary>Writes the difference; without a <see cref="Mounted"/> snapshot (it never mounted) writes nothing.</summary>
    public void Write()
    {
        if (start is { } first)
        {
            File.WriteAllText(file, $"{(end ?? GcCounts.Now()) - first}\n");
        }
    }
}

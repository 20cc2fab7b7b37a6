using System;
using FuseGen;

namespace BenchFs;

/// <summary>
/// <c>BenchFs MOUNTPOINT -f [-s] [-d] -o ro</c>; sized by BENCH_BIG_MB and BENCH_FILES, GC report by
/// FUSEGEN_BENCH_GC_REPORT (<see cref="GcReport"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var bigMegabytes = long.TryParse(Environment.GetEnvironmentVariable("BENCH_BIG_MB"), out var mb) && mb > 0 ? mb : 1024;
        var files = int.TryParse(Environment.GetEnvironmentVariable("BENCH_FILES"), out var count) && count >= 0 ? Math.Min(count, 100_000) : 10_000;
        var tree = new BenchTree(bigMegabytes, files);
        var gcReport = GcReport.FromEnvironment();
        var status = Fuse.Main(new BenchFs(tree, Native.geteuid(), Native.getegid(), gcReport), args);
        gcReport?.Write();
        return status;
    }
}

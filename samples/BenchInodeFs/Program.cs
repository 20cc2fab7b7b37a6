using System;
using FuseGen;

namespace BenchFs;

/// <summary><c>BenchInodeFs MOUNTPOINT -f [-s] [-d] -o ro</c>; sized by BENCH_BIG_MB and BENCH_FILES.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var bigMegabytes = long.TryParse(Environment.GetEnvironmentVariable("BENCH_BIG_MB"), out var mb) && mb > 0 ? mb : 1024;
        var files = int.TryParse(Environment.GetEnvironmentVariable("BENCH_FILES"), out var count) && count >= 0 ? Math.Min(count, 100_000) : 10_000;
        return Fuse.Main(new InodeBenchFs(new BenchTree(bigMegabytes, files), Native.geteuid(), Native.getegid()), args);
    }
}

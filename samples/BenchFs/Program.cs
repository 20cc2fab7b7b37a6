using System;
using FuseGen;

namespace BenchFs;

/// <summary><c>BenchFs MOUNTPOINT -f [-s] [-d] -o ro</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var bigMegabytes = long.TryParse(Environment.GetEnvironmentVariable("BENCH_BIG_MB"), out var mb) && mb > 0 ? mb : 1024;
        var files = int.TryParse(Environment.GetEnvironmentVariable("BENCH_FILES"), out var count) && count >= 0 ? Math.Min(count, 100_000) : 10_000;
        var tree = new BenchTree(bigMegabytes, files);
        return Fuse.Main(new BenchFs(tree, Native.geteuid(), Native.getegid()), args);
    }
}

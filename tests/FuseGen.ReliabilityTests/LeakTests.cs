using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using FuseGen.ReliabilityTests.FileSystems;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Runtime;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Mounting and unmounting in one process, over and over, leaves nothing behind: threads, descriptors, sessions,
/// GCHandles, file handles and memory stay flat after a warm-up.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LeakTests : MountTest
{
    private const int WarmUp = 20;
    private static readonly int Cycles = Scale.Pick(200, 2000);
    private static readonly byte[] Content = Enumerable.Range(0, 128 * 1024).Select(i => (byte)i).ToArray();

    public LeakTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Mount_and_unmount_cycles_leak_no_threads_descriptors_handles_or_memory()
    {
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, timeout: TimeSpan.FromSeconds(Scale.Pick(240, 1800)), output: Output);
        var file = System.IO.Path.Combine(mountPoint.Path, "file");
        var clock = Stopwatch.StartNew();
        ProcessStats warm = default;
        var warmThreads = "";
        for (var cycle = 1; cycle <= WarmUp + Cycles; cycle++)
        {
            RunCycle(mountPoint.Path, file, cycle);
            if (cycle == WarmUp)
            {
                warm = Settle(default);
                warmThreads = ProcessStats.DescribeThreads();
                clock.Restart();
            }
        }

        var elapsed = clock.Elapsed;
        var end = Settle(warm);
        var perCycle = (end.ResidentBytes - warm.ResidentBytes) / (double)Cycles;
        Output.WriteLine($"{Cycles} mount/unmount cycles after {WarmUp} warm-up cycles, {elapsed.TotalMilliseconds / Cycles:0.0} ms each ({Scale.Name})");
        Output.WriteLine($"  after warm-up: {warm}");
        Output.WriteLine($"  at the end:    {end}");
        Output.WriteLine($"  growth: threads {end.OwnThreads - warm.OwnThreads:+0;-0;0} (thread-pool workers {end.PoolThreads - warm.PoolThreads:+0;-0;0}), fds {end.Descriptors - warm.Descriptors:+0;-0;0}, " +
            $"RSS {(end.ResidentBytes - warm.ResidentBytes) / 1048576.0:+0.00;-0.00} MiB ({perCycle / 1024:+0.0;-0.0} KiB per cycle), " +
            $"managed {(end.ManagedBytes - warm.ManagedBytes) / 1024.0:+0;-0} KiB ({(end.ManagedBytes - warm.ManagedBytes) / (double)Cycles:+0;-0} B per cycle), " +
            $"native heap {(end.NativeHeapBytes - warm.NativeHeapBytes) / 1024.0:+0;-0} KiB ({(end.NativeHeapBytes - warm.NativeHeapBytes) / (double)Cycles:+0;-0} B per cycle)");
        Output.WriteLine($"  sessions alive {FuseSession.LiveCount}, session GCHandles {FuseSession.AllocatedSelfHandles}");

        Assert.Equal(0, FuseSession.LiveCount);
        Assert.Equal(0, FuseSession.AllocatedSelfHandles);
        Assert.True(end.Descriptors <= warm.Descriptors, $"descriptors grew from {warm.Descriptors} to {end.Descriptors}: {ProcessStats.DescribeDescriptors()}");
        Assert.True(end.OwnThreads <= warm.OwnThreads, $"threads grew from {warm.OwnThreads} to {end.OwnThreads}: [{warmThreads}] became [{ProcessStats.DescribeThreads()}]");

        // The pool sizes itself to the load (a few workers more or less); a thread per cycle would be hundreds.
        Assert.True(end.PoolThreads - warm.PoolThreads <= 4, $"thread-pool workers grew from {warm.PoolThreads} to {end.PoolThreads}");
        Assert.True(end.NativeHeapBytes - warm.NativeHeapBytes < 2L << 20, $"native heap grew by {(end.NativeHeapBytes - warm.NativeHeapBytes) >> 10} KiB");
        Assert.True(end.ManagedBytes - warm.ManagedBytes < 2L << 20, $"managed heap grew by {(end.ManagedBytes - warm.ManagedBytes) >> 10} KiB");
        Assert.True(end.ResidentBytes - warm.ResidentBytes < 8L << 20, $"RSS grew by {(end.ResidentBytes - warm.ResidentBytes) >> 10} KiB");
    }

    private static void RunCycle(string mountPoint, string file, int cycle)
    {
        var fs = new FaultFs(new FaultPlan());
        fs.Seed("/file", Content);
        fs.Seed("/dir/a", Content);
        var mount = Fuse.Mount(fs, mountPoint, new MountOptions { FaultHandler = _ => { } });
        try
        {
            // Every kind of state a mount builds: lookups, an open file handle, a directory handle, reads.
            var (fd, errno) = Posix.Open(file, Posix.O_RDONLY);
            Assert.True(errno == 0, $"cycle {cycle}: open failed with errno {errno}");
            var buffer = new byte[Content.Length];
            var read = Posix.PRead(fd, buffer, 0);
            Assert.True(read.Count == Content.Length, $"cycle {cycle}: read {read.Count} bytes, errno {read.Errno}");
            Assert.True(mount.OpenHandles == 1, $"cycle {cycle}: {mount.OpenHandles} handles while one file is open");
            Posix.Close(fd);
            var listed = Posix.ListDirectory(System.IO.Path.Combine(mountPoint, "dir")).Errno;
            Assert.True(listed == 0, $"cycle {cycle}: readdir failed with errno {listed}");
            Assert.True(SpinWait.SpinUntil(() => mount.OpenHandles == 0, TimeSpan.FromSeconds(5)), $"cycle {cycle}: handles not released");
        }
        finally
        {
            Assert.True(mount.UnmountAsync().Wait(TimeSpan.FromSeconds(20)), $"cycle {cycle}: unmount hangs");
        }

        Assert.True(mount.Completion.Result == 0, $"cycle {cycle}: the loop ended with status {mount.Completion.Result} after Unmount()");
        Assert.True(fs.Destroyed == 1, $"cycle {cycle}: destroy ran {fs.Destroyed} times");
    }

    /// <summary>
    /// A sample once the last unmount's threads are gone (the loop thread ends just after Completion): waits up to
    /// 5 s for the thread count to come back to <paramref name="baseline"/>'s.
    /// </summary>
    private static ProcessStats Settle(ProcessStats baseline)
    {
        var limit = Stopwatch.StartNew();
        var stats = ProcessStats.Take();
        while (limit.Elapsed < TimeSpan.FromSeconds(5) && (baseline.Threads == 0 ? FuseSession.LiveCount > 0 : stats.OwnThreads > baseline.OwnThreads || stats.Descriptors > baseline.Descriptors))
        {
            Thread.Sleep(50);
            stats = ProcessStats.Take();
        }

        return stats;
    }
}

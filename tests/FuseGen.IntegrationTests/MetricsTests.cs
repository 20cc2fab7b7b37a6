using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Diagnostics;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// The FuseGen meter during real work through the kernel, read by a listener as dotnet-counters or OpenTelemetry
/// would. Mount tests run one at a time (<see cref="MountCollection"/>), so the only requests measured are these.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class MetricsTests : MountTest
{
    private const int Reads = 20;
    private const int Failures = 3;

    public MetricsTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task A_listener_sees_requests_errors_and_latencies_per_operation()
    {
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);
        var faults = new ConcurrentQueue<FuseFault>();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        var options = new MountOptions { AttrTimeout = 0, EntryTimeout = 0, NegativeTimeout = 0, DirectIo = true, FaultHandler = faults.Enqueue };
        await using (var mount = Fuse.Mount(new ProbeFs("measured\n"), mountPoint.Path, options))
        {
            var file = Path.Combine(mountPoint.Path, ProbeFs.FileName);
            for (var i = 0; i < Reads; i++)
            {
                Assert.Equal("measured\n", await File.ReadAllTextAsync(file));
            }

            for (var i = 0; i < Failures; i++)
            {
                Assert.Equal((int)Errno.EIO, LibC.Stat(Path.Combine(mountPoint.Path, "boom")).Errno);
            }

            Assert.Equal((int)Errno.ENOENT, LibC.Stat(Path.Combine(mountPoint.Path, "missing")).Errno);
            Assert.Single(Directory.GetFileSystemEntries(mountPoint.Path));
        }

        foreach (var operation in new[] { "getattr", "read", "readdir" })
        {
            var requests = recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, operation);
            var durations = recorder.Of(FuseMetrics.DurationName, FuseMetrics.OperationTag, operation);
            Output.WriteLine($"{operation}: {requests} requests, mean {durations.Average(d => d.Value) * 1e6:F1} µs, max {durations.Max(d => d.Value) * 1e6:F1} µs");
            Assert.True(requests >= 1, $"no {operation} request was counted");
            Assert.Equal(requests, durations.Count);
            Assert.All(durations, d => Assert.InRange(d.Value, 0, 60));
            Assert.Equal(0, recorder.Sum(FuseMetrics.ActiveName, FuseMetrics.OperationTag, operation));
        }

        // Direct I/O: every read(2) of the file is a read request (and one more that finds the end).
        Assert.True(recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "read") >= Reads);
        Assert.True(recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "getattr") >= Failures + 1 + Reads);
        var errors = recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "getattr");
        Assert.Equal(Failures, errors.Where(e => e.Tag(FuseMetrics.ErrnoTag) == "EIO").Sum(e => e.Value));
        Assert.True(errors.Where(e => e.Tag(FuseMetrics.ErrnoTag) == "ENOENT").Sum(e => e.Value) >= 1);
        Assert.DoesNotContain(recorder.Measurements, m => m.Instrument == FuseMetrics.ErrorsName && m.Tag(FuseMetrics.OperationTag) == "read");

        // The fault reports of the same failures name the path and the caller (this process).
        Assert.Equal(Failures, faults.Count);
        Assert.All(faults, fault =>
        {
            Assert.Equal("/boom", fault.Path);
            Assert.Equal(Environment.ProcessId, ThreadGroupOf(fault.ProcessId)); // the kernel gives the calling thread's id
            Assert.Equal(LibC.geteuid(), fault.UserId);
        });
    }

    /// <summary>
    /// The inode API's entry points are measured the same way: from entry to the end of their reply, an error being
    /// the errno they answered (fuse_reply_err), lookup counted by the kernel's LOOKUP requests.
    /// </summary>
    [MountFact]
    public async Task A_listener_sees_the_requests_of_an_inode_filesystem()
    {
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);
        var fs = new InodeCoverageFs();
        using (var mount = CoverageMount.Start(fs, Output))
        {
            await File.WriteAllTextAsync(mount["file"], "measured\n");
            for (var i = 0; i < Reads; i++)
            {
                Assert.Equal("measured\n", await File.ReadAllTextAsync(mount["file"]));
            }

            for (var i = 0; i < Failures; i++)
            {
                Assert.Equal((int)Errno.ENOENT, LibC.Stat(mount[$"missing{i}"]).Errno);
            }

            Assert.Single(Directory.GetFileSystemEntries(mount.Path));
        }

        foreach (var operation in new[] { "lookup", "getattr", "create", "open", "read", "write", "release" })
        {
            var requests = recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, operation);
            var durations = recorder.Of(FuseMetrics.DurationName, FuseMetrics.OperationTag, operation);
            Output.WriteLine($"{operation}: {requests} requests, mean {(durations.Count == 0 ? 0 : durations.Average(d => d.Value) * 1e6):F1} µs");
            Assert.True(requests >= 1, $"no {operation} request was counted");
            Assert.Equal(requests, durations.Count);
            Assert.Equal(0, recorder.Sum(FuseMetrics.ActiveName, FuseMetrics.OperationTag, operation));
        }

        Assert.True(recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "read") >= Reads);
        var lookupErrors = recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "lookup");
        // The missing files, and "file" before it was created (open(O_CREAT) looks the name up first).
        Assert.Equal(Failures + 1, lookupErrors.Where(e => e.Tag(FuseMetrics.ErrnoTag) == "ENOENT").Sum(e => e.Value));
        Assert.DoesNotContain(recorder.Measurements, m => m.Instrument == FuseMetrics.ErrorsName && m.Tag(FuseMetrics.OperationTag) == "read");
        Assert.True(recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "readdirplus") + recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "readdir") >= 1);
    }

    private static int ThreadGroupOf(int threadId) =>
        int.Parse(File.ReadLines($"/proc/{threadId}/status").Single(l => l.StartsWith("Tgid:", StringComparison.Ordinal)).Substring(5).Trim());

    [MountFact]
    public void MemFs_prints_its_counters_at_unmount_with_metrics()
    {
        var mount = MountedSample.Start("MemFs", new SampleLaunch { After = new[] { "--metrics" } }, Output);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                File.WriteAllText(mount[$"file{i}"], "metrics");
            }

            Assert.False(File.Exists(mount["missing"]));
            mount.Watchdog.Dispose();
            Assert.True(mount.Process.WaitForExit(TimeSpan.FromSeconds(20)), mount.Process.Describe());
            Assert.Equal(0, mount.Process.ExitCode);
        }
        finally
        {
            mount.Dispose();
        }

        var table = mount.Process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Output.WriteLine(mount.Process.StandardOutput);
        Assert.Equal(new[] { "operation", "requests", "errors", "mean", "µs", "max", "µs" }, table[0]);
        var create = Assert.Single(table, row => row[0] == "create");
        Assert.Equal("5", create[1]);
        Assert.Equal("0", create[2]);
        var write = Assert.Single(table, row => row[0] == "write");
        Assert.True(long.Parse(write[1]) >= 5);
        var getattr = Assert.Single(table, row => row[0] == "getattr");
        Assert.True(long.Parse(getattr[2]) >= 1, "the stat of a missing file is an error of getattr");
    }
}

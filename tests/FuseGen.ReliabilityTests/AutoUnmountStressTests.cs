using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// <c>-o auto_unmount</c> after <c>kill -9</c> on a loaded machine: fusermount3's helper must find the connection
/// already ended when its socket closes, or it keeps a dead mount ("Transport endpoint is not connected"). Before
/// the runtime ordered the descriptors (AutoUnmountOrdering) this happened in 5–20 % of kills.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class AutoUnmountStressTests : MountTest
{
    private const int SIGKILL = 9;

    public AutoUnmountStressTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void The_highest_descriptor_of_an_auto_unmount_filesystem_is_dev_fuse()
    {
        using var mountPoint = TempMountPoint.Create();
        using var sample = SampleProcess.StartHelloFs(mountPoint.Path, "-f", "-o", "auto_unmount");
        using var watchdog = new MountWatchdog(mountPoint, sample.Process, log: Output.WriteLine);
        sample.WaitForMount(mountPoint.Path);

        // From libfuse 3.17 root mounts directly and starts the helper afterwards: the mount is visible a moment before
        // fuse_mount returns and the runtime adds its descriptor.
        (int Number, string Target)[] descriptors = [];
        SpinWait.SpinUntil(
            () => (descriptors = Descriptors(sample.Pid)).Count(d => d.Target == "/dev/fuse") >= 2,
            TimeSpan.FromSeconds(20));
        Output.WriteLine(string.Join(", ", descriptors.Where(d => d.Target == "/dev/fuse" || d.Target.StartsWith("socket:", StringComparison.Ordinal)).Select(d => $"{d.Number} {d.Target}")));
        Assert.Equal("/dev/fuse", descriptors[^1].Target);
        Assert.True(descriptors.Count(d => d.Target == "/dev/fuse") >= 2, "no second /dev/fuse descriptor");
        Assert.Equal(0, LibC.Kill(sample.Pid, SIGKILL));
        Assert.True(SpinWait.SpinUntil(() => !MountInfo.IsMounted(mountPoint.Path), TimeSpan.FromSeconds(10)), "the mount of the killed filesystem stayed");
    }

    [MountFact]
    public void Kill_9_under_cpu_load_leaves_no_dead_mount()
    {
        var kills = Scale.Pick(20, 100);
        using var load = new CpuLoad(Environment.ProcessorCount * 2);
        var dead = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < kills; i++)
        {
            using var mountPoint = TempMountPoint.Create();
            using var sample = SampleProcess.StartHelloFs(mountPoint.Path, "-f", "-o", "auto_unmount");
            using var watchdog = new MountWatchdog(mountPoint, sample.Process, timeout: TimeSpan.FromSeconds(60), log: Output.WriteLine);
            sample.WaitForMount(mountPoint.Path, TimeSpan.FromSeconds(60));
            Assert.Equal(0, LibC.Stat(Path.Combine(mountPoint.Path, "hello")).Errno);
            Assert.Equal(0, LibC.Kill(sample.Pid, SIGKILL));
            Assert.True(sample.WaitForExit(TimeSpan.FromSeconds(30)), "the killed filesystem did not exit");
            if (!SpinWait.SpinUntil(() => !MountInfo.IsMounted(mountPoint.Path), TimeSpan.FromSeconds(10)))
            {
                dead++;
                Output.WriteLine($"kill {i + 1}: dead mount, stat: errno {LibC.Stat(mountPoint.Path).Errno}");
                Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-uz", mountPoint.Path);
            }
        }

        Output.WriteLine($"{kills} kills with {Environment.ProcessorCount * 2} spinning threads: {dead} dead mounts ({clock.Elapsed.TotalSeconds:0} s, {Scale.Name} run)");
        Assert.Equal(0, dead);
    }

    private static (int Number, string Target)[] Descriptors(int pid) =>
        Directory.GetFiles($"/proc/{pid}/fd")
            .Select(path => (Number: int.Parse(Path.GetFileName(path), System.Globalization.CultureInfo.InvariantCulture), Target: new System.IO.FileInfo(path).LinkTarget ?? ""))
            .OrderBy(d => d.Number)
            .ToArray();

    /// <summary>Threads that keep every CPU busy until disposed.</summary>
    private sealed class CpuLoad : IDisposable
    {
        private readonly Thread[] threads;
        private volatile bool stop;

        public CpuLoad(int count)
        {
            threads = Enumerable.Range(0, count).Select(_ => new Thread(Spin) { IsBackground = true }).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }
        }

        public void Dispose()
        {
            stop = true;
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        private void Spin()
        {
            var x = 0UL;
            while (!stop)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }

            GC.KeepAlive(x);
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>The watchdog itself: when a test overruns, it tears the mount down, frees stuck callers and fails.</summary>
[Collection(MountCollection.Name)]
public sealed class MountWatchdogTests : MountTest
{
    private const int ECONNABORTED = 103;
    private const int ENOTCONN = 107;
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    public MountWatchdogTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Overrun_sample_is_unmounted_and_stopped_and_the_test_fails()
    {
        var mountPoint = TempMountPoint.Create();
        using var sample = SampleProcess.StartHelloFs(mountPoint.Path, "-f");
        try
        {
            sample.WaitForMount(mountPoint.Path);
        }
        catch
        {
            new MountWatchdog(mountPoint, sample.Process).Dispose();
            throw;
        }

        // Started only now, so a slow start cannot use up the short timeout.
        var watchdog = new MountWatchdog(mountPoint, sample.Process, Short, Output.WriteLine);
        try
        {
            var exited = sample.WaitForTermination(Stopwatch.StartNew(), TimeSpan.FromSeconds(20));

            Assert.True(exited.HasValue, "the watchdog did not stop the sample");
            Assert.True(watchdog.Fired);
            Assert.False(MountInfo.IsMounted(mountPoint.Path));
        }
        finally
        {
            Assert.Throws<TimeoutException>(watchdog.Dispose);
        }

        Assert.False(Directory.Exists(mountPoint.Path), "the watchdog left the mount point behind");
    }

    [MountFact]
    public void Overrun_on_a_stopped_sample_frees_a_stuck_caller_and_kills_the_sample()
    {
        var mountPoint = TempMountPoint.Create();
        using var sample = SampleProcess.StartHelloFs(mountPoint.Path, "-f");
        MountWatchdog? watchdog = null;
        try
        {
            sample.WaitForMount(mountPoint.Path);

            // A daemon that stops answering: SIGSTOP, then a lookup it would have to answer.
            Assert.Equal(0, LibC.Kill(sample.Pid, LibC.SIGSTOP));
            var stuck = Task.Run(() => LibC.Stat(Path.Combine(mountPoint.Path, "never-looked-up")).Errno);
            Assert.False(stuck.Wait(TimeSpan.FromMilliseconds(500)), "the lookup returned although the daemon was stopped");

            // Started only now, so it cannot fire before the call is stuck.
            watchdog = new MountWatchdog(mountPoint, sample.Process, Short, Output.WriteLine);

            Assert.True(stuck.Wait(TimeSpan.FromSeconds(30)), "the watchdog did not free the caller stuck on the stopped daemon");
            Assert.True(watchdog.Fired);
            Assert.Contains(stuck.Result, new[] { ECONNABORTED, ENOTCONN });
            Assert.True(sample.WaitForTermination(Stopwatch.StartNew(), TimeSpan.FromSeconds(20)).HasValue, "the stopped sample was not killed");
            Assert.False(MountInfo.IsMounted(mountPoint.Path));
        }
        finally
        {
            if (watchdog is null)
            {
                new MountWatchdog(mountPoint, sample.Process, log: Output.WriteLine).Dispose();
            }
            else
            {
                Assert.Throws<TimeoutException>(watchdog.Dispose);
            }
        }

        Assert.False(Directory.Exists(mountPoint.Path), "the watchdog left the mount point behind");
    }

    [MountFact]
    public async Task Overrun_in_process_mount_frees_a_stuck_caller_and_the_test_fails()
    {
        var mountPoint = TempMountPoint.Create();
        var fileSystem = new ProbeFs("x");
        var mount = Fuse.Mount(fileSystem, mountPoint.Path, new MountOptions { FaultHandler = new ConcurrentQueue<FuseFault>().Enqueue });
        var watchdog = new MountWatchdog(mountPoint, timeout: Short, log: Output.WriteLine);
        try
        {
            var stuck = Task.Run(() => LibC.Stat(Path.Combine(mountPoint.Path, "hang")).Errno);

            var finished = await Task.WhenAny(stuck, Task.Delay(TimeSpan.FromSeconds(20)));

            Assert.True(finished == stuck, "the watchdog did not free the caller stuck on the hung filesystem");
            Assert.True(watchdog.Fired);
            Assert.Contains(await stuck, new[] { ECONNABORTED, ENOTCONN });

            // The caller is freed by the forced unmount's abort, before the lazy unmount that follows it.
            Assert.True(SpinWait.SpinUntil(() => !MountInfo.IsMounted(mountPoint.Path), TimeSpan.FromSeconds(10)), "still mounted after the watchdog fired");
        }
        finally
        {
            fileSystem.ReleaseHang.Set();
            Assert.Throws<TimeoutException>(watchdog.Dispose);
        }

        await mount.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(Directory.Exists(mountPoint.Path), "the watchdog left the mount point behind");
    }
}

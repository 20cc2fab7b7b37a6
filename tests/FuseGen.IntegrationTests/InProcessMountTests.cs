using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>Filesystems mounted with <see cref="Fuse.Mount"/> inside the test process, each under a watchdog.</summary>
[Collection(MountCollection.Name)]
public sealed class InProcessMountTests : MountTest
{
    private const int EIO = 5;
    private const int ENOTSUP = 95;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public InProcessMountTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task Mounted_filesystem_serves_and_unmount_removes_it()
    {
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(new ProbeFs("in process\n"), mountPoint.Path);

        Assert.Equal(mountPoint.Path, mount.MountPoint);
        Assert.True(MountInfo.IsMounted(mountPoint.Path));
        Assert.True(mount.IsMounted);
        Assert.Equal(new[] { ProbeFs.FileName }, Directory.GetFileSystemEntries(mountPoint.Path).Select(Path.GetFileName));
        Assert.Equal("in process\n", await File.ReadAllTextAsync(Path.Combine(mountPoint.Path, ProbeFs.FileName)));
        Assert.False(mount.Completion.IsCompleted);

        mount.Unmount();

        Assert.True(mount.Completion.IsCompleted, "Unmount() returned before the filesystem stopped");
        Assert.Equal(0, await mount.Completion);
        Assert.False(mount.IsMounted);
        Assert.False(MountInfo.IsMounted(mountPoint.Path), $"{mountPoint.Path} is still in /proc/self/mountinfo after Unmount()");
    }

    [MountFact]
    public async Task Exception_in_getattr_is_EIO_and_reported_once_per_call()
    {
        var faults = new ConcurrentQueue<FuseFault>();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(new ProbeFs("still fine\n"), mountPoint.Path, Uncached(faults));
        var boom = Path.Combine(mountPoint.Path, "boom");
        var file = Path.Combine(mountPoint.Path, ProbeFs.FileName);

        for (var call = 1; call <= 3; call++)
        {
            Assert.Equal(EIO, LibC.Stat(boom).Errno);
            Assert.Equal(call, faults.Count);
            var (good, errno) = LibC.Stat(file);
            Assert.Equal(0, errno);
            Assert.Equal("still fine\n".Length, good.Size);
        }

        Assert.All(faults, fault =>
        {
            Assert.Equal("getattr", fault.Operation);
            Assert.Equal(Errno.EIO, fault.Errno);
            Assert.IsType<InvalidOperationException>(fault.Exception);
        });

        var thrown = Assert.ThrowsAny<IOException>(() => File.ReadAllText(boom));
        Assert.Equal(EIO, thrown.HResult);
        Assert.Equal("still fine\n", await File.ReadAllTextAsync(file));
    }

    [MountFact]
    public async Task FuseException_answers_its_errno_without_a_report()
    {
        var faults = new ConcurrentQueue<FuseFault>();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(new ProbeFs("x"), mountPoint.Path, Uncached(faults));
        var unsupported = Path.Combine(mountPoint.Path, "unsupported");

        Assert.Equal(ENOTSUP, LibC.Stat(unsupported).Errno);
        Assert.Equal(ENOTSUP, LibC.Stat(unsupported).Errno);
        Assert.Equal(0, LibC.Stat(Path.Combine(mountPoint.Path, ProbeFs.FileName)).Errno);

        Assert.Empty(faults);
    }

    [MountFact]
    public async Task Two_filesystems_serve_at_once_and_both_unmount()
    {
        using var pointA = TempMountPoint.Create();
        using var watchdogA = new MountWatchdog(pointA, log: Output.WriteLine);
        using var pointB = TempMountPoint.Create();
        using var watchdogB = new MountWatchdog(pointB, log: Output.WriteLine);
        FuseMount mountA;
        await using (mountA = Fuse.Mount(new ProbeFs("alpha\n"), pointA.Path))
        {
            await using var mountB = Fuse.Mount(new ProbeFs("beta\n"), pointB.Path);

            var readA = File.ReadAllTextAsync(Path.Combine(pointA.Path, ProbeFs.FileName));
            var readB = File.ReadAllTextAsync(Path.Combine(pointB.Path, ProbeFs.FileName));
            Assert.Equal(new[] { "alpha\n", "beta\n" }, await Task.WhenAll(readA, readB).WaitAsync(Bound));

            await mountB.UnmountAsync().WaitAsync(Bound);

            Assert.Equal(0, await mountB.Completion);
            Assert.False(MountInfo.IsMounted(pointB.Path), "B is still mounted after UnmountAsync");
            Assert.True(MountInfo.IsMounted(pointA.Path), "unmounting B took A with it");
            Assert.Equal("alpha\n", await File.ReadAllTextAsync(Path.Combine(pointA.Path, ProbeFs.FileName)));
        }

        Assert.True(mountA.Completion.IsCompleted, "DisposeAsync returned before A stopped");
        Assert.Equal(0, await mountA.Completion);
        Assert.False(MountInfo.IsMounted(pointA.Path), "A is still mounted after await using ended");
    }

    [MountFact]
    public async Task Single_threaded_mount_serves()
    {
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        var mount = Fuse.Mount(new ProbeFs("one thread\n"), mountPoint.Path, new MountOptions { SingleThreaded = true });
        try
        {
            Assert.Equal("one thread\n", await File.ReadAllTextAsync(Path.Combine(mountPoint.Path, ProbeFs.FileName)));
            Assert.Equal(0, LibC.Stat(mountPoint.Path).Errno);
        }
        finally
        {
            await mount.DisposeAsync();
        }

        Assert.Equal(0, await mount.Completion);
        Assert.False(MountInfo.IsMounted(mountPoint.Path));
    }

    // No kernel caching, so every stat reaches the filesystem and every failure is a fresh call.
    private static MountOptions Uncached(ConcurrentQueue<FuseFault> faults) => new()
    {
        AttrTimeout = 0,
        EntryTimeout = 0,
        FaultHandler = faults.Enqueue,
    };
}

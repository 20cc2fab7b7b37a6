using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>The FuseGen.Testing package's fixture as users use it: mount, assert, dispose, and the watchdog when a test hangs.</summary>
[Collection(MountCollection.Name)]
public sealed class FuseTestMountTests : MountTest
{
    public FuseTestMountTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task Serves_the_filesystem_and_dispose_leaves_no_mount_and_no_directory()
    {
        string path;
        await using (var mount = FuseTestMount.Start(new ProbeFs("served\n"), log: Output.WriteLine))
        {
            path = mount.Path;
            Assert.True(MountInfo.IsMounted(path));
            Assert.StartsWith(TempRoot.Path.TrimEnd('/') + "/", path, StringComparison.Ordinal);
            FileSystemAssert.Listing(mount.Path, ProbeFs.FileName);
            FileSystemAssert.FileText(mount[ProbeFs.FileName], "served\n");
            FileSystemAssert.FileBytes(mount["/" + ProbeFs.FileName], "served\n"u8);
            FileSystemAssert.Succeeds(Syscall.Stat(mount[ProbeFs.FileName]));
            FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));
            FileSystemAssert.Fails(Errno.EIO, Syscall.Stat(mount["boom"]));
        }

        Assert.False(MountInfo.IsMounted(path), $"{path} is still mounted after dispose");
        Assert.False(Directory.Exists(path), "the mount point was left behind");
    }

    [MountFact]
    public async Task A_hung_test_is_torn_down_and_dispose_fails_it()
    {
        var fileSystem = new ProbeFs("x");
        var mount = FuseTestMount.Start(fileSystem, timeout: TimeSpan.FromSeconds(3), log: Output.WriteLine);
        try
        {
            var stuck = Task.Run(() => Syscall.Stat(mount["hang"]));

            var finished = await Task.WhenAny(stuck, Task.Delay(TimeSpan.FromSeconds(30)));

            Assert.True(finished == stuck, "the watchdog did not free the caller stuck on the hung filesystem");
            Assert.True(mount.Watchdog.Fired);
            Assert.Contains(await stuck, new[] { Errno.ECONNABORTED, Errno.ENOTCONN });
        }
        finally
        {
            fileSystem.ReleaseHang.Set();
        }

        await Assert.ThrowsAsync<TimeoutException>(async () => await mount.DisposeAsync());
        Assert.False(MountInfo.IsMounted(mount.Path));
        Assert.False(Directory.Exists(mount.Path), "the mount point was left behind");
    }

    [MountFact]
    public async Task A_mount_waits_while_a_kernel_free_session_holds_the_request_context()
    {
        var session = KernelFreeSession.Create(new ProbeFs("kernel free\n"));
        Task<FuseTestMount> starting;
        try
        {
            Assert.Equal(Errno.None, session.ReadFile("/" + ProbeFs.FileName, out var content));
            Assert.Equal("kernel free\n"u8.ToArray(), content);
            starting = Task.Run(() => FuseTestMount.Start(new ProbeFs("mounted\n"), log: Output.WriteLine));

            // Not a timing assertion: the mount can only have started if the gate let it through a live session.
            Assert.False(starting.Wait(TimeSpan.FromMilliseconds(500)), "a filesystem was mounted while a kernel-free session replaced the request context");
        }
        finally
        {
            session.Dispose();
        }

        await using var mount = await starting.WaitAsync(TimeSpan.FromMinutes(1));
        FileSystemAssert.FileText(mount[ProbeFs.FileName], "mounted\n");
    }
}

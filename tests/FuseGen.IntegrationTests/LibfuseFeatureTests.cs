using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// What differs between libfuse versions and must look the same to a filesystem on each of them
/// (scripts/libfuse-matrix.sh runs these once per libfuse build): capabilities, <c>-o max_read</c>, <c>--doctor</c>.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class LibfuseFeatureTests : MountTest
{
    public LibfuseFeatureTests(ITestOutputHelper output)
        : base(output)
    {
    }

    /// <summary>
    /// Writeback cache and parallel dirops are offered by every kernel and libfuse here; passthrough only by libfuse
    /// 3.17+ (3.14 does not know it). The same request mounts on every version, and TryEnable says what was granted
    /// (up to 3.16 asking for an unoffered capability used to fail the init with EPROTO).
    /// </summary>
    [MountFact]
    public async Task Capabilities_asked_for_in_init_are_granted_when_offered_and_dropped_otherwise()
    {
        var common = FuseCapabilities.WritebackCache | FuseCapabilities.ParallelDirOps;
        var fileSystem = new CapabilityFs(common | FuseCapabilities.Passthrough);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fileSystem, mountPoint.Path);

        Assert.True(fileSystem.Initialized.Wait(TimeSpan.FromSeconds(20)), "init never ran");
        Assert.True(Directory.Exists(mountPoint.Path), "the root does not stat as a directory");
        Output.WriteLine($"offered: {fileSystem.Capable}\ngranted: {fileSystem.Granted}");

        Assert.Equal(common, fileSystem.Granted & common);
        var passthroughOffered = fileSystem.Capable.HasFlag(FuseCapabilities.Passthrough);
        Assert.Equal(passthroughOffered, fileSystem.AllGranted);
        Assert.Equal(passthroughOffered, fileSystem.Granted.HasFlag(FuseCapabilities.Passthrough));
        Assert.Equal(fileSystem.Granted, fileSystem.Granted & fileSystem.Capable);
    }

    /// <summary>
    /// <c>nullpath_ok</c> lies elsewhere in <c>struct fuse_config</c> on libfuse 3.10, 3.11 to 3.16 and 3.17+: set
    /// through <see cref="FuseConfig.NullPathOk"/>, requests on an open file come without a path on every version;
    /// unset, with the file's path.
    /// </summary>
    [MountTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Null_path_ok_leaves_the_requests_on_open_files_without_a_path(bool nullPathOk)
    {
        var fileSystem = new NullPathFs(nullPathOk);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using (Fuse.Mount(fileSystem, mountPoint.Path))
        {
            var (fd, errno) = LibC.Open(Path.Combine(mountPoint.Path, "file"), LibC.O_RDONLY);
            Assert.Equal(0, errno);
            try
            {
                var (stat, statErrno) = LibC.FStat(fd);
                Assert.Equal((9L, 0), (stat.Size, statErrno));
                Assert.Equal((9L, 0), LibC.PRead(fd, new byte[64], 0));
            }
            finally
            {
                Assert.Equal(0, LibC.Close(fd));
            }
        }

        Output.WriteLine(string.Join("\n", fileSystem.OnOpenFile));
        Assert.Equal(nullPathOk, fileSystem.NullPathOk);
        var path = nullPathOk ? "" : "/file";
        foreach (var operation in new[] { "getattr", "read", "flush" })
        {
            Assert.Contains((operation, path), fileSystem.OnOpenFile);
        }

        Assert.All(fileSystem.OnOpenFile, request => Assert.Equal(path, request.Path));
    }

    /// <summary>libfuse refuses <c>-o max_read=N</c> unless init agrees; the runtime makes it agree.</summary>
    [MountFact]
    public void Max_read_option_mounts_and_reads()
    {
        using var mount = MountedSample.Start("HelloFs", Output, "-o", "max_read=4096");

        Assert.Equal("Hello World!\n", File.ReadAllText(mount["hello"]));
    }

    [MountFact]
    public async Task Max_read_option_reaches_init()
    {
        var fileSystem = new CapabilityFs(FuseCapabilities.None);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fileSystem, mountPoint.Path, new MountOptions { Options = { "max_read=8192" } });

        Assert.True(fileSystem.Initialized.Wait(TimeSpan.FromSeconds(20)), "init never ran");
        Assert.True(Directory.Exists(mountPoint.Path), "the root does not stat as a directory");
        Assert.Equal(8192u, fileSystem.MaxRead);
    }

    [MountFact]
    public void Doctor_reports_the_loaded_libfuse_and_the_kernel_and_leaves_no_mount()
    {
        using var doctor = SampleProcess.StartHelloFs("--doctor");
        Assert.True(doctor.WaitForExit(TimeSpan.FromSeconds(60)), $"--doctor did not finish. {doctor.Describe()}");
        Output.WriteLine(doctor.StandardOutput);

        Assert.True(doctor.ExitCode == 0, doctor.Describe());
        var lines = doctor.StandardOutput.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("ok    libfuse: 3.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("ok    /dev/fuse: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("ok    kernel FUSE: protocol 7.", StringComparison.Ordinal));
        foreach (var check in new[] { "fusermount3: ", "/etc/fuse.conf: ", "passthrough: ", "io_uring: " })
        {
            Assert.Contains(lines, line => line.Length > 6 && line.AsSpan(6).StartsWith(check, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), line => line.Contains("fusegen-doctor", StringComparison.Ordinal));
    }
}

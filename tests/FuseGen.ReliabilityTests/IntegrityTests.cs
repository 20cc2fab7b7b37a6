using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Eight writers doing mixed create, write, read, rename, unlink and truncate on their own files of MemFs, of
/// InodeMemFs (the same filesystem on the inode API), of MirrorFs (over a tmpfs) and of InodeMirrorFs (over a directory
/// of the disk the tests run on), for a bounded time; then every byte is checked against what they wrote. And fio's
/// randrw with crc32c verification (O_DIRECT) on each.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class IntegrityTests : MountTest
{
    private const int Writers = 8;
    private static readonly TimeSpan Duration = Scale.Pick(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(180));
    private static readonly TimeSpan Limit = Duration + TimeSpan.FromSeconds(120);

    public IntegrityTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Concurrent_writers_on_MemFs_read_back_every_byte()
    {
        using var mount = MountedSample.Start("MemFs", Output, Array.Empty<string>(), Array.Empty<string>(), Limit);
        var workload = new IntegrityWorkload(mount.MountPoint.Path, "integrity", Writers, seed: 1);

        RunAndVerify(workload, "MemFs", mount.MountPoint.Path);
    }

    [MountFact]
    public void Concurrent_writers_on_InodeMemFs_read_back_every_byte()
    {
        using var mount = MountedSample.Start("InodeMemFs", Output, Array.Empty<string>(), Array.Empty<string>(), Limit);
        var workload = new IntegrityWorkload(mount.MountPoint.Path, "integrity", Writers, seed: 3);

        RunAndVerify(workload, "InodeMemFs", mount.MountPoint.Path);
    }

    [MountFact]
    public void Concurrent_writers_on_MirrorFs_read_back_every_byte_through_the_mount_and_in_the_source()
    {
        using var source = Tmpfs.Mount(1L << 30);
        using var mount = MountedSample.Start("MirrorFs", Output, new[] { source.Path }, Array.Empty<string>(), Limit);
        var workload = new IntegrityWorkload(mount.MountPoint.Path, "integrity", Writers, seed: 2);

        RunAndVerify(workload, "MirrorFs", mount.MountPoint.Path);

        var (files, bytes) = workload.Verify(source.Path);
        Output.WriteLine($"MirrorFs source (tmpfs): {files} files, {bytes / 1048576.0:0.0} MiB match the model");
        Assert.True(workload.IntegrityErrors == 0, string.Join("\n", workload.Errors.Take(20)));
    }

    [MountFact]
    public void Concurrent_writers_on_InodeMirrorFs_read_back_every_byte_through_the_mount_and_in_the_source()
    {
        using var source = new TempDirectory("fusegen-integrity-inodemirrorfs-source");
        using var mount = MountedSample.Start("InodeMirrorFs", Output, new[] { source.Path }, Array.Empty<string>(), Limit);
        var workload = new IntegrityWorkload(mount.MountPoint.Path, "integrity", Writers, seed: 4);

        RunAndVerify(workload, "InodeMirrorFs", mount.MountPoint.Path);

        var (files, bytes) = workload.Verify(source.Path);
        Output.WriteLine($"InodeMirrorFs source ({FileSystemType(source.Path)}): {files} files, {bytes / 1048576.0:0.0} MiB match the model");
        Assert.True(workload.IntegrityErrors == 0, string.Join("\n", workload.Errors.Take(20)));
    }

    [MountFact]
    public void Fio_randrw_with_crc32c_verification_on_MemFs()
    {
        using var mount = MountedSample.Start("MemFs", Output, Array.Empty<string>(), Array.Empty<string>(), FioLimit);
        RunFio(mount.MountPoint.Path, "MemFs");
    }

    [MountFact]
    public void Fio_randrw_with_crc32c_verification_on_InodeMemFs()
    {
        using var mount = MountedSample.Start("InodeMemFs", Output, Array.Empty<string>(), Array.Empty<string>(), FioLimit);
        RunFio(mount.MountPoint.Path, "InodeMemFs");
    }

    [MountFact]
    public void Fio_randrw_with_crc32c_verification_on_MirrorFs()
    {
        using var source = Tmpfs.Mount(3L << 30);
        using var mount = MountedSample.Start("MirrorFs", Output, new[] { source.Path }, Array.Empty<string>(), FioLimit);
        RunFio(mount.MountPoint.Path, "MirrorFs");
    }

    /// <summary>fio's O_DIRECT I/O reaches the source with O_DIRECT, which a disk filesystem checks for alignment (tmpfs does not).</summary>
    [MountFact]
    public void Fio_randrw_with_crc32c_verification_on_InodeMirrorFs_over_the_test_disk()
    {
        using var source = new TempDirectory("fusegen-fio-inodemirrorfs-source");
        using var mount = MountedSample.Start("InodeMirrorFs", Output, new[] { source.Path }, Array.Empty<string>(), FioLimit);
        RunFio(mount.MountPoint.Path, $"InodeMirrorFs over {FileSystemType(source.Path)}");
    }

    /// <summary>The type of the filesystem <paramref name="path"/> is on (ext4, tmpfs...), for the log.</summary>
    private static string FileSystemType(string path) => Command.Run("stat", TimeSpan.FromSeconds(10), "-f", "-c", "%T", path).StandardOutput.Trim();

    private static TimeSpan FioLimit => Scale.Pick(TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(900));

    private void RunFio(string mountPoint, string name)
    {
        var directory = Path.Combine(mountPoint, "fio");
        Assert.Equal(0, LibC.Mkdir(directory));
        var jobs = 4;
        var perJob = Scale.Pick(64L << 20, 512L << 20);
        var result = Fio.RandomReadWriteVerify(directory, perJob, jobs, FioLimit - TimeSpan.FromSeconds(30));
        Output.WriteLine($"{name}: {jobs} jobs x {perJob >> 20} MiB: {result}");
        Assert.True(result.ExitCode == 0 && result.Error == 0, $"fio failed: {result}\n{result.Output}");
        Assert.DoesNotContain("verify", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.WriteBytes > 0 && result.ReadBytes >= result.WriteBytes, $"fio did not write and verify: {result}");
    }

    private void RunAndVerify(IntegrityWorkload workload, string name, string mountPoint)
    {
        var clock = Stopwatch.StartNew();
        Assert.True(workload.Run(Duration), "a writer did not stop: a request hangs");
        var ran = clock.Elapsed;
        var (files, bytes) = workload.Verify(mountPoint);
        Output.WriteLine($"{name} ({Scale.Name}): {Writers} writers for {ran.TotalSeconds:0.0} s: {workload.Summary()}");
        Output.WriteLine($"{name}: final check of {files} files, {bytes / 1048576.0:0.0} MiB: {workload.IntegrityErrors} integrity errors, {workload.Errors.Count} errors");
        Assert.True(workload.Errors.Count == 0, string.Join("\n", workload.Errors.Take(20)));
        Assert.Equal(0, workload.IntegrityErrors);
        Assert.True(workload.Operations > 1000, $"only {workload.Operations} operations: too few to mean anything");
    }
}

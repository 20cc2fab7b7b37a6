using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// A sample that cannot mount says why in one line on stderr and exits non-zero at once: no stack trace, no
/// "Unhandled exception", nothing left mounted.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class BadInputTests : MountTest
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public BadInputTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Missing_mount_point()
    {
        using var directory = TempMountPoint.Create();
        var missing = Path.Combine(directory.Path, "missing");

        AssertOneLineFailure(directory, new[] { missing, "-f" }, "does not exist", missing);
    }

    [MountFact]
    public void Mount_point_is_a_file()
    {
        using var directory = TempMountPoint.Create();
        var file = Path.GetTempFileName();
        try
        {
            AssertOneLineFailure(directory, new[] { file, "-f" }, "not a directory", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [MountFact]
    public void Libfuse_missing()
    {
        using var directory = TempMountPoint.Create();
        var environment = new Dictionary<string, string?> { ["FUSEGEN_LIBFUSE"] = "/nonexistent/libfuse3.so" };

        AssertOneLineFailure(directory, new[] { directory.Path, "-f" }, "libfuse3", "/nonexistent/libfuse3.so", environment);
    }

    [MountFact]
    public void Unknown_mount_option()
    {
        using var directory = TempMountPoint.Create();

        AssertOneLineFailure(directory, new[] { directory.Path, "-f", "-o", "bogus" }, "unknown option", "bogus");
    }

    [MountFact]
    public void Unknown_flag()
    {
        using var directory = TempMountPoint.Create();

        AssertOneLineFailure(directory, new[] { directory.Path, "-f", "-x" }, "unknown option", "'-x'");
    }

    [MountFact]
    public void No_mount_point()
    {
        using var directory = TempMountPoint.Create();

        AssertOneLineFailure(directory, new[] { "-f" }, "no mount point", "usage");
    }

    private void AssertOneLineFailure(
        TempMountPoint directory, string[] arguments, string problem, string detail, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var sample = SampleProcess.Start("HelloFs", arguments, environment);
        using var watchdog = new MountWatchdog(directory, sample.Process, log: Output.WriteLine);
        var clock = Stopwatch.StartNew();

        var exited = sample.WaitForExit(Limit);
        Output.WriteLine($"exited after {clock.ElapsedMilliseconds} ms; {sample.Describe()}");

        Assert.True(exited, $"still running after {Limit.TotalSeconds} s. {sample.Describe()}");
        Assert.NotEqual(0, sample.ExitCode);
        Assert.False(MountInfo.IsMounted(directory.Path));
        var stderr = sample.StandardError;
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        var line = Assert.Single(stderr.Split('\n'), l => l.Length > 0);
        Assert.StartsWith("HelloFs: ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.Contains(detail, line, StringComparison.Ordinal);
    }
}

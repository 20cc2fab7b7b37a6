using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Packaging.Tests;

/// <summary>Every sample publishes as one native binary without a single trim or AOT warning.</summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Samples() =>
        Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "samples"))
            .Where(directory => File.Exists(Path.Combine(directory, Path.GetFileName(directory) + ".csproj")))
            .Select(directory => new object[] { Path.GetFileName(directory) });

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_publishes_as_a_native_binary_without_warnings(string sample)
    {
        using var publish = new TempDirectory("fusegen-aot");
        var binary = NativeBinary.Publish(SampleProject(sample), publish.Path, "-f", "net9.0");
        output.WriteLine($"{sample}: {new System.IO.FileInfo(binary).Length / 1024} KiB");
    }

    [MountFact]
    public void HelloFs_native_binary_is_small_mounts_quickly_and_serves()
    {
        FuseAvailability.ThrowIfUnavailable();
        using var publish = new TempDirectory("fusegen-aot");
        var binary = NativeBinary.Publish(SampleProject("HelloFs"), publish.Path, "-f", "net9.0");
        var size = new System.IO.FileInfo(binary).Length;

        var clock = Stopwatch.StartNew();
        using var mounted = MountedSample.StartProgram(binary, output);
        var mountTime = clock.Elapsed;
        Assert.Equal("Hello World!\n", File.ReadAllText(mounted["hello"]));
        var rss = NativeBinary.ResidentKilobytes(mounted.Process.Pid);

        // Timings on this shared machine are reported, not asserted; size and memory are deterministic enough to bound.
        output.WriteLine($"HelloFs native: {size / 1024} KiB, exec to mounted {mountTime.TotalMilliseconds:F0} ms (incl. polling), RSS {rss} KiB");
        Assert.True(size <= 3 * 1024 * 1024, $"binary is {size} bytes");
        Assert.True(rss <= 20 * 1024, $"RSS is {rss} KiB");

        Assert.Equal(0, Command.Run("fusermount3", TimeSpan.FromSeconds(15), "-u", mounted.MountPoint.Path).ExitCode);
        Assert.True(mounted.Process.WaitForExit(TimeSpan.FromSeconds(10)), mounted.Process.Describe());
        Assert.Equal(0, mounted.Process.ExitCode);
    }

    private static string SampleProject(string sample) => Path.Combine(RepositoryPaths.Root, "samples", sample, sample + ".csproj");
}

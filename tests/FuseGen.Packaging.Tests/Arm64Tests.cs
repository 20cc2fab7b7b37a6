using System;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Packaging.Tests;

/// <summary>
/// HelloFs and MemFs as linux-arm64 NativeAOT binaries, mounted under qemu-user and checked from outside:
/// scripts/arm64.sh, which also runs the arm64 layout tests.
/// </summary>
public sealed class Arm64Tests(ITestOutputHelper output)
{
    [Arm64Fact]
    public void Samples_published_for_arm64_mount_under_qemu_and_pass_the_everyday_checks()
    {
        FuseAvailability.ThrowIfUnavailable();
        using var binaries = new TempDirectory("fusegen-arm64");

        // The script bounds each step itself (publish 25 min each, mount 90 s, each check 20 s) and always unmounts;
        // this limit only catches a script that hangs outside them.
        var result = Command.Run("bash", TimeSpan.FromMinutes(60), Path.Combine(RepositoryPaths.Root, "scripts", "arm64.sh"), binaries.Path);
        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);

        var failed = result.StandardOutput.Split('\n').Where(line => line.StartsWith("  FAIL", StringComparison.Ordinal));
        Assert.True(result.ExitCode == 0, $"scripts/arm64.sh {result.Summary}\n" + string.Join('\n', failed));
        Assert.Contains("all arm64 checks passed", result.StandardOutput, StringComparison.Ordinal);
    }
}

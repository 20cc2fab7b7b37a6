using System;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Packaging.Tests;

/// <summary>Publishes a project as a NativeAOT single binary.</summary>
internal static class NativeBinary
{
    public static string Publish(string project, string outputDirectory, params string[] extraArguments)
    {
        var arguments = new[] { "publish", project, "-r", "linux-x64", "-c", "Release", "-o", outputDirectory, "-nologo", "-p:TreatWarningsAsErrors=true" }.Concat(extraArguments).ToArray();
        var result = Dotnet.Run(Path.GetDirectoryName(project)!, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("warning", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
        var binary = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(project));
        Assert.True(File.Exists(binary), "no native binary at " + binary);
        return binary;
    }

    /// <summary>Resident set size of a running process, from /proc.</summary>
    public static long ResidentKilobytes(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}

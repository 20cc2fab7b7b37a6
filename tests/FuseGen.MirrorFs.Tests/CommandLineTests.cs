using System;
using System.IO;
using System.Text.RegularExpressions;

namespace FuseGen.MirrorFs.Tests;

/// <summary><c>MirrorFs SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opts]</c> (or <c>-o source=SOURCE</c>): usage errors end with one line and exit code 1, before any mount.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void No_source_is_a_usage_error()
    {
        var result = MirrorFs("-f");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("usage: MirrorFs SOURCE MOUNTPOINT", result.Error);
    }

    [Fact]
    public void A_missing_source_is_reported_with_the_systems_message()
    {
        var result = MirrorFs("/nonexistent/source", "/tmp", "-f");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot open source '/nonexistent/source': No such file or directory", result.Error);
    }

    [Fact]
    public void The_source_option_names_the_source_as_in_passthrough_ll()
    {
        var result = MirrorFs("/tmp", "-f", "-o", "ro,source=/nonexistent/source");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot open source '/nonexistent/source': No such file or directory", result.Error);
    }

    [Fact]
    public void A_source_that_is_not_a_directory_is_refused()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = MirrorFs(file, "/tmp", "-f");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Not a directory", result.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Help_names_the_source()
    {
        var result = MirrorFs("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: MirrorFs SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]\n", result.Output);
        Assert.Single(Regex.Matches(result.Output, "^usage:", RegexOptions.Multiline));
    }

    [Fact]
    public void VersionPrintsVersionsOnly()
    {
        var result = MirrorFs("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("MirrorFs: FuseGen ", result.Output);
        Assert.DoesNotContain("usage", result.Output);
    }

    [Fact]
    public void AMissingMountPointNamesTheSourceInTheUsage()
    {
        var result = MirrorFs(Path.GetTempPath(), "-f");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("MirrorFs: no mount point given (usage: MirrorFs SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]])\n", result.Error);
    }

    private static (int ExitCode, string Output, string Error) MirrorFs(params string[] arguments)
    {
        using var process = SampleProcess.Start("MirrorFs", arguments);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"MirrorFs {string.Join(' ', arguments)} did not exit. {process.Describe()}");
        return (process.ExitCode, process.StandardOutput, process.StandardError);
    }
}

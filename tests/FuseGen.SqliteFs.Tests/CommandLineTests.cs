using System;
using System.IO;
using System.Text.RegularExpressions;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.SqliteFs.Tests;

/// <summary><c>SqliteFs DBFILE MOUNTPOINT [-f] [-d] [-s] [-o opts]</c>: usage errors end with one line and exit code 1, before any mount.</summary>
public sealed class CommandLineTests
{
    private const string Usage = "usage: SqliteFs DBFILE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]";

    [Fact]
    public void Help_shows_one_usage_line_naming_the_database()
    {
        var result = SqliteFs("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(Usage + "\n", result.Output);
        Assert.Single(Regex.Matches(result.Output, "^usage:", RegexOptions.Multiline));
    }

    [Fact]
    public void No_database_is_a_usage_error()
    {
        var result = SqliteFs("-f");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"SqliteFs: no database file given ({Usage})\n", result.Error);
    }

    [Fact]
    public void A_missing_mount_point_names_the_database_in_the_usage()
    {
        using var directory = new TempDirectory("fusegen-sqlitefs");
        var result = SqliteFs(Path.Combine(directory.Path, "fs.db"), "-f");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"SqliteFs: no mount point given ({Usage})\n", result.Error);
    }

    [Fact]
    public void A_database_that_cannot_be_opened_is_reported_in_one_line()
    {
        var result = SqliteFs("/nonexistent/dir/fs.db", "/tmp", "-f");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("SqliteFs: cannot open database '/nonexistent/dir/fs.db': ", result.Error);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    private static (int ExitCode, string Output, string Error) SqliteFs(params string[] arguments)
    {
        using var process = SampleProcess.Start("SqliteFs", arguments);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"SqliteFs {string.Join(' ', arguments)} did not exit. {process.Describe()}");
        return (process.ExitCode, process.StandardOutput, process.StandardError);
    }
}

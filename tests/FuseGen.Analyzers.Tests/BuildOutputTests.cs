using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Analyzers.Tests;

/// <summary>
/// The diagnostics as users meet them: <c>dotnet build</c> of a project consuming FuseGen (Misuse/), where every
/// marked line gets its diagnostic at file:line and nothing else fails.
/// </summary>
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed class BuildOutputTests(ITestOutputHelper output)
{
    private static readonly Regex Reported = new(@"(?<file>[\w.]+\.cs)\((?<line>\d+),\d+\): (?<severity>error|warning) (?<id>\w+):", RegexOptions.Compiled);

    [Fact]
    public void Each_misuse_is_reported_by_dotnet_build_at_its_line_and_nothing_else()
    {
        var project = Path.Combine(RepositoryPaths.Root, "tests", "FuseGen.Analyzers.Tests", "Misuse");
        var expected = Directory.GetFiles(project, "*.cs")
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (File: Path.GetFileName(file), Line: index + 1, Text: text)))
            .Select(line => (line.File, line.Line, Match: Regex.Match(line.Text, @"// expect: (?<id>FUSE\d{3})")))
            .Where(line => line.Match.Success)
            .Select(line => $"{line.File}:{line.Line}: {line.Match.Groups["id"].Value}")
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToArray();

        var build = Build(project);
        output.WriteLine(build);
        var actual = Reported.Matches(build)
            .Select(m => $"{m.Groups["file"].Value}:{m.Groups["line"].Value}: {m.Groups["id"].Value}")
            .Distinct()
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToArray();

        Assert.True(expected.Length >= 23, "the misuse project lost its markers");
        Assert.Equal(expected, actual);
    }

    private static string Build(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = project,
        };
        foreach (var argument in new[] { "build", "-nologo", "-clp:NoSummary", "--no-incremental", "-p:TreatWarningsAsErrors=false" })
        {
            start.ArgumentList.Add(argument);
        }

        // The nested build must not inherit the test host's MSBuild settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEndAsync();
        // A guard against a hung build, not a measure: a build on a 2-core machine shared by many builds takes minutes.
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            // Reading first would wait for a hung build forever; the limit only holds if the output is read aside.
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet build did not finish within 15 minutes");
        }

        process.WaitForExit();
        return text.Result + error.Result;
    }
}

using System;
using System.IO;
using System.Text.RegularExpressions;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Packaging.Tests;

/// <summary>A project outside the solution that takes FuseGen as a PackageReference, as users do.</summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests(PackageFeed feed, ITestOutputHelper output)
{
    private const string BadFileSystem = """
        using System;
        using FuseGen;

        [FuseFileSystem]
        public partial class Broken
        {
            [Getattr]
            Errno GetAttr(ReadOnlySpan<byte> path, Stat stat) => Errno.None;
        }
        """;

    [MountFact]
    public void Package_generates_code_reports_misuse_and_mounts()
    {
        FuseAvailability.ThrowIfUnavailable();
        using var project = new TempDirectory("fusegen-consumer");
        feed.Configure(project.Path);
        File.WriteAllText(Path.Combine(project.Path, "MyFs.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FuseGen" Version="{PackageFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project.Path, "HelloFs.cs"), ReadmeExample());
        File.WriteAllText(Path.Combine(project.Path, "Broken.cs"), BadFileSystem);

        var failing = Dotnet.Run(project.Path, "build", "-nologo");
        output.WriteLine(failing.StandardOutput);
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Matches(new Regex(@"Broken\.cs\(8,49\): error FUSE001: Method 'GetAttr' cannot implement \[Getattr\]"), failing.StandardOutput);
        Assert.DoesNotMatch(new Regex(@"error (?!FUSE001)"), failing.StandardOutput);

        File.Delete(Path.Combine(project.Path, "Broken.cs"));
        var build = Dotnet.Run(project.Path, "build", "-nologo", "-o", "out");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.StandardOutput);

        using var mounted = MountedSample.StartProgram(Path.Combine(project.Path, "out", "MyFs.dll"), output);
        Assert.Equal("Hello World!\n", File.ReadAllText(mounted["hello"]));
        Assert.Equal(0, Command.Run("fusermount3", TimeSpan.FromSeconds(15), "-u", mounted.MountPoint.Path).ExitCode);
        Assert.True(mounted.Process.WaitForExit(TimeSpan.FromSeconds(10)), mounted.Process.Describe());
        Assert.Equal(0, mounted.Process.ExitCode);
    }

    /// <summary>The 20-line example of README.md, so the README cannot show code that does not work.</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var match = Regex.Match(readme, "```csharp\n(?<code>using System;\nusing FuseGen;.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "README.md has no example starting with 'using System; using FuseGen;'");
        return match.Groups["code"].Value;
    }
}

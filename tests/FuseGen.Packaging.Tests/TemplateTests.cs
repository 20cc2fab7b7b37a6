using System;
using System.IO;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Packaging.Tests;

[Collection(PackageCollection.Name)]
public sealed class TemplateTests(PackageFeed feed, ITestOutputHelper output)
{
    [MountFact]
    public void Template_creates_a_project_that_builds_publishes_and_mounts()
    {
        FuseAvailability.ThrowIfUnavailable();
        using var work = new TempDirectory("fusegen-template");
        var hive = Directory.CreateDirectory(Path.Combine(work.Path, "hive")).FullName;
        var install = Dotnet.Run(work.Path, "new", "install", feed.PackagePath("FuseGen.Templates"), "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.ToString());

        var create = Dotnet.Run(work.Path, "new", "fusefs", "-n", "MyFs", "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.ToString());
        var project = Path.Combine(work.Path, "MyFs");
        feed.Configure(project);

        var build = Dotnet.Run(project, "build", "-nologo", "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode == 0, build.ToString());

        var binary = NativeBinary.Publish(Path.Combine(project, "MyFs.csproj"), Path.Combine(project, "native"));
        output.WriteLine($"template binary: {new System.IO.FileInfo(binary).Length / 1024} KiB");

        using var mounted = MountedSample.StartProgram(binary, output);
        Assert.Equal("Hello from MyFs!\n", File.ReadAllText(mounted["hello.txt"]));
        Assert.Equal(0, Command.Run("fusermount3", TimeSpan.FromSeconds(15), "-u", mounted.MountPoint.Path).ExitCode);
        Assert.True(mounted.Process.WaitForExit(TimeSpan.FromSeconds(10)), mounted.Process.Describe());
        Assert.Equal(0, mounted.Process.ExitCode);
    }
}

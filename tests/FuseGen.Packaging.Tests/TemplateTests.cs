using System;
using System.IO;
using System.Linq;
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
        NewProject(work, "-n", "MyFs");
        var project = Path.Combine(work.Path, "MyFs");
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", File.ReadAllText(Path.Combine(project, "MyFs.csproj")));
        feed.Configure(project);

        var build = Dotnet.Run(project, "build", "-nologo", "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode == 0, build.ToString());

        // The test project next to it (FuseGen.Testing): a kernel-free unit test and a mount test, both run here.
        var test = Dotnet.Run(project, "test", "MyFs.Tests", "-nologo", "-p:TreatWarningsAsErrors=true", "--logger", "console;verbosity=normal");
        output.WriteLine(test.StandardOutput);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Matches(@"Total tests: 2\s+Passed: 2\s+Total time", test.StandardOutput);

        var binary = NativeBinary.Publish(Path.Combine(project, "MyFs.csproj"), Path.Combine(project, "native"));
        output.WriteLine($"template binary: {new System.IO.FileInfo(binary).Length / 1024} KiB");

        using var mounted = MountedSample.StartProgram(binary, output);
        Assert.Equal("Hello from MyFs!\n", File.ReadAllText(mounted["hello.txt"]));
        Assert.True(File.GetLastWriteTimeUtc(mounted["hello.txt"]) > DateTime.UtcNow.AddDays(-1), "the example's file is dated " + File.GetLastWriteTimeUtc(mounted["hello.txt"]));
        Assert.Equal(0, Command.Run("fusermount3", TimeSpan.FromSeconds(15), "-u", mounted.MountPoint.Path).ExitCode);
        Assert.True(mounted.Process.WaitForExit(TimeSpan.FromSeconds(10)), mounted.Process.Describe());
        Assert.Equal(0, mounted.Process.ExitCode);
    }

    /// <summary>
    /// <c>--api inode</c>: the same project on the inode API (an <c>InodeTable</c> of nodes, lookup, getattr, readdir,
    /// read) with a kernel-free test and a mount test; the path files are left out, and without the option the path API is chosen.
    /// </summary>
    [MountFact]
    public void Api_inode_creates_an_inode_filesystem_that_builds_passes_its_tests_and_mounts()
    {
        FuseAvailability.ThrowIfUnavailable();
        using var work = new TempDirectory("fusegen-template");
        NewProject(work, "-n", "InodeFs", "--api", "inode");
        var project = Path.Combine(work.Path, "InodeFs");
        Assert.Equal(
            new[] { "InodeFs.Tests/InodeFs.Tests.csproj", "InodeFs.Tests/InodeFsTests.cs", "InodeFs.Tests/MountFactAttribute.cs", "InodeFs.cs", "InodeFs.csproj" },
            Directory.GetFiles(project, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(project, f)).Order(StringComparer.Ordinal));
        Assert.Contains("[FuseInodeFileSystem]", File.ReadAllText(Path.Combine(project, "InodeFs.cs")));
        feed.Configure(project);

        var build = Dotnet.Run(project, "build", "-nologo", "-p:TreatWarningsAsErrors=true", "-o", "out");
        Assert.True(build.ExitCode == 0, build.ToString());

        var test = Dotnet.Run(project, "test", "InodeFs.Tests", "-nologo", "-p:TreatWarningsAsErrors=true", "--logger", "console;verbosity=normal");
        output.WriteLine(test.StandardOutput);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Matches(@"Total tests: 2\s+Passed: 2\s+Total time", test.StandardOutput);

        using var mounted = MountedSample.StartProgram(Path.Combine(project, "out", "InodeFs.dll"), output);
        Assert.Equal(new[] { "hello.txt" }, Directory.GetFileSystemEntries(mounted.MountPoint.Path).Select(Path.GetFileName));
        Assert.Equal("Hello from InodeFs!\n", File.ReadAllText(mounted["hello.txt"]));
        Assert.Equal(0, Command.Run("fusermount3", TimeSpan.FromSeconds(15), "-u", mounted.MountPoint.Path).ExitCode);
        Assert.True(mounted.Process.WaitForExit(TimeSpan.FromSeconds(10)), mounted.Process.Describe());
        Assert.Equal(0, mounted.Process.ExitCode);
    }

    /// <summary><c>-f|--framework</c> as in the SDK's own templates; the project then builds for that framework.</summary>
    [Theory]
    [InlineData("-f", "net9.0")]
    [InlineData("--framework", "net8.0")]
    public void Framework_option_sets_the_target_framework(string option, string framework)
    {
        using var work = new TempDirectory("fusegen-template");
        NewProject(work, "-n", "OtherFs", option, framework);
        var project = Path.Combine(work.Path, "OtherFs");
        Assert.Contains($"<TargetFramework>{framework}</TargetFramework>", File.ReadAllText(Path.Combine(project, "OtherFs.csproj")));
        feed.Configure(project);

        // FileInfo in the example's files is FuseGen's (the global using alias), although System.IO is imported too.
        File.WriteAllText(Path.Combine(project, "UsesFileInfo.cs"), """
            namespace OtherFs;

            internal static class UsesFileInfo
            {
                internal static bool IsOpen(ref FileInfo file) => file.IsPresent && File.Exists("/");
            }
            """);
        var build = Dotnet.Run(project, "build", "-nologo", "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", framework, "OtherFs.dll")), build.StandardOutput);
    }

    /// <summary>Installs the template pack in a hive of its own under <paramref name="work"/> and runs <c>dotnet new fusefs</c> there.</summary>
    private void NewProject(TempDirectory work, params string[] arguments)
    {
        var hive = Directory.CreateDirectory(Path.Combine(work.Path, "hive")).FullName;
        var install = Dotnet.Run(work.Path, "new", "install", feed.PackagePath("FuseGen.Templates"), "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.ToString());

        var create = Dotnet.Run(work.Path, ["new", "fusefs", .. arguments, "--debug:custom-hive", hive]);
        Assert.True(create.ExitCode == 0, create.ToString());
    }
}

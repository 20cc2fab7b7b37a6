using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Packaging.Tests;

/// <summary>
/// A user's solution (TestKitConsumer: two filesystems and their xunit tests) that references only the FuseGen and
/// FuseGen.Testing packages of the feed: as root its mount test mounts and passes; as an unprivileged user in a mount
/// namespace whose /dev has no fuse device, its kernel-free unit test passes and the mount test is skipped.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TestKitConsumerTests(PackageFeed feed, ITestOutputHelper output)
{
    /// <summary>The devices dotnet needs; /dev/fuse is not among them.</summary>
    private const string DevWithoutFuse =
        "mount -t tmpfs -o mode=755 devices /dev && mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/zero c 1 5 && " +
        "mknod -m 666 /dev/random c 1 8 && mknod -m 666 /dev/urandom c 1 9 && mkdir -m 1777 /dev/shm && ln -s /proc/self/fd /dev/fd || exit 1";

    [MountFact(AsRoot = true)]
    public void User_tests_mount_as_root_and_run_kernel_free_without_dev_fuse_as_another_user()
    {
        FuseAvailability.ThrowIfUnavailable(asRoot: true);
        using var solution = new TempDirectory("fusegen-testkit");
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "tests", "FuseGen.Packaging.Tests", "TestKitConsumer"), solution.Path);
        feed.Configure(solution.Path);
        var tests = Path.Combine(solution.Path, "Filesystems.Tests");
        var version = $"-p:FuseGenVersion={PackageFeed.Version}";

        var build = Dotnet.Run(tests, "build", "-nologo", version);
        Assert.True(build.ExitCode == 0, build.ToString());

        var asRoot = Dotnet.Run(tests, "test", "--no-build", "-nologo", version, "--logger", "console;verbosity=normal");
        output.WriteLine(asRoot.StandardOutput);
        Assert.True(asRoot.ExitCode == 0, asRoot.ToString());
        Assert.Matches(@"Total tests: 2\s+Passed: 2\s+Total time", asRoot.StandardOutput);

        // The unprivileged user reads the build and writes test results, with a home of its own for the dotnet CLI.
        var home = Directory.CreateDirectory(Path.Combine(solution.Path, "home")).FullName;
        var script = Path.Combine(solution.Path, "as-user.sh");
        File.WriteAllText(script, $"""
            {DevWithoutFuse}
            cd '{tests}'
            exec setpriv --reuid={UnprivilegedUser.Uid} --regid={UnprivilegedUser.Gid} --clear-groups -- env HOME='{home}' TESTKIT_EXPECT_NO_FUSE=1 sh -c 'echo "uid=$(id -u)"; test -e /dev/fuse || echo "no /dev/fuse"; dotnet test --no-build -nologo {version} --logger "console;verbosity=normal"'
            """);
        Assert.Equal(0, Command.Run("chmod", TimeSpan.FromMinutes(1), "-R", "a+rwX", solution.Path).ExitCode);
        var asUser = Command.Run("unshare", TimeSpan.FromMinutes(10), new[] { "--mount", "--propagation", "private", "sh", script }, tests, DotnetEnvironment());
        output.WriteLine(asUser.StandardOutput + asUser.StandardError);
        Assert.True(asUser.ExitCode == 0, asUser.ToString());
        Assert.Contains($"uid={UnprivilegedUser.Uid}\nno /dev/fuse\n", asUser.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FUSE is unavailable: /dev/fuse does not exist", asUser.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"Total tests: 2\s+Passed: 1\s+Skipped: 1\s+Total time", asUser.StandardOutput);
    }

    // The user's mount test must skip here, whatever the outer run requires.
    private static Dictionary<string, string?> DotnetEnvironment() => new(Dotnet.Environment) { ["FUSEGEN_REQUIRE_MOUNT"] = null };

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

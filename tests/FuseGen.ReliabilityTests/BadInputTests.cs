using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// A sample started on an unusable mount point, device or command line says why in one line and exits 1 at once:
/// no crash, no hang, nothing mounted. Missing and non-directory mount points, missing libfuse3, unknown options
/// and flags are covered by FuseGen.IntegrationTests' BadInputTests; these are the rest.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class BadInputTests : MountTest
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public BadInputTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Mounting_over_a_non_empty_directory_works_and_nonempty_is_accepted()
    {
        foreach (var extra in new[] { Array.Empty<string>(), new[] { "-o", "nonempty" } })
        {
            using var mountPoint = TempMountPoint.Create();
            File.WriteAllText(Path.Combine(mountPoint.Path, "underneath"), "hidden while mounted");
            using var sample = SampleProcess.StartHelloFs(new[] { mountPoint.Path, "-f" }.Concat(extra).ToArray());
            using var watchdog = new MountWatchdog(mountPoint, sample.Process, log: Output.WriteLine);
            sample.WaitForMount(mountPoint.Path);

            Assert.Equal(new[] { "hello" }, Directory.GetFileSystemEntries(mountPoint.Path).Select(Path.GetFileName));
            Assert.Equal(0, Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-u", mountPoint.Path).ExitCode);
            Assert.True(sample.WaitForExit(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, sample.ExitCode);
            Assert.Equal("hidden while mounted", File.ReadAllText(Path.Combine(mountPoint.Path, "underneath")));
            File.Delete(Path.Combine(mountPoint.Path, "underneath"));
            Output.WriteLine($"non-empty mount point{(extra.Length > 0 ? " with -o nonempty" : "")}: mounted over the file, which is back after the unmount");
        }
    }

    [MountFact]
    public void A_mount_point_already_holding_a_FUSE_mount_is_refused()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var line = AssertOneLineFailure(new[] { mount.MountPoint.Path, "-f" }, "already has a FUSE filesystem mounted", mount.MountPoint.Path);

        Assert.Contains("fusermount3 -u", line, StringComparison.Ordinal);
        Assert.Equal("Hello World!\n", File.ReadAllText(mount["hello"]));
    }

    [MountFact]
    public void A_mount_point_the_user_cannot_reach_is_refused_without_root()
    {
        using var root = TempMountPoint.Create();
        var mountPoint = Path.Combine(root.Path, "mnt");
        Directory.CreateDirectory(mountPoint);
        File.SetUnixFileMode(root.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // 0700, root's
        try
        {
            AssertOneLineFailure(new[] { mountPoint, "-f" }, "permission denied", mountPoint, asUser: 1000);
        }
        finally
        {
            Directory.Delete(mountPoint);
        }
    }

    [MountFact]
    public void Without_root_an_unwritable_mount_point_and_allow_other_are_refused_in_one_line()
    {
        // Where /dev/fuse is open to all users (as on most machines; here it may be root's only), mounting without
        // root goes through fusermount3, which refuses these and prints its own complaint: FuseGen checks first.
        using var unwritable = TempMountPoint.Create();
        File.SetUnixFileMode(unwritable.Path, (UnixFileMode)0x1ED); // root's, 0755
        var refused = RunInNamespace(UnprivilegedDevice, $"{AsUser} {Quote(Dotnet())} {Quote(SampleLocator.Find("HelloFs"))} {Quote(unwritable.Path)} -f");
        AssertOneLine(refused, "is not writable by this user");

        using var own = TempMountPoint.Create();
        Assert.Equal(0, Command.Run("chown", TimeSpan.FromSeconds(10), "1000:1000", own.Path).ExitCode);
        refused = RunInNamespace(UnprivilegedDevice + "\nmount --bind /dev/null /etc/fuse.conf", $"{AsUser} {Quote(Dotnet())} {Quote(SampleLocator.Find("HelloFs"))} {Quote(own.Path)} -f -o allow_other");
        AssertOneLine(refused, "allow_other needs 'user_allow_other' in /etc/fuse.conf");

        // The control: the same user mounts on its own directory in the same setting.
        var mounted = RunInNamespace(UnprivilegedDevice, $$"""
            {{AsUser}} {{Quote(Dotnet())}} {{Quote(SampleLocator.Find("HelloFs"))}} {{Quote(own.Path)}} -f &
            for i in $(seq 1 200); do grep -q ' {{own.Path}} ' /proc/self/mountinfo && break; sleep 0.05; done
            grep -q ' {{own.Path}} ' /proc/self/mountinfo && echo mounted
            kill -TERM $!; wait $!
            """);
        Assert.Contains("mounted", mounted.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, mounted.ExitCode);
    }

    /// <summary>A FUSE device node open to everyone, bound over /dev/fuse (this namespace only).</summary>
    private const string UnprivilegedDevice = """
        mount -t tmpfs -o mode=0755 none /mnt
        mknod -m 666 /mnt/fuse c 10 229
        mount --bind /mnt/fuse /dev/fuse
        """;

    private const string AsUser = "setpriv --reuid=1000 --regid=1000 --clear-groups env HOME=/tmp DOTNET_CLI_HOME=/tmp";

    [MountFact]
    public void A_missing_dev_fuse_is_reported_in_one_line()
    {
        // A private mount namespace whose /dev is a tmpfs holding only the devices .NET needs.
        using var mountPoint = TempMountPoint.Create();
        var result = RunHelloFsInNamespace(mountPoint.Path, """
            mount -t tmpfs -o mode=0755 none /dev
            mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9
            """);

        var line = AssertOneLine(result, "/dev/fuse does not exist");
        Assert.Contains("modprobe fuse", line, StringComparison.Ordinal);
        Assert.False(MountInfo.IsMounted(mountPoint.Path));
    }

    [MountFact]
    public void An_unusable_dev_fuse_is_reported_in_one_line()
    {
        // /dev/null bound over /dev/fuse: it opens, but it is not the FUSE device.
        using var mountPoint = TempMountPoint.Create();
        var result = RunHelloFsInNamespace(mountPoint.Path, "mount --bind /dev/null /dev/fuse");

        var line = AssertOneLine(result, "/dev/fuse is not the FUSE device");
        Assert.Contains("character device 1,3", line, StringComparison.Ordinal);
        Assert.False(MountInfo.IsMounted(mountPoint.Path));
    }

    [MountFact]
    public void A_missing_option_value_is_refused() =>
        AssertMalformedOptions(new[] { "-o" }, "option '-o' needs a value");

    [MountFact]
    public void A_non_numeric_thread_count_is_refused() =>
        AssertMalformedOptions(new[] { "-o", "max_threads=abc" }, "option 'max_threads' needs a positive number, not 'abc'");

    [MountFact]
    public void Out_of_range_thread_counts_are_refused()
    {
        AssertMalformedOptions(new[] { "-o", "max_threads=0" }, "option 'max_threads' needs a positive number, not '0'");
        AssertMalformedOptions(new[] { "-o", "max_idle_threads=-1" }, "option 'max_idle_threads' needs a positive number, not '-1'");
        AssertMalformedOptions(new[] { "-o", "max_threads=99999999999" }, "option 'max_threads' needs a positive number, not '99999999999'");
    }

    [MountFact]
    public void An_option_without_a_name_is_refused() =>
        AssertMalformedOptions(new[] { "-o", "=x" }, "malformed option '=x'");

    private void AssertMalformedOptions(string[] options, string message)
    {
        using var mountPoint = TempMountPoint.Create();
        var line = AssertOneLineFailure(new[] { mountPoint.Path, "-f" }.Concat(options).ToArray(), message, "--help");
        Assert.False(MountInfo.IsMounted(mountPoint.Path));
        Output.WriteLine($"{string.Join(' ', options)} -> {line}");
    }

    /// <summary>Runs HelloFs (as <paramref name="asUser"/> through setpriv if given) and checks its one-line failure.</summary>
    private string AssertOneLineFailure(string[] arguments, string problem, string detail, int? asUser = null)
    {
        var program = SampleLocator.Find("HelloFs");
        var clock = Stopwatch.StartNew();
        Command.Result result;
        if (asUser is { } uid)
        {
            var id = uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = Command.Run(
                "setpriv",
                Limit,
                new[] { "--reuid=" + id, "--regid=" + id, "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", Dotnet(), program }.Concat(arguments),
                "/",
                null);
        }
        else
        {
            result = Command.Run(Dotnet(), Limit, new[] { program }.Concat(arguments), "/", null);
        }

        Output.WriteLine($"HelloFs {string.Join(' ', arguments)}{(asUser is null ? "" : $" as uid {asUser}")}: {result.Summary} after {clock.ElapsedMilliseconds} ms");
        var line = AssertOneLine(result, problem);
        Assert.Contains(detail, line, StringComparison.Ordinal);
        return line;
    }

    private static string AssertOneLine(Command.Result result, string problem)
    {
        Assert.False(result.TimedOut, "HelloFs hangs instead of failing");
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        var line = Assert.Single(result.StandardError.Split('\n'), l => l.Length > 0);
        Assert.StartsWith("HelloFs: ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>
    /// Runs HelloFs on <paramref name="mountPoint"/> in a private mount namespace after <paramref name="setup"/> (bash)
    /// has changed it; the namespace and everything mounted in it go with the process.
    /// </summary>
    private Command.Result RunHelloFsInNamespace(string mountPoint, string setup) =>
        RunInNamespace(setup, $"exec {Quote(Dotnet())} {Quote(SampleLocator.Find("HelloFs"))} {Quote(mountPoint)} -f");

    /// <summary>Runs <paramref name="command"/> (bash) in a private mount namespace prepared by <paramref name="setup"/>.</summary>
    private Command.Result RunInNamespace(string setup, string command)
    {
        var script = $"""
            set -e
            # Copies of the machine's FUSE mounts (other tests' too) would keep their filesystems alive: drop them.
            grep -E ' - fuse(\.[^ ]*)? ' /proc/self/mountinfo | cut -d' ' -f5 | xargs -r -n1 umount -l
            {setup}
            set +e
            {command}
            """;
        var result = Command.Run("unshare", Limit, "--mount", "--propagation", "private", "bash", "-c", script);
        Output.WriteLine($"{result.Summary} [in a private mount namespace after: {setup.Trim().Split('\n')[^1]}]");
        return result;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Dotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using FuseGen.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// A mounted sample stops cleanly however it is asked to: unmounted from outside or signalled, it exits with 0 within
/// a second and leaves no mount. Each request is sent the moment the mount appears, the earliest a user could.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class ExitTests : MountTest
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(1000);

    public ExitTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Fusermount_unmount_ends_the_process()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var clock = Stopwatch.StartNew();
        var fusermount = Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-u", mount.MountPoint.Path);
        Assert.True(fusermount.ExitCode == 0, "fusermount3 -u: " + fusermount.Summary);

        AssertCleanExit(mount, clock, "fusermount3 -u");
    }

    [MountFact]
    public void Sigint_ends_the_process() => AssertSignalEndsProcess(LibC.SIGINT, "SIGINT");

    [MountFact]
    public void Sigterm_ends_the_process() => AssertSignalEndsProcess(LibC.SIGTERM, "SIGTERM");

    [MountFact]
    public void Sighup_ends_the_process() => AssertSignalEndsProcess(LibC.SIGHUP, "SIGHUP");

    private void AssertSignalEndsProcess(int signal, string name)
    {
        using var mount = MountedSample.Start("HelloFs", Output);
        var pid = mount.Process.Pid;
        // The signal must really reach the program: not ignored (as in a background job of a shell) and caught.
        var status = File.ReadAllLines($"/proc/{pid}/status");
        Assert.False(SignalBit(status, "SigIgn:", signal), $"{name} is ignored by the sample process, so this test would prove nothing");

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, LibC.Kill(pid, signal));

        AssertCleanExit(mount, clock, name);
    }

    private void AssertCleanExit(MountedSample mount, Stopwatch clock, string how)
    {
        var exited = mount.Process.WaitForExit(TimeSpan.FromSeconds(10));
        var elapsed = clock.Elapsed;
        Output.WriteLine($"{how}: process exited {elapsed.TotalMilliseconds:0} ms after the request");
        Assert.True(exited, $"still running 10 s after {how}. {mount.Process.Describe()}");
        Assert.True(mount.Process.ExitCode == 0, $"exit code {mount.Process.ExitCode} after {how}. {mount.Process.Describe()}");
        Assert.False(MountInfo.IsMounted(mount.MountPoint.Path), $"{mount.MountPoint.Path} is still mounted after {how}");
        Assert.Equal("", mount.Process.StandardError);
        Assert.True(elapsed < Limit, $"exit took {elapsed.TotalMilliseconds:0} ms after {how}, limit {Limit.TotalMilliseconds:0} ms");
    }

    private static bool SignalBit(string[] status, string field, int signal)
    {
        var mask = status.Single(l => l.StartsWith(field, StringComparison.Ordinal)).Substring(field.Length).Trim();
        return (ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1ul << (signal - 1))) != 0;
    }
}

using System;
using System.Diagnostics;
using System.Threading.Tasks;
using FuseGen.Testing;
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
    public async Task Fusermount_unmount_ends_the_process()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var start = new ProcessStartInfo("fusermount3") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(mount.MountPoint.Path);
        using var fusermount = Process.Start(start)!;
        // From the moment fusermount3 runs: the test host's own fork and exec are no part of the sample's exit.
        var clock = Stopwatch.StartNew();
        var error = fusermount.StandardError.ReadToEndAsync();
        Assert.True(fusermount.WaitForExit(TimeSpan.FromSeconds(10)), "fusermount3 -u hangs");
        Assert.True(fusermount.ExitCode == 0, $"fusermount3 -u failed: {await error}");

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
        // The signal must really reach the program: ignored (as in a shell's background job), it would prove nothing.
        Assert.False(ProcFs.Ignores(pid, signal), $"{name} is ignored by the sample process");

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, LibC.Kill(pid, signal));

        AssertCleanExit(mount, clock, name);
    }

    private void AssertCleanExit(MountedSample mount, Stopwatch clock, string how)
    {
        var elapsed = mount.Process.WaitForTermination(clock, TimeSpan.FromSeconds(10));
        Output.WriteLine(elapsed is { } time ? $"{how}: process exited {time.TotalMilliseconds:0} ms after the request" : $"{how}: process did not exit");
        Assert.True(elapsed.HasValue, $"still running 10 s after {how}. {mount.Process.Describe()}");
        Assert.True(mount.Process.WaitForExit(TimeSpan.FromSeconds(10)), $"the test host did not see the exit after {how}");
        Assert.True(mount.Process.ExitCode == 0, $"exit code {mount.Process.ExitCode} after {how}. {mount.Process.Describe()}");
        Assert.False(MountInfo.IsMounted(mount.MountPoint.Path), $"{mount.MountPoint.Path} is still mounted after {how}");
        Assert.Equal("", mount.Process.StandardError);
        Assert.True(elapsed < Limit, $"exit took {elapsed.Value.TotalMilliseconds:0} ms after {how}, limit {Limit.TotalMilliseconds:0} ms");
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.ReliabilityTests.FileSystems;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Every way a mounted filesystem is stopped while it is busy (open files, reads in flight, a read blocked inside the
/// filesystem) ends within a bounded time and leaves no mount; a killed filesystem leaves a dead mount that the
/// next start refuses with one line (or clears with <c>-o clear_stale</c>), and <c>-o auto_unmount</c> clears by
/// itself. ExitTests in FuseGen.IntegrationTests covers the idle cases.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ShutdownTests : MountTest, IDisposable
{
    private const int SIGKILL = 9;
    private const int FileSize = 1 << 20;

    /// <summary>The libfuse version whose fuse_session_exit wakes the workers blocked reading /dev/fuse.</summary>
    private static readonly Version LoopEndsByItselfSince = new(3, 18);

    /// <summary>MountOptions.UnmountTimeout's default: how long a signalled sample waits for open files before aborting.</summary>
    private static readonly TimeSpan DefaultUnmountTimeout = new MountOptions().UnmountTimeout;

    /// <summary>A generous bound for the wait plus the abort on a loaded machine.</summary>
    private static readonly TimeSpan BusyExitLimit = DefaultUnmountTimeout + TimeSpan.FromSeconds(10);

    /// <summary>fusectl as the test found it: the runtime mounts it where it must abort a connection.</summary>
    private readonly MountInfo.Entry? fusectlBefore = MountInfo.Find("/sys/fs/fuse/connections");

    public ShutdownTests(ITestOutputHelper output)
        : base(output)
    {
    }

    public void Dispose() => RestoreFusectl(fusectlBefore);

    [MountFact]
    public void Sigint_with_open_files_and_reads_in_flight_ends_within_the_unmount_timeout() => AssertSignalEndsBusyProcess(LibC.SIGINT, "SIGINT");

    [MountFact]
    public void Sigterm_with_open_files_and_reads_in_flight_ends_within_the_unmount_timeout() => AssertSignalEndsBusyProcess(LibC.SIGTERM, "SIGTERM");

    [MountFact]
    public void Sighup_with_open_files_and_reads_in_flight_ends_within_the_unmount_timeout() => AssertSignalEndsBusyProcess(LibC.SIGHUP, "SIGHUP");

    [MountFact]
    public void Fusermount_u_with_open_files_is_refused_as_busy_and_succeeds_once_they_are_closed()
    {
        using var mount = MountedSample.Start("MemFs", Output);
        var fd = OpenBigFile(mount);
        var clock = Stopwatch.StartNew();
        using (var reader = new InFlightReader(fd, FileSize, clock))
        {
            var busy = Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-u", mount.MountPoint.Path);
            Output.WriteLine($"fusermount3 -u with a file open and reads in flight: {busy.Summary} after {clock.ElapsedMilliseconds} ms");
            Assert.False(busy.TimedOut, "fusermount3 -u hangs");
            Assert.NotEqual(0, busy.ExitCode);
            Assert.Contains("busy", busy.StandardError, StringComparison.OrdinalIgnoreCase);
            Assert.True(MountInfo.IsMounted(mount.MountPoint.Path), "the refused unmount removed the mount");
            Assert.True(reader.WaitForMoreReads(100, TimeSpan.FromSeconds(10)), $"reads stopped after the refused unmount (errno {reader.Errno})");
        }

        Assert.Equal(0, LibC.Close(fd));
        var unmount = Stopwatch.StartNew();
        var done = Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-u", mount.MountPoint.Path);
        Assert.True(done.ExitCode == 0, $"fusermount3 -u after closing: {done.Summary}");
        var exited = mount.Process.WaitForTermination(unmount, TimeSpan.FromSeconds(10));
        Output.WriteLine($"after closing the file: fusermount3 -u {done.Summary}, process exited {exited?.TotalMilliseconds:0} ms after it started");
        AssertCleanExit(mount, exited, TimeSpan.FromSeconds(5), "fusermount3 -u");
    }

    [MountFact]
    public void Lazy_unmount_with_an_open_file_keeps_serving_it_and_ends_when_it_is_closed()
    {
        using var mount = MountedSample.Start("MemFs", Output);
        var fd = OpenBigFile(mount);
        var clock = Stopwatch.StartNew();
        using (var reader = new InFlightReader(fd, FileSize, clock))
        {
            var lazy = Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-uz", mount.MountPoint.Path);
            Assert.True(lazy.ExitCode == 0, $"fusermount3 -uz: {lazy.Summary}");
            Assert.False(MountInfo.IsMounted(mount.MountPoint.Path), "still in the mount table after fusermount3 -uz");
            Assert.True(reader.WaitForMoreReads(100, TimeSpan.FromSeconds(10)), $"the open file is no longer served after the lazy unmount (errno {reader.Errno})");
            Assert.False(mount.Process.HasExited, "the filesystem stopped while a file of the detached mount was open");
        }

        var closed = Stopwatch.StartNew();
        Assert.Equal(0, LibC.Close(fd));
        var exited = mount.Process.WaitForTermination(closed, TimeSpan.FromSeconds(10));
        Output.WriteLine($"fusermount3 -uz with an open file: served until closed; process exited {exited?.TotalMilliseconds:0} ms after the close");
        AssertCleanExit(mount, exited, TimeSpan.FromSeconds(5), "closing the last file of a lazily unmounted mount");
    }

    [MountFact]
    public void Unmount_from_code_with_a_read_blocked_in_the_filesystem_and_an_open_file_detaches_aborts_and_ends()
    {
        var plan = new FaultPlan();
        var fs = new FaultFs(plan);
        fs.Seed("/slow", new byte[4096]);
        fs.Seed("/file", new byte[FileSize]);
        using var gate = new ManualResetEventSlim(false);
        var rule = plan.Add("read", "/slow", Fault.Block(gate, TimeSpan.FromSeconds(60)));
        var options = new MountOptions { DirectIo = true, UnmountTimeout = TimeSpan.FromSeconds(1), FaultHandler = _ => { } };
        using var mount = InProcessMount.Start(fs, options, Output, TimeSpan.FromSeconds(90));
        var clock = Stopwatch.StartNew();
        var (slow, _) = LibC.Open(mount["slow"], LibC.O_RDONLY);
        var (open, _) = LibC.Open(mount["file"], LibC.O_RDONLY);
        Assert.True(slow >= 0 && open >= 0);
        using var blockedReader = new InFlightReader(slow, 4096, clock);
        Assert.True(rule.Entered.Wait(TimeSpan.FromSeconds(10)), "the read never reached the filesystem");

        var started = clock.Elapsed;
        var unmounting = mount.Mount.UnmountAsync();
        var detached = WaitUntil(() => !MountInfo.IsMounted(mount.Path), TimeSpan.FromSeconds(10), clock);
        Assert.True(blockedReader.Join(TimeSpan.FromSeconds(15)), "the caller blocked in the filesystem did not get its read back after the abort");
        var aborted = blockedReader.FailedAt!.Value;

        // The kernel side is done, but the filesystem's own code is still running: Unmount waits for it.
        Thread.Sleep(500);
        var waitedForTheFileSystem = !unmounting.IsCompleted;
        var released = clock.Elapsed;
        gate.Set();
        Assert.True(unmounting.Wait(TimeSpan.FromSeconds(10)), "Unmount did not finish after the blocked read returned");
        var stopped = clock.Elapsed;
        var (_, openErrno) = LibC.PRead(open, new byte[10], 0);
        LibC.Close(slow);
        LibC.Close(open);

        Output.WriteLine($"Unmount() with a read blocked in the filesystem and a file open (UnmountTimeout 1 s): detached after {Ms(detached - started)} ms, " +
            $"connection aborted (blocked caller got errno {blockedReader.Errno}) after {Ms(aborted - started)} ms, stopped {Ms(stopped - released)} ms after the blocked read returned");
        Assert.NotNull(detached);
        Assert.Equal(LibC.ECONNABORTED, blockedReader.Errno);
        Assert.True(aborted - started < TimeSpan.FromSeconds(8), $"the abort took {Ms(aborted - started)} ms with UnmountTimeout 1 s");
        Assert.True(waitedForTheFileSystem, "Unmount returned while an operation was still running in the filesystem");
        Assert.Equal(0, mount.Mount.Completion.Result);
        Assert.NotEqual(0, openErrno);
        Assert.False(MountInfo.IsMounted(mount.Path));
    }

    /// <summary>
    /// A mount whose loop is slow to finish after its unmount (here in [Destroy]) must not abort, when its unmount
    /// timeout passes, the connection that now carries its old number: the kernel gives a freed number to the next
    /// mount at once. The second mount must keep serving.
    /// </summary>
    [MountFact]
    public void A_slow_ending_after_unmount_does_not_abort_the_next_mount_on_the_same_connection_number()
    {
        var plan = new FaultPlan();
        using var release = new ManualResetEventSlim(false);
        var destroying = plan.Add("destroy", "/", Fault.Block(release, TimeSpan.FromSeconds(30)));
        var first = InProcessMount.Start(new FaultFs(plan), new MountOptions { UnmountTimeout = TimeSpan.FromSeconds(1) }, Output);
        try
        {
            var firstConnection = MountInfo.Find(first.Path)!.Minor;
            // A request answered proves the init done: libfuse calls destroy only for a session that had its init.
            Assert.False(File.Exists(first["absent"]));
            var unmounting = first.Mount.UnmountAsync();
            Assert.True(destroying.Entered.Wait(TimeSpan.FromSeconds(15)), $"[Destroy] was not reached after the unmount (mounted: {MountInfo.IsMounted(first.Path)}, unmount finished: {unmounting.IsCompleted}, hits {destroying.Hits})");
            Assert.False(MountInfo.IsMounted(first.Path));

            // The kernel hands out the lowest free number: mounts that get a lower one than the first's (numbers other
            // mounts freed meanwhile) are kept until the next mount reaches the first's number.
            var fillers = new List<InProcessMount>();
            InProcessMount? second = null;
            var secondConnection = "";
            try
            {
                for (var attempt = 0; attempt < 8; attempt++)
                {
                    var fs = new FaultFs(new FaultPlan());
                    fs.Seed("/file", new byte[16]);
                    second = InProcessMount.Start(fs, new MountOptions(), Output);
                    secondConnection = MountInfo.Find(second.Path)!.Minor;
                    if (secondConnection == firstConnection || int.Parse(secondConnection) > int.Parse(firstConnection))
                    {
                        break;
                    }

                    fillers.Add(second);
                    second = null;
                }
            }
            finally
            {
                fillers.ForEach(filler => filler.Dispose());
            }

            Output.WriteLine($"first mount's connection {firstConnection}, second mount's {secondConnection}");
            using var serving = second;
            Assert.True(serving is not null && secondConnection == firstConnection, $"the next mount never got the freed connection number {firstConnection} (got {secondConnection}): nothing to test");

            // Past the first mount's unmount timeout (1 s), with its loop still in [Destroy].
            Thread.Sleep(TimeSpan.FromSeconds(2.5));
            Assert.False(unmounting.IsCompleted, "the first mount finished before its unmount timeout passed: nothing was tested");
            var (fd, errno) = LibC.Open(serving["file"], LibC.O_RDONLY);
            Assert.True(errno == 0, $"the second mount (connection {secondConnection}) no longer serves: open errno {errno}");
            LibC.Close(fd);
            release.Set();
            Assert.True(unmounting.Wait(TimeSpan.FromSeconds(15)), "the first mount did not finish after [Destroy] returned");
        }
        finally
        {
            release.Set();
            first.Dispose();
        }
    }

    [MountFact]
    public void Unmount_from_code_after_a_lazy_unmount_with_a_held_file_aborts_after_the_unmount_timeout()
    {
        var fs = new FaultFs(new FaultPlan());
        fs.Seed("/file", new byte[FileSize]);
        var options = new MountOptions { UnmountTimeout = TimeSpan.FromSeconds(1) };
        using var mount = InProcessMount.Start(fs, options, Output);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        var clock = Stopwatch.StartNew();
        try
        {
            using (var reader = new InFlightReader(fd, FileSize, clock))
            {
                var lazy = Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-uz", mount.Path);
                Assert.True(lazy.ExitCode == 0, lazy.Summary);
                Assert.True(reader.WaitForMoreReads(50, TimeSpan.FromSeconds(10)), "the held file is not served after the lazy unmount");

                var started = clock.Elapsed;
                Assert.True(mount.Unmount(TimeSpan.FromSeconds(15)), "Unmount() did not end: the lazily detached connection was not aborted");
                var stopped = clock.Elapsed - started;
                Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "reads on the held file still succeed after Unmount()");
                Output.WriteLine($"fusermount3 -uz, then Unmount() with a file held (UnmountTimeout 1 s): stopped after {Ms(stopped)} ms; the held file's reads then fail with errno {reader.Errno}; " +
                    $"fusectl was {(fusectlBefore is null ? "not mounted before: the runtime mounted it" : "already mounted")}");
                Assert.True(stopped < TimeSpan.FromSeconds(6), $"Unmount() took {Ms(stopped)} ms with UnmountTimeout 1 s");
                Assert.True(reader.Errno is LibC.ECONNABORTED or LibC.ENOTCONN, $"errno {reader.Errno}");
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    [MountFact]
    public void A_lazily_detached_mount_that_ends_later_leaves_a_new_mount_on_its_mount_point_alone()
    {
        // A is detached with fusermount3 -uz while a file of it is held; B is mounted on the same directory. When A
        // ends (Unmount from code, the usual way to stop it), whatever is mounted at the path now is not A's.
        var first = new FaultFs(new FaultPlan());
        first.Seed("/a", new byte[100]);
        var second = new FaultFs(new FaultPlan());
        second.Seed("/b", new byte[200]);
        var options = new MountOptions { UnmountTimeout = TimeSpan.FromSeconds(1) };
        using var a = InProcessMount.Start(first, options, Output);
        var (held, errno) = LibC.Open(a["a"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        FuseMount? b = null;
        var stderr = Console.Error;
        var captured = new StringWriter();
        try
        {
            var lazy = Command.Run("fusermount3", TimeSpan.FromSeconds(10), "-uz", a.Path);
            Assert.True(lazy.ExitCode == 0, lazy.Summary);
            b = Fuse.Mount(second, a.Path, new MountOptions());
            Assert.Equal(200, LibC.Stat(a["b"]).Stat.Size);

            Console.SetError(captured);
            Assert.True(a.Unmount(TimeSpan.FromSeconds(15)), "A did not stop");
            Console.SetError(stderr);

            Output.WriteLine($"A (lazily detached, file held) stopped; B {(MountInfo.IsMounted(a.Path) && LibC.Stat(a["b"]).Errno == 0 ? "still serves" : "was unmounted by A")}; A's stderr: [{captured.ToString().Trim()}]");
            Assert.True(MountInfo.IsMounted(a.Path), "stopping A unmounted B, the filesystem mounted on the same directory after A was detached");
            Assert.DoesNotContain("failed to unmount", captured.ToString(), StringComparison.Ordinal);
            Assert.Equal(200, LibC.Stat(a["b"]).Stat.Size);
            Assert.True(b.IsMounted);
        }
        finally
        {
            Console.SetError(stderr);
            LibC.Close(held);
            b?.UnmountAsync().Wait(TimeSpan.FromSeconds(15));
        }

        Assert.Equal(0, b.Completion.Result);
        Assert.False(MountInfo.IsMounted(a.Path));
    }

    [MountFact]
    public void Without_fusectl_mounted_the_runtime_mounts_it_to_abort_a_busy_mount()
    {
        // A private mount namespace where /sys/fs/fuse/connections is certainly not mounted: MemFs is sent SIGTERM
        // while the shell holds one of its files open, so the unmount can only finish by aborting the connection.
        using var directory = TempMountPoint.Create();
        var memfs = SampleLocator.Find("MemFs");
        var script = $$"""
            set -u
            # This namespace holds copies of every FUSE mount of the machine (other tests' too): drop them, so that
            # their filesystems do not outlive their own unmount because of this copy.
            grep -E ' - fuse(\.[^ ]*)? ' /proc/self/mountinfo | cut -d' ' -f5 | xargs -r -n1 umount -l
            umount /sys/fs/fuse/connections 2>/dev/null
            if grep -q ' /sys/fs/fuse/connections ' /proc/self/mountinfo; then echo "fusectl still mounted"; exit 2; fi
            dotnet '{{memfs}}' '{{directory.Path}}' -f 2>/tmp/memfs-$$.err &
            pid=$!
            for i in $(seq 1 400); do grep -q ' {{directory.Path}} ' /proc/self/mountinfo && break; sleep 0.05; done
            grep -q ' {{directory.Path}} ' /proc/self/mountinfo || { echo "not mounted"; kill -9 $pid; exit 3; }
            echo data > '{{directory.Path}}/held'
            exec 3< '{{directory.Path}}/held'
            start=$(date +%s%N)
            kill -TERM $pid   # not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored
            wait $pid
            status=$?
            end=$(date +%s%N)
            echo "exit=$status ms=$(( (end - start) / 1000000 ))"
            grep -q ' /sys/fs/fuse/connections ' /proc/self/mountinfo && echo "fusectl=mounted"
            grep -q ' {{directory.Path}} ' /proc/self/mountinfo && echo "still=mounted"
            cat <&3 >/dev/null 2>&1 || echo "held=failed"
            cat /tmp/memfs-$$.err; rm -f /tmp/memfs-$$.err
            """;
        var result = Command.Run("unshare", TimeSpan.FromSeconds(60), "--mount", "--propagation", "private", "bash", "-c", script);
        Output.WriteLine($"in a mount namespace without fusectl: {result.StandardOutput.Trim().Replace('\n', ' ')} {result.StandardError.Trim()}");

        Assert.False(result.TimedOut, "the signalled filesystem did not end: the connection was never aborted");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("exit=0 ", result.StandardOutput, StringComparison.Ordinal);

        // Up to 3.17 the workers stay blocked reading /dev/fuse while a file is held, so only an abort through fusectl
        // (which the runtime mounts for it) ends the loop. 3.18 wakes its workers in fuse_session_exit: the loop ends
        // by itself right after SIGTERM and nothing needs aborting.
        FuseGen.Interop.LibFuse.EnsureLoaded();
        if (FuseGen.Interop.LibFuse.Version < LoopEndsByItselfSince)
        {
            Assert.Contains("fusectl=mounted", result.StandardOutput, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("fusectl=mounted", result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("still=mounted", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("held=failed", result.StandardOutput, StringComparison.Ordinal);
        var ms = int.Parse(result.StandardOutput.Split("ms=")[1].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ms < BusyExitLimit.TotalMilliseconds, $"exit took {ms} ms");
    }

    [MountFact]
    public void After_kill_9_the_next_start_refuses_the_dead_mount_in_one_line_and_clear_stale_clears_it()
    {
        using var mountPoint = TempMountPoint.Create();
        using var first = SampleProcess.StartHelloFs(mountPoint.Path, "-f");
        using var watchdog = new MountWatchdog(mountPoint, first.Process, log: Output.WriteLine);
        first.WaitForMount(mountPoint.Path);
        Assert.Equal(0, LibC.Kill(first.Pid, SIGKILL));
        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.True(MountInfo.IsMounted(mountPoint.Path), "kill -9 left no dead mount: nothing to test");
        Assert.Equal(LibC.ENOTCONN, LibC.Stat(mountPoint.Path).Errno);

        var clock = Stopwatch.StartNew();
        using (var second = SampleProcess.StartHelloFs(mountPoint.Path, "-f"))
        {
            Assert.True(second.WaitForExit(TimeSpan.FromSeconds(20)), "the second start hangs on the dead mount");
            var line = Assert.Single(second.StandardError.Split('\n'), l => l.Length > 0);
            Output.WriteLine($"second start on the dead mount, after {clock.ElapsedMilliseconds} ms: exit {second.ExitCode}: {line}");
            Assert.Equal(1, second.ExitCode);
            Assert.StartsWith("HelloFs: ", line, StringComparison.Ordinal);
            Assert.Contains("stale", line, StringComparison.Ordinal);
            Assert.Contains($"fusermount3 -u {mountPoint.Path}", line, StringComparison.Ordinal);
        }

        using var third = SampleProcess.StartHelloFs(mountPoint.Path, "-f", "-o", "clear_stale");
        using var thirdWatchdog = new MountWatchdog(mountPoint, third.Process, log: Output.WriteLine);
        Assert.True(SpinWait.SpinUntil(() => LibC.Stat(Path.Combine(mountPoint.Path, "hello")).Errno == 0 || third.HasExited, TimeSpan.FromSeconds(20)),
            $"-o clear_stale did not mount. {third.Describe()}");
        Assert.False(third.HasExited, third.Describe());
        Assert.Equal("Hello World!\n", File.ReadAllText(Path.Combine(mountPoint.Path, "hello")));
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Count(l => l.Split(' ')[4] == mountPoint.Path);
        Output.WriteLine($"-o clear_stale: the dead mount was removed and HelloFs mounted ({mounts} mount at the point)");
        Assert.Equal(1, mounts);
    }

    [MountFact]
    public void Auto_unmount_removes_the_mount_of_a_killed_filesystem()
    {
        using var mountPoint = TempMountPoint.Create();
        using var sample = SampleProcess.StartHelloFs(mountPoint.Path, "-f", "-o", "auto_unmount");
        using var watchdog = new MountWatchdog(mountPoint, sample.Process, log: Output.WriteLine);
        sample.WaitForMount(mountPoint.Path);
        Assert.Equal(0, LibC.Stat(Path.Combine(mountPoint.Path, "hello")).Errno);

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, LibC.Kill(sample.Pid, SIGKILL));
        var gone = WaitUntil(() => !MountInfo.IsMounted(mountPoint.Path), TimeSpan.FromSeconds(10), clock);
        Output.WriteLine($"-o auto_unmount: after kill -9 the mount disappeared by itself in {(gone is { } t ? Ms(t) + " ms" : "(never)")}");
        Assert.True(gone.HasValue, "the mount of the killed filesystem stayed");
        Assert.Equal(0, LibC.Stat(mountPoint.Path).Errno);
    }

    private void AssertSignalEndsBusyProcess(int signal, string name)
    {
        using var mount = MountedSample.Start("MemFs", Output);
        var fd = OpenBigFile(mount);
        var idle = LibC.Open(mount["big"], LibC.O_RDONLY).Fd;
        var clock = Stopwatch.StartNew();
        using var reader = new InFlightReader(fd, FileSize, clock);
        Assert.True(reader.WaitForMoreReads(100, TimeSpan.FromSeconds(10)), "no reads in flight");

        var sent = clock.Elapsed;
        Assert.Equal(0, LibC.Kill(mount.Process.Pid, signal));
        var detached = WaitUntil(() => !MountInfo.IsMounted(mount.MountPoint.Path), BusyExitLimit, clock);
        var exited = mount.Process.WaitForTermination(clock, BusyExitLimit);
        reader.Join(TimeSpan.FromSeconds(10));
        LibC.Close(fd);
        LibC.Close(idle);

        Output.WriteLine($"{name} with 2 files open and reads in flight ({reader.Reads} reads): detached after {Ms(detached - sent)} ms, " +
            $"reads failed with errno {reader.Errno} after {Ms(reader.FailedAt - sent)} ms, process exited after {Ms(exited - sent)} ms");
        Assert.True(detached.HasValue, $"still mounted {BusyExitLimit.TotalSeconds} s after {name}");
        Assert.True(reader.Errno != 0, "reads on the open file still succeed after the filesystem exited");
        AssertCleanExit(mount, exited - sent, BusyExitLimit, name);
    }

    private void AssertCleanExit(MountedSample mount, TimeSpan? elapsed, TimeSpan limit, string how)
    {
        Assert.True(elapsed.HasValue, $"still running {limit.TotalSeconds} s after {how}. {mount.Process.Describe()}");
        Assert.True(mount.Process.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.True(mount.Process.ExitCode == 0, $"exit code {mount.Process.ExitCode} after {how}. {mount.Process.Describe()}");
        Assert.False(MountInfo.IsMounted(mount.MountPoint.Path), $"still mounted after {how}");
        Assert.DoesNotContain("Unhandled exception", mount.Process.StandardError, StringComparison.Ordinal);
        Assert.True(elapsed < limit, $"{how}: exit took {Ms(elapsed)} ms, limit {limit.TotalMilliseconds:0} ms");
    }

    /// <summary>Writes /big (1 MiB) through the mount and opens it for reading.</summary>
    private static int OpenBigFile(MountedSample mount)
    {
        var (fd, errno) = LibC.Open(mount["big"], LibC.O_RDWR | LibC.O_CREAT, 0x1A4);
        Assert.Equal(0, errno);
        var data = Enumerable.Range(0, FileSize).Select(i => (byte)i).ToArray();
        Assert.Equal(FileSize, LibC.PWrite(fd, data, 0).Count);
        return fd;
    }

    private static TimeSpan? WaitUntil(Func<bool> condition, TimeSpan timeout, Stopwatch clock)
    {
        var limit = clock.Elapsed + timeout;
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                return null;
            }

            Thread.Sleep(1);
        }

        return clock.Elapsed;
    }

    private static string Ms(TimeSpan? time) => time is { } t ? t.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "?";

    /// <summary>The runtime mounts fusectl where it must abort; leave the machine as the test found it.</summary>
    private void RestoreFusectl(MountInfo.Entry? before)
    {
        if (before is null && MountInfo.Find("/sys/fs/fuse/connections") is { FileSystemType: "fusectl" })
        {
            Output.WriteLine("unmounting the fusectl mount the runtime made (it was not mounted before the test)");
            FuseGen.Testing.LibC.Umount("/sys/fs/fuse/connections", 2 /* MNT_DETACH */);
        }
    }
}

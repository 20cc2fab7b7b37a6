using System;
using System.IO;
using System.Threading;
using FuseGen.MirrorFs.Tests.Infrastructure;
using Xunit;

namespace FuseGen.MirrorFs.Tests;

/// <summary>The harness itself: a hung daemon cannot hang the test run, and nothing outlives a mount.</summary>
public sealed class MountHarnessTests
{
    [MountFact]
    public void TheWatchdogFreesACallStuckOnAHungMount()
    {
        var mount = MirrorMount.Start("watchdog", TimeSpan.FromSeconds(3));
        var mountPoint = mount.MountPoint;
        var daemon = mount.DaemonPid;
        Errno stuck = Errno.None;
        try
        {
            File.WriteAllText(mount.InSource("file"), "x");

            // A daemon that stops answering: SIGSTOP, then a call on the mount from another thread.
            Assert.Equal(0, Shell.Run("kill", "-STOP", daemon.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
            var caller = new Thread(() => stuck = Posix.TryStat(mount.At("file"), out var error).Inode == 0 ? error : Errno.None) { IsBackground = true };
            caller.Start();
            Assert.False(caller.Join(500), "the call returned although the daemon was stopped");

            // The watchdog unmounts (lazily, the mount being busy) and kills the daemon: the call fails instead of hanging.
            Assert.True(caller.Join(TimeSpan.FromSeconds(30)), "the watchdog did not free the stuck call");
            Assert.True(mount.TimedOut);
            Assert.NotEqual(Errno.None, stuck);
        }
        finally
        {
            mount.Dispose();
        }

        Assert.False(MountTable.IsMounted(mountPoint));
        Assert.False(Directory.Exists($"/proc/{daemon}"));
    }

    [MountFact]
    public void DisposeUnmountsAndEndsTheDaemon()
    {
        var mount = MirrorMount.Start("dispose");
        var daemon = mount.DaemonPid;
        File.WriteAllText(mount.At("file"), "through the mount");
        Assert.Equal("through the mount", File.ReadAllText(mount.InSource("file")));
        mount.Dispose();
        Assert.False(MountTable.IsMounted(mount.MountPoint));
        Assert.False(Directory.Exists($"/proc/{daemon}"));
        Assert.Empty(MountTable.FuseMountsUnder(mount.Root));
    }
}

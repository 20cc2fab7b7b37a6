using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using FuseGen.Testing.Native;

namespace FuseGen.Testing;

/// <summary>
/// Bounds a mounting test. After the timeout it unmounts (<c>fusermount3 -u</c>; when busy, a forced unmount as
/// root and then <c>-uz</c>), aborts the FUSE connection so calls blocked on a stuck daemon return, and kills the
/// daemon's process tree. Dispose always leaves no mount and no process behind (after a plain unmount the daemon
/// gets a few seconds to exit by itself), deletes the mount point, and fails the test if the watchdog had fired.
/// A mount shared by many tests is bounded per test with <see cref="Restart"/>.
/// </summary>
/// <remarks>
/// <see cref="FuseTestMount"/> puts one around an in-process mount; use this class directly for a filesystem served by
/// another process (pass it, so it is killed too) or mounted by other means.
/// </remarks>
/// <remarks>Whether something is mounted is read from /proc/self/mountinfo only: stat of a hung mount would block.</remarks>
public sealed class MountWatchdog : IDisposable
{
    /// <summary>The timeout when none is given: 30 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const int MNT_FORCE = 1;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the daemon may take to exit by itself after a plain unmount before it is killed.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    private readonly TempMountPoint mountPoint;
    private readonly Process? process;
    private readonly Action<string>? log;
    private readonly TimeSpan timeout;
    private readonly object gate = new();
    private readonly Timer timer;
    private int fired;
    private bool disposed;
    private bool killed;

    /// <summary>Starts the timeout now.</summary>
    /// <param name="mountPoint">Where the filesystem is (or is about to be) mounted; disposed with the watchdog.</param>
    /// <param name="process">The daemon serving the mount when it runs out of process: killed (with its children) on teardown.</param>
    /// <param name="timeout">How long the test may take; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="log">Receives what the watchdog does, e.g. xunit's <c>ITestOutputHelper.WriteLine</c>.</param>
    public MountWatchdog(TempMountPoint mountPoint, Process? process = null, TimeSpan? timeout = null, Action<string>? log = null)
    {
        this.mountPoint = mountPoint ?? throw new ArgumentNullException(nameof(mountPoint));
        this.process = process;
        this.log = log;
        this.timeout = timeout ?? DefaultTimeout;
        timer = new Timer(_ => Fire(), null, this.timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once the timeout has passed and the watchdog tore the mount down.</summary>
    public bool Fired => Volatile.Read(ref fired) != 0;

    /// <summary>True when the watchdog had to kill the daemon: it did not exit by itself after the unmount.</summary>
    public bool KilledProcess
    {
        get
        {
            lock (gate)
            {
                return killed;
            }
        }
    }

    /// <summary>
    /// Starts the timeout again from now, for a mount that outlives one test: call it as each test starts. Throws,
    /// so the test fails at once, when the watchdog already fired or the daemon has exited.
    /// </summary>
    public void Restart()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (Fired)
            {
                throw new TimeoutException($"an earlier test overran {timeout.TotalSeconds:0.#} s: the watchdog unmounted {mountPoint.Path}");
            }

            if (HasExited())
            {
                throw new InvalidOperationException($"the filesystem process of {mountPoint.Path} has exited");
            }

            timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Tears the mount down if it is still there, deletes the mount point and kills the process, then throws when
    /// something could not be removed or when the watchdog had fired (the test overran its timeout).
    /// </summary>
    /// <exception cref="TimeoutException">The watchdog fired.</exception>
    /// <exception cref="InvalidOperationException">The mount could not be removed.</exception>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        using (var stopped = new ManualResetEvent(false))
        {
            // Waits for a running Fire to finish, so teardown never runs twice at once.
            if (timer.Dispose(stopped))
            {
                stopped.WaitOne();
            }
        }

        TearDown(abort: false);
        var leftOver = MountInfo.Find(mountPoint.Path);
        mountPoint.Dispose();
        if (leftOver is not null)
        {
            throw new InvalidOperationException($"the mount at {mountPoint.Path} could not be removed: {leftOver.Line}");
        }

        if (Fired)
        {
            throw new TimeoutException(
                $"the test did not finish within {timeout.TotalSeconds:0.#} s: the watchdog unmounted {mountPoint.Path}" +
                (process is null ? "" : $" and killed process {SafeId()}"));
        }
    }

    private void Fire()
    {
        Interlocked.Exchange(ref fired, 1);
        Log($"watchdog: {timeout.TotalSeconds:0.#} s passed, tearing down {mountPoint.Path}");
        TearDown(abort: true);
    }

    private void TearDown(bool abort)
    {
        lock (gate)
        {
            var mount = MountInfo.Find(mountPoint.Path);
            if (mount is not null)
            {
                var fuse = mount.FileSystemType.StartsWith("fuse", StringComparison.Ordinal);
                var unmounted = Fusermount("-u");
                if (unmounted && !abort)
                {
                    WaitForExit(ExitGrace);
                }

                if (!unmounted && MountInfo.IsMounted(mountPoint.Path))
                {
                    // Busy: something is using it, perhaps stuck on the daemon. Abort the connection first, so the
                    // users get their calls back, then detach.
                    abort = true;
                    ForceUnmount();
                    if (MountInfo.IsMounted(mountPoint.Path))
                    {
                        Fusermount("-uz");
                    }
                }

                if (abort && fuse)
                {
                    Abort(mount.Minor);
                }
            }

            KillProcess();
        }
    }

    // umount -f: FUSE aborts the connection (umount_begin) even when the unmount itself then fails as busy. Root
    // only; unlike the fusectl abort it needs no /sys/fs/fuse/connections, which containers often lack.
    private void ForceUnmount()
    {
        if (SystemCalls.geteuid() != 0)
        {
            return;
        }

        var errno = SystemCalls.umount2(mountPoint.Path, MNT_FORCE) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        Log($"watchdog: umount2({mountPoint.Path}, MNT_FORCE) -> {(errno == 0 ? "unmounted" : "errno " + errno)}");
    }

    private bool Fusermount(string flags)
    {
        var result = ShortCommand.Run("fusermount3", CommandTimeout, flags, mountPoint.Path);
        Log($"watchdog: fusermount3 {flags} {mountPoint.Path} -> {result.Summary}");
        return result.ExitCode == 0;
    }

    // Pending and future requests fail with ECONNABORTED: a thread blocked on a stuck daemon gets its call back.
    private void Abort(string minor)
    {
        try
        {
            File.WriteAllText($"/sys/fs/fuse/connections/{minor}/abort", "1");
            Log($"watchdog: aborted FUSE connection {minor}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone with the mount, or not permitted.
        }
    }

    private bool HasExited()
    {
        try
        {
            return process is not null && process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void WaitForExit(TimeSpan limit)
    {
        try
        {
            process?.WaitForExit(limit);
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed.
        }
    }

    private void KillProcess()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                killed = true;
                Log($"watchdog: killing process tree {process.Id}");
                process.Kill(entireProcessTree: true);
                if (!process.WaitForExit(CommandTimeout))
                {
                    Log($"watchdog: process {process.Id} still alive after SIGKILL");
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed: nothing to kill.
        }
    }

    private string SafeId()
    {
        try
        {
            return process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void Log(string message)
    {
        try
        {
            log?.Invoke(message);
        }
        catch (InvalidOperationException)
        {
            // The test already finished: xunit no longer accepts output.
        }
    }
}

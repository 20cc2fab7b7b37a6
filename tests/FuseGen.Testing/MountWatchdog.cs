using System;
using System.Diagnostics;
using System.Threading;

namespace FuseGen.Testing;

/// <summary>
/// Bounds a mount: past its deadline it unmounts (<c>fusermount3 -u</c>, then <c>-uz</c>) and kills the filesystem
/// process, so a hung filesystem fails its test instead of hanging CI. Disposing it always leaves nothing mounted
/// and the process gone.
/// </summary>
public sealed class MountWatchdog : IDisposable
{
    private readonly string mountPoint;
    private readonly Process? process;
    private readonly Timer timer;
    private int fired;

    public MountWatchdog(string mountPoint, Process? process = null, TimeSpan? timeout = null)
    {
        this.mountPoint = mountPoint;
        this.process = process;
        timer = new Timer(_ => Fire(), null, timeout ?? TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);
    }

    /// <summary>True when the deadline passed and the watchdog had to tear the mount down.</summary>
    public bool Fired => Volatile.Read(ref fired) != 0;

    public void Dispose()
    {
        timer.Dispose();
        TearDown();
    }

    private void Fire()
    {
        Interlocked.Exchange(ref fired, 1);
        Console.Error.WriteLine($"watchdog: {mountPoint} ran over its deadline; unmounting and killing the filesystem");
        TearDown();
    }

    private void TearDown()
    {
        if (MountTable.IsMounted(mountPoint))
        {
            Fusermount.Unmount(mountPoint, lazy: false);
        }

        if (MountTable.IsMounted(mountPoint))
        {
            Fusermount.Unmount(mountPoint, lazy: true);
        }

        if (process is not null)
        {
            try
            {
                if (!process.WaitForExit(5000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Never started or already reaped.
            }
        }
    }
}

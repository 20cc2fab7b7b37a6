using System;
using System.Threading.Tasks;
using FuseGen.Testing;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>
/// A filesystem mounted in the test process (<see cref="Fuse.Mount"/>) on a fresh mount point under the shared
/// <see cref="MountWatchdog"/>. Dispose unmounts (bounded: a stuck unmount is left to the watchdog, which fails the
/// test) and verifies nothing is left mounted.
/// </summary>
internal sealed class InProcessMount : IDisposable
{
    public static readonly TimeSpan UnmountLimit = TimeSpan.FromSeconds(20);

    private InProcessMount(TempMountPoint mountPoint, MountWatchdog watchdog, FuseMount mount)
    {
        MountPoint = mountPoint;
        Watchdog = watchdog;
        Mount = mount;
    }

    public TempMountPoint MountPoint { get; }

    public MountWatchdog Watchdog { get; }

    public FuseMount Mount { get; }

    public string Path => MountPoint.Path;

    /// <summary>The mount point joined with a path inside the filesystem ("a/b" or "/a/b").</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative.TrimStart('/'));

    public static InProcessMount Start(IFuseFileSystem fileSystem, MountOptions options, ITestOutputHelper output, TimeSpan? limit = null)
    {
        var mountPoint = TempMountPoint.Create();
        var watchdog = new MountWatchdog(mountPoint, timeout: limit ?? MountWatchdog.DefaultTimeout, log: output.WriteLine);
        try
        {
            return new InProcessMount(mountPoint, watchdog, Fuse.Mount(fileSystem, mountPoint.Path, options));
        }
        catch
        {
            watchdog.Dispose();
            throw;
        }
    }

    /// <summary>Unmounts and waits at most <paramref name="limit"/>; true when the filesystem stopped in time.</summary>
    public bool Unmount(TimeSpan limit)
    {
        var unmounting = Mount.UnmountAsync();
        return Task.WaitAny(new Task[] { unmounting }, limit) == 0;
    }

    public void Dispose()
    {
        try
        {
            if (!Unmount(UnmountLimit))
            {
                throw new TimeoutException($"the filesystem at {Path} did not stop within {UnmountLimit.TotalSeconds} s of Unmount()");
            }
        }
        finally
        {
            Watchdog.Dispose();
        }
    }
}

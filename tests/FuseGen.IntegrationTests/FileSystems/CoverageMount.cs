using System;
using System.Collections.Concurrent;
using System.Linq;
using FuseGen.Testing;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// A coverage filesystem mounted in process (<see cref="Fuse.Mount"/>) on a fresh mount point under a watchdog:
/// without default_permissions (so access() reaches the filesystem), with direct_io (every read and write reaches
/// it, none is served from the page cache) and no attribute or entry caching. Dispose unmounts, runs the watchdog's
/// cleanup, and fails if any operation threw.
/// </summary>
internal sealed class CoverageMount : IDisposable
{
    private readonly TempMountPoint mountPoint;
    private readonly MountWatchdog watchdog;
    private readonly FuseMount mount;
    private bool disposed;

    private CoverageMount(TempMountPoint mountPoint, MountWatchdog watchdog, FuseMount mount, ConcurrentQueue<FuseFault> faults, ConcurrentQueue<FuseFault> unusedOperations)
    {
        this.mountPoint = mountPoint;
        this.watchdog = watchdog;
        this.mount = mount;
        Faults = faults;
        UnusedOperations = unusedOperations;
    }

    public string Path => mountPoint.Path;

    /// <summary>The notifier of an inode filesystem's mount (throws for the path API).</summary>
    public InodeNotifier Notifications => mount.Notifications;

    /// <summary>Exceptions the filesystem's methods threw (each also answered EIO).</summary>
    public ConcurrentQueue<FuseFault> Faults { get; }

    /// <summary>
    /// What the runtime said at mount about implemented operations the loaded libfuse is too old to call ([Statx]
    /// before 3.18, [Syncfs] before 3.19): not faults.
    /// </summary>
    public ConcurrentQueue<FuseFault> UnusedOperations { get; }

    /// <summary>A path inside the mount ("file" or "/file").</summary>
    public string this[string relative] => System.IO.Path.Combine(mountPoint.Path, relative.TrimStart('/'));

    public static CoverageMount Start(IFuseFileSystem fileSystem, ITestOutputHelper output) =>
        Start((path, options) => Fuse.Mount(fileSystem, path, options), output);

    /// <summary>The same mount of an inode filesystem (whose cache timeouts FuseGen applies to its replies).</summary>
    public static CoverageMount Start(IFuseInodeFileSystem fileSystem, ITestOutputHelper output) =>
        Start((path, options) => Fuse.Mount(fileSystem, path, options), output);

    private static CoverageMount Start(Func<string, MountOptions, FuseMount> mountAt, ITestOutputHelper output)
    {
        var mountPoint = TempMountPoint.Create("fusegen-coverage");
        var watchdog = new MountWatchdog(mountPoint, log: output.WriteLine);
        var faults = new ConcurrentQueue<FuseFault>();
        var unusedOperations = new ConcurrentQueue<FuseFault>();
        try
        {
            var mount = mountAt(mountPoint.Path, new MountOptions
            {
                DirectIo = true,
                AttrTimeout = 0,
                EntryTimeout = 0,
                FaultHandler = fault => (IsUnusedOperation(fault) ? unusedOperations : faults).Enqueue(fault),
            });
            return new CoverageMount(mountPoint, watchdog, mount, faults, unusedOperations);
        }
        catch
        {
            watchdog.Dispose();
            throw;
        }
    }

    /// <summary>The runtime's notice of an operation libfuse never calls (an operation's own NotSupportedException answers ENOTSUP).</summary>
    private static bool IsUnusedOperation(FuseFault fault) => fault.Exception is NotSupportedException && fault.Errno == Errno.ENOSYS;

    /// <summary>Unmounts; returns once the filesystem has stopped (destroy has run).</summary>
    public void Unmount() => mount.Unmount();

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            mount.Unmount();
        }
        finally
        {
            watchdog.Dispose();
        }

        if (!Faults.IsEmpty)
        {
            throw new InvalidOperationException("operations threw: " + string.Join("; ", Faults.Select(f => f.ToString())));
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace FuseGen.Testing;

/// <summary>
/// A filesystem mounted in the test process (<see cref="Fuse.Mount(IFuseFileSystem, string, MountOptions?)"/>) on a
/// fresh, empty directory, under a <see cref="MountWatchdog"/>. Disposing it unmounts, waits until the filesystem has
/// stopped, and fails (throws) when the test overran its timeout or anything is left mounted.
/// </summary>
/// <remarks>
/// <para>When the machine cannot mount FUSE, <see cref="Start(IFuseFileSystem, MountOptions?, TimeSpan?, Action{string}?)"/>
/// throws <see cref="FuseUnavailableException"/> (a skip in xunit 3), or a failure with <c>FUSEGEN_REQUIRE_MOUNT=1</c>
/// (see <see cref="FuseAvailability.EnsureMountable"/>).</para>
/// <para>If the test takes longer than the timeout, the watchdog unmounts (<c>fusermount3 -u</c>, then <c>-uz</c>),
/// aborts the FUSE connection so that calls stuck in the filesystem return (ECONNABORTED), and disposal throws
/// <see cref="TimeoutException"/>.</para>
/// <para>A <see cref="KernelFreeSession"/> replaces libfuse's request context for the whole process, so mounts and
/// kernel-free sessions never overlap: <c>Start</c> waits while a session is alive, and a session waits while a mount
/// is (up to two minutes, then it throws). Tests in parallel test classes therefore simply take turns.</para>
/// </remarks>
/// <example>
/// <code>
/// [Fact]
/// public async Task Hello_reads_back()
/// {
///     await using var mount = FuseTestMount.Start(new HelloFs());
///     Assert.Equal("Hello World!\n", File.ReadAllText(mount["hello"]));
///     FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));
/// }
/// </code>
/// </example>
public sealed class FuseTestMount : IAsyncDisposable, IDisposable
{
    /// <summary>How long disposal waits for the filesystem to stop after unmounting before it leaves the rest to the watchdog.</summary>
    public static readonly TimeSpan UnmountLimit = TimeSpan.FromSeconds(20);

    private int disposed;
    private int gateLeft;

    private FuseTestMount(TempMountPoint mountPoint, MountWatchdog watchdog, FuseMount mount)
    {
        MountPoint = mountPoint;
        Watchdog = watchdog;
        Mount = mount;
    }

    /// <summary>Absolute, symlink-free path of the mount point.</summary>
    public string Path => MountPoint.Path;

    /// <summary>The mount point directory.</summary>
    public TempMountPoint MountPoint { get; }

    /// <summary>The watchdog bounding this mount; <see cref="MountWatchdog.Restart"/> it to bound each test when a mount is shared by many.</summary>
    public MountWatchdog Watchdog { get; }

    /// <summary>The running mount: its completion, open handles and, for the inode API, its notifier.</summary>
    public FuseMount Mount { get; }

    /// <summary>A path inside the mount: <paramref name="relative"/> ("dir/file" or "/dir/file") joined to the mount point.</summary>
    /// <param name="relative">A path inside the filesystem.</param>
    public string this[string relative] => System.IO.Path.Combine(Path, relative.TrimStart('/'));

    /// <summary>Mounts a path-API filesystem (<c>[FuseFileSystem]</c>) on a fresh directory under a watchdog.</summary>
    /// <param name="fileSystem">The filesystem to serve.</param>
    /// <param name="options">Mount options; the defaults when null.</param>
    /// <param name="timeout">How long the test may take from now; <see cref="MountWatchdog.DefaultTimeout"/> when null.</param>
    /// <param name="log">Receives what the watchdog does, e.g. xunit's <c>ITestOutputHelper.WriteLine</c>.</param>
    /// <exception cref="FuseUnavailableException">FUSE cannot be mounted here (a skip in xunit 3).</exception>
    public static FuseTestMount Start(IFuseFileSystem fileSystem, MountOptions? options = null, TimeSpan? timeout = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        return Start(path => Fuse.Mount(fileSystem, path, options), timeout, log);
    }

    /// <summary>Mounts an inode-API filesystem (<c>[FuseInodeFileSystem]</c>) on a fresh directory under a watchdog.</summary>
    /// <param name="fileSystem">The filesystem to serve.</param>
    /// <param name="options">Mount options; the defaults when null.</param>
    /// <param name="timeout">How long the test may take from now; <see cref="MountWatchdog.DefaultTimeout"/> when null.</param>
    /// <param name="log">Receives what the watchdog does, e.g. xunit's <c>ITestOutputHelper.WriteLine</c>.</param>
    /// <exception cref="FuseUnavailableException">FUSE cannot be mounted here (a skip in xunit 3).</exception>
    public static FuseTestMount Start(IFuseInodeFileSystem fileSystem, MountOptions? options = null, TimeSpan? timeout = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        return Start(path => Fuse.Mount(fileSystem, path, options), timeout, log);
    }

    /// <summary>Unmounts and waits until the filesystem has stopped, at most <paramref name="limit"/>; true when it stopped in time.</summary>
    /// <param name="limit">How long to wait.</param>
    public async Task<bool> UnmountAsync(TimeSpan limit)
    {
        var unmounting = Mount.UnmountAsync();
        return await Task.WhenAny(unmounting, Task.Delay(limit)).ConfigureAwait(false) == unmounting;
    }

    /// <summary>
    /// Unmounts (bounded by <see cref="UnmountLimit"/>), then disposes the watchdog, which removes whatever is left and
    /// throws when the test overran its timeout.
    /// </summary>
    /// <exception cref="TimeoutException">The test overran its timeout, or the filesystem did not stop after unmount.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        var stopped = false;
        try
        {
            stopped = await UnmountAsync(UnmountLimit).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Watchdog.Dispose();
            }
            finally
            {
                LeaveGate();
            }
        }

        if (!stopped)
        {
            throw new TimeoutException($"the filesystem at {Path} did not stop within {UnmountLimit.TotalSeconds:0} s of unmount");
        }
    }

    /// <summary>The synchronous form of <see cref="DisposeAsync"/>.</summary>
    /// <exception cref="TimeoutException">The test overran its timeout, or the filesystem did not stop after unmount.</exception>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The mount point.</summary>
    public override string ToString() => Path;

    private static FuseTestMount Start(Func<string, FuseMount> mount, TimeSpan? timeout, Action<string>? log)
    {
        FuseAvailability.EnsureMountable();
        FuseContextGate.EnterMount();
        MountWatchdog? watchdog = null;
        try
        {
            var mountPoint = TempMountPoint.Create("fusegen-test");
            watchdog = new MountWatchdog(mountPoint, timeout: timeout, log: log);
            return new FuseTestMount(mountPoint, watchdog, mount(mountPoint.Path));
        }
        catch
        {
            try
            {
                watchdog?.Dispose();
            }
            finally
            {
                FuseContextGate.ExitMount();
            }

            throw;
        }
    }

    // Only once the filesystem stopped (or the watchdog tore it down) may a kernel-free session take the context.
    private void LeaveGate()
    {
        if (Interlocked.Exchange(ref gateLeft, 1) == 0)
        {
            FuseContextGate.ExitMount();
        }
    }
}

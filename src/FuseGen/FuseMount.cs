using System;
using System.Threading.Tasks;
using FuseGen.Runtime;

namespace FuseGen;

/// <summary>
/// A filesystem mounted by <c>Fuse.Mount</c>. Unmount it with <see cref="Unmount"/> or by disposing it;
/// <see cref="Completion"/> completes when the filesystem has stopped, whoever unmounted it.
/// </summary>
public sealed class FuseMount : IAsyncDisposable, IDisposable
{
    private readonly FuseSession session;

    internal FuseMount(FuseSession session) => this.session = session;

    /// <summary>Absolute path of the mount point.</summary>
    public string MountPoint => session.MountPoint;

    /// <summary>
    /// Completes after the kernel connection ended and libfuse was torn down (destroy has run). Its result is the
    /// loop's status: 0 for a normal unmount.
    /// </summary>
    public Task<int> Completion => session.Completion;

    /// <summary>Handles returned by open, create and opendir that release has not freed yet (tests read it).</summary>
    internal int OpenHandles => session.Handles.Count;

    /// <summary>
    /// Cache invalidation and other notifications to the kernel for an inode-API mount, safe from any thread (see
    /// <see cref="InodeNotifier"/> for what is queued and when). Throws for a path-API mount.
    /// </summary>
    public InodeNotifier Notifications => session.Notifier;

    /// <summary>True while the filesystem is being served.</summary>
    public bool IsMounted => !session.Completion.IsCompleted;

    /// <summary>Unmounts and waits until the filesystem has stopped.</summary>
    public void Unmount()
    {
        session.RequestUnmount();
        session.Completion.GetAwaiter().GetResult();
    }

    /// <summary>Unmounts and completes when the filesystem has stopped.</summary>
    public Task UnmountAsync()
    {
        session.RequestUnmount();
        return session.Completion;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await UnmountAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => Unmount();
}

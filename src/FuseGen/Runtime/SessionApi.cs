using System;
using System.Collections.Generic;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen.Runtime;

/// <summary>
/// What a mount does differently by libfuse API: the high-level <c>struct fuse</c> of the path API
/// (<see cref="PathSessionApi"/>) or the low-level <c>struct fuse_session</c> of the inode API
/// (<see cref="InodeSessionApi"/>). Everything else about a mount (command line, options, signals, the loop thread,
/// unmounting, fault reports, typed handles) is <see cref="FuseSession"/>'s and shared.
/// </summary>
internal abstract unsafe class SessionApi
{
    /// <summary>The <c>struct fuse_session</c> the loop serves (exit flag, descriptor).</summary>
    public abstract void* NativeSession { get; }

    /// <summary>The API of <paramref name="fileSystem"/>; throws when it is neither kind of generated filesystem.</summary>
    public static SessionApi For(object fileSystem, MountOptions options) => fileSystem switch
    {
        IFuseFileSystem => new PathSessionApi(),
        IFuseInodeFileSystem inode => new InodeSessionApi(inode, options),
        _ => throw new ArgumentException(
            $"{fileSystem.GetType().Name} is not a FuseGen filesystem: mark it [FuseFileSystem] (or as an inode filesystem) so the generator implements it.",
            nameof(fileSystem)),
    };

    /// <summary>
    /// Creates the libfuse object with the filesystem's operation table; <paramref name="userData"/> is the
    /// session's GCHandle. False when libfuse refused the arguments (its reason is in the captured log).
    /// </summary>
    public abstract bool Create(FuseSession session, fuse_args* arguments, void* userData);

    /// <summary>Mounts at <paramref name="mountPoint"/> (NUL-terminated); 0 on success.</summary>
    public abstract int Mount(byte* mountPoint);

    /// <summary>Serves requests on the calling thread until the session exits.</summary>
    public abstract int Loop();

    /// <summary>Serves requests on libfuse's worker threads until the session exits.</summary>
    public abstract int LoopMultithreaded(MountOptions options);

    /// <summary>
    /// The unmount was asked for (the loop's exit flag is set): work the loop would wait for may stop now (deferred
    /// requests are cancelled, workers waiting at the bound go on). Nothing on the path API.
    /// </summary>
    public virtual void BeginClosing()
    {
    }

    /// <summary>
    /// After the loop returned, before <see cref="Unmount"/> and <see cref="Destroy"/>: lets deferred replies and
    /// queued notifications finish (up to <paramref name="timeout"/>) and refuses new ones. Nothing on the path API.
    /// </summary>
    public virtual void Drain(TimeSpan timeout)
    {
    }

    /// <summary>libfuse's own unmount (only once the loop has returned).</summary>
    public abstract void Unmount();

    /// <summary>Frees the libfuse object; called once, after the loop returned or when mounting failed.</summary>
    public abstract void Destroy();

    /// <summary>The <c>-o</c> options this API's constructor accepts.</summary>
    public abstract List<string> LibfuseOptions(MountOptions options, string typeName);

    /// <summary>
    /// Runs one of the three ABIs of <c>fuse_loop_mt</c>/<c>fuse_session_loop_mt</c> (3.12+: opaque config,
    /// 3.2–3.11: <c>fuse_loop_config_v1</c>, 3.0–3.1: <c>int clone_fd</c>) on <paramref name="target"/>.
    /// </summary>
    protected static int RunMultithreaded(
        void* target,
        MountOptions options,
        delegate* unmanaged[Cdecl]<void*, void*, int> loop312,
        delegate* unmanaged[Cdecl]<void*, fuse_loop_config_v1*, int> loop32,
        delegate* unmanaged[Cdecl]<void*, int, int> loop30)
    {
        if (loop312 != null && LibFuse.fuse_loop_cfg_create != null)
        {
            var config = LibFuse.fuse_loop_cfg_create();
            try
            {
                LibFuse.fuse_loop_cfg_set_clone_fd(config, options.CloneFd ? 1u : 0u);
                LibFuse.fuse_loop_cfg_set_idle_threads(config, (uint)options.MaxIdleThreads);
                if (LibFuse.fuse_loop_cfg_set_max_threads != null)
                {
                    LibFuse.fuse_loop_cfg_set_max_threads(config, (uint)options.MaxThreads);
                }

                return loop312(target, config);
            }
            finally
            {
                LibFuse.fuse_loop_cfg_destroy(config);
            }
        }

        if (loop32 != null)
        {
            var config = new fuse_loop_config_v1 { clone_fd = options.CloneFd ? 1 : 0, max_idle_threads = (uint)options.MaxIdleThreads };
            return loop32(target, &config);
        }

        return loop30 != null ? loop30(target, options.CloneFd ? 1 : 0) : loop312(target, null);
    }
}

namespace FuseGen;

/// <summary>
/// Who made the current request. Declare a <see cref="FuseContext"/> parameter on any operation, or read
/// <see cref="Current"/> inside one. Files a filesystem creates should belong to <see cref="Uid"/>/<see cref="Gid"/>.
/// </summary>
public readonly struct FuseContext
{
    /// <summary>Creates a context (tests; FuseGen fills it from libfuse).</summary>
    public FuseContext(uint uid, uint gid, int pid, uint umask)
    {
        Uid = uid;
        Gid = gid;
        Pid = pid;
        Umask = umask;
    }

    /// <summary>Effective user id of the calling process.</summary>
    public uint Uid { get; }

    /// <summary>Effective group id of the calling process.</summary>
    public uint Gid { get; }

    /// <summary>Thread id of the caller (0 for requests the kernel makes on its own, e.g. write-back).</summary>
    public int Pid { get; }

    /// <summary>umask of the calling process.</summary>
    public uint Umask { get; }

    /// <summary>
    /// The caller of the request being served on this thread (path or inode API); all zero outside a request. In an
    /// operation that completes later on another thread, take a <see cref="FuseContext"/> parameter instead.
    /// </summary>
    public static FuseContext Current =>
        Marshalling.InodeRequest.TryCurrentContext(out var inode) ? inode : Marshalling.FuseRequest.Current.Context;
}

using System.ComponentModel;
using FuseGen.Interop.Native;

namespace FuseGen;

/// <summary>The kernel connection as <see cref="InitAttribute"/> sees it (<c>struct fuse_conn_info</c>).</summary>
public readonly unsafe ref struct FuseConnectionInfo
{
    private readonly fuse_conn_info* info;

    private FuseConnectionInfo(fuse_conn_info* info) => this.info = info;

    /// <summary>Wraps libfuse's pointer. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FuseConnectionInfo FromNative(void* info) => new((fuse_conn_info*)info);

    /// <summary>FUSE protocol major version.</summary>
    public uint ProtocolMajor => info->proto_major;

    /// <summary>FUSE protocol minor version.</summary>
    public uint ProtocolMinor => info->proto_minor;

    /// <summary>What the kernel supports.</summary>
    public FuseCapabilities Capable => (FuseCapabilities)info->capable;

    /// <summary>What the filesystem wants; only capabilities in <see cref="Capable"/> take effect.</summary>
    public FuseCapabilities Want
    {
        get => (FuseCapabilities)info->want;
        set => info->want = (uint)value;
    }

    /// <summary>Largest write request.</summary>
    public uint MaxWrite
    {
        get => info->max_write;
        set => info->max_write = value;
    }

    /// <summary>Largest read request (0: no limit beyond the kernel's).</summary>
    public uint MaxRead
    {
        get => info->max_read;
        set => info->max_read = value;
    }

    /// <summary>Largest readahead.</summary>
    public uint MaxReadahead
    {
        get => info->max_readahead;
        set => info->max_readahead = value;
    }

    /// <summary>Most background requests in flight.</summary>
    public uint MaxBackground
    {
        get => info->max_background;
        set => info->max_background = value;
    }

    /// <summary>Timestamp granularity in nanoseconds (1 = ns, 0 = default).</summary>
    public uint TimeGranularity
    {
        get => info->time_gran;
        set => info->time_gran = value;
    }
}

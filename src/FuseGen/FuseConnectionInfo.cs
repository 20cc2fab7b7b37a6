using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen;

/// <summary>The kernel connection as <see cref="InitAttribute"/> sees it (<c>struct fuse_conn_info</c>).</summary>
/// <remarks>
/// Capabilities work the same on every libfuse version: up to 3.16 through the 32-bit <c>capable</c>/<c>want</c>,
/// from 3.17 through the 64-bit <c>capable_ext</c>/<c>want_ext</c> (with 3.17.3's <c>fuse_set_feature_flag</c> when
/// the library has it, which also keeps libfuse's own copies in step). Asking for a capability the kernel does not
/// offer is dropped instead of failing the mount (libfuse up to 3.16 refuses such an init with EPROTO), so
/// <see cref="Want"/> read back, or <see cref="TryEnable"/>'s result, tells what the mount will use.
/// </remarks>
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

    /// <summary>What the kernel and the loaded libfuse support.</summary>
    public FuseCapabilities Capable => Extended ? (FuseCapabilities)info->capable_ext : (FuseCapabilities)info->capable;

    /// <summary>
    /// What the filesystem wants. Setting it keeps only the capabilities in <see cref="Capable"/>: read it back to
    /// learn what the mount will use.
    /// </summary>
    public FuseCapabilities Want
    {
        get => Extended ? (FuseCapabilities)info->want_ext : (FuseCapabilities)info->want;
        set => SetWant(value & Capable);
    }

    /// <summary>True on libfuse 3.17+, whose 64-bit <c>capable_ext</c>/<c>want_ext</c> are the ones that count.</summary>
    private bool Extended => LibFuse.Version >= fuse_conn_info.ExtendedSince;

    /// <summary>
    /// Asks for <paramref name="capabilities"/>: those the kernel offers are enabled; returns true when all of them
    /// were.
    /// </summary>
    public bool TryEnable(FuseCapabilities capabilities)
    {
        Want |= capabilities;
        return (Want & capabilities) == capabilities;
    }

    /// <summary>Turns <paramref name="capabilities"/> off (libfuse enables some by default).</summary>
    public void Disable(FuseCapabilities capabilities) => Want &= ~capabilities;

    private void SetWant(FuseCapabilities value)
    {
        if (!Extended)
        {
            info->want = (uint)value;
            return;
        }

        // The kernel enables passthrough only with a stacking depth of 1 or 2; 1: backing files on ordinary filesystems.
        if ((value & FuseCapabilities.Passthrough) != 0 && info->max_backing_stack_depth == 0)
        {
            info->max_backing_stack_depth = 1;
        }

        var current = (FuseCapabilities)info->want_ext;
        if (LibFuse.fuse_set_feature_flag != null && LibFuse.fuse_unset_feature_flag != null)
        {
            // One call per flag: these also update libfuse's private copies, which its want/want_ext check compares.
            for (var bits = (ulong)(value & ~current); bits != 0; bits &= bits - 1)
            {
                LibFuse.fuse_set_feature_flag(info, bits & (~bits + 1));
            }

            for (var bits = (ulong)(current & ~value); bits != 0; bits &= bits - 1)
            {
                LibFuse.fuse_unset_feature_flag(info, bits & (~bits + 1));
            }

            return;
        }

        // 3.17.0-3.17.2: both words consistent, so libfuse's conversion after init finds nothing to convert.
        info->want_ext = (ulong)value;
        info->want = (uint)value;
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

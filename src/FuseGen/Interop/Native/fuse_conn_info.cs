using System;
using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// <c>struct fuse_conn_info</c> (128 bytes in every version). 3.17 took the start of 3.0–3.16's <c>reserved</c> for
/// <c>max_backing_stack_depth</c>, a bit-field word and the 64-bit <c>capable_ext</c>/<c>want_ext</c>, and 3.18 for
/// <c>request_timeout</c>, so <c>reserved</c> moves with the version and is not mirrored. On older versions the
/// newer members lie in the zeroed <c>reserved</c>: FuseGen reads them only from <see cref="ExtendedSince"/>
/// (<see cref="RequestTimeoutSince"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 128)]
internal struct fuse_conn_info
{
    /// <summary>The libfuse version that added <c>max_backing_stack_depth</c>, <c>capable_ext</c> and <c>want_ext</c>.</summary>
    public static readonly Version ExtendedSince = new(3, 17);

    /// <summary>The libfuse version that added <c>request_timeout</c>.</summary>
    public static readonly Version RequestTimeoutSince = new(3, 18);

    public uint proto_major;
    public uint proto_minor;
    public uint max_write;
    public uint max_read;
    public uint max_readahead;
    public uint capable;
    public uint want;
    public uint max_background;
    public uint congestion_threshold;
    public uint time_gran;
    public uint max_backing_stack_depth;
    public uint bits;
    public ulong capable_ext;
    public ulong want_ext;
    public ushort request_timeout;
}

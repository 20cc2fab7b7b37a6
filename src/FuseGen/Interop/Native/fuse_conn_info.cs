using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_conn_info</c> (128 bytes; 3.17 uses part of <c>reserved</c> for <c>want_ext</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct fuse_conn_info
{
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
    public fixed uint reserved[22];
}

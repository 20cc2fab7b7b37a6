using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// The stable part of <c>struct fuse_file_info</c> (3.0–3.18). The bit-fields word at offset 4 changed between
/// versions, so its bits are read through <see cref="FileInfoBits"/>; 3.17 appends fields after
/// <c>poll_events</c>, which FuseGen never touches.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_file_info
{
    public int flags;
    public uint bits;
    public uint padding2;
    public uint padding3;
    public ulong fh;
    public ulong lock_owner;
    public uint poll_events;
}

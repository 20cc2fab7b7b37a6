using System;
using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// <c>struct fuse_file_info</c> as libfuse 3.17+ lays it out (64 bytes). 3.0–3.16 end after <c>poll_events</c>
/// (40 bytes): the members from <c>backing_id</c> on exist only from <see cref="BackingSince"/>, and FuseGen touches
/// them only when the loaded libfuse is that new. The bit-fields word at offset 4 changed between versions, so its
/// bits are read through <see cref="FileInfoBits"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct fuse_file_info
{
    /// <summary>The libfuse version that appended <c>backing_id</c>, <c>compat_flags</c> and <c>reserved</c>.</summary>
    public static readonly Version BackingSince = new(3, 17);

    /// <summary>The struct's size before <see cref="BackingSince"/>: it ends after <c>poll_events</c>.</summary>
    public const int SizeBeforeBacking = 40;

    public int flags;
    public uint bits;
    public uint padding2;
    public uint padding3;
    public ulong fh;
    public ulong lock_owner;
    public uint poll_events;
    public int backing_id;
    public ulong compat_flags;
    public fixed ulong reserved[2];
}

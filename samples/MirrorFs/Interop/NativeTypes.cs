using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary><c>struct flock</c> on 64-bit Linux (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeFlock
{
    public short l_type;
    public short l_whence;
    public long l_start;
    public long l_len;
    public int l_pid;
}

using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct flock</c> on 64-bit Linux (32 bytes; x86_64 and arm64 alike).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct flock
{
    public short l_type;
    public short l_whence;
    public long l_start;
    public long l_len;
    public int l_pid;
}

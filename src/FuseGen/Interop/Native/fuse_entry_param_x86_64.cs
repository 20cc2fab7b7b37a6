using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_entry_param</c> on x86_64 (176 bytes): the x86_64 <c>struct stat</c> sits inside it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_entry_param_x86_64
{
    public ulong ino;
    public ulong generation;
    public stat_x86_64 attr;
    public double attr_timeout;
    public double entry_timeout;
}

using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_entry_param</c> on arm64 (160 bytes): the generic 128-byte <c>struct stat</c> sits inside it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_entry_param_aarch64
{
    public ulong ino;
    public ulong generation;
    public stat_aarch64 attr;
    public double attr_timeout;
    public double entry_timeout;
}

using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct statvfs</c> on 64-bit Linux glibc (112 bytes, same on x86_64 and arm64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct statvfs
{
    public ulong f_bsize;
    public ulong f_frsize;
    public ulong f_blocks;
    public ulong f_bfree;
    public ulong f_bavail;
    public ulong f_files;
    public ulong f_ffree;
    public ulong f_favail;
    public ulong f_fsid;
    public ulong f_flag;
    public ulong f_namemax;
    public fixed int __f_spare[6];
}

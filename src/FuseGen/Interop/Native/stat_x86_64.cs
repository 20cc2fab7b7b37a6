using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct stat</c> on x86_64 (144 bytes): <c>st_nlink</c> is 64-bit and precedes <c>st_mode</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct stat_x86_64
{
    public ulong st_dev;
    public ulong st_ino;
    public ulong st_nlink;
    public uint st_mode;
    public uint st_uid;
    public uint st_gid;
    public int __pad0;
    public ulong st_rdev;
    public long st_size;
    public long st_blksize;
    public long st_blocks;
    public timespec st_atim;
    public timespec st_mtim;
    public timespec st_ctim;
    public fixed long __glibc_reserved[3];
}

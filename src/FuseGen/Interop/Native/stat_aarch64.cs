using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// <c>struct stat</c> on arm64 (128 bytes, the generic layout): <c>st_mode</c> precedes a 32-bit <c>st_nlink</c>,
/// <c>st_blksize</c> is 32-bit. From <c>st_size</c> on the offsets equal x86_64's.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct stat_aarch64
{
    public ulong st_dev;
    public ulong st_ino;
    public uint st_mode;
    public uint st_nlink;
    public uint st_uid;
    public uint st_gid;
    public ulong st_rdev;
    public ulong __pad1;
    public long st_size;
    public int st_blksize;
    public int __pad2;
    public long st_blocks;
    public timespec st_atim;
    public timespec st_mtim;
    public timespec st_ctim;
    public fixed int __glibc_reserved[2];
}

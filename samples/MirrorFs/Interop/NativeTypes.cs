using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary><c>struct statvfs</c> on 64-bit Linux (x86_64 and arm64 alike).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeStatVfs
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
    public fixed int f_spare[6];
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

using System;
using System.Runtime.InteropServices;

namespace FuseGen.Testing;

/// <summary>
/// The libc calls the tests make directly, so each assertion sees exactly one system call and its errno.
/// <c>struct stat</c> differs between x86_64 and aarch64; only the fields the tests read are decoded.
/// </summary>
public static unsafe partial class LibC
{
    /// <summary>The fields of <c>struct stat</c> the tests check.</summary>
    public readonly record struct StatResult(uint Mode, ulong Links, long Size)
    {
        public uint Type => Mode & S_IFMT;

        public uint Permissions => Mode & 0xFFF;
    }

    /// <summary>The fields of <c>struct statvfs</c> (glibc, 64-bit: eleven unsigned longs then spare ints).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StatVfsResult
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
        private fixed int spare[6];
    }

    /// <summary>stat(2): the result, or the errno it failed with.</summary>
    public static (StatResult Stat, int Errno) Stat(string path)
    {
        var buffer = stackalloc byte[256];
        if (stat(path, buffer) != 0)
        {
            return (default, Marshal.GetLastPInvokeError());
        }

        return (DecodeStat(buffer), 0);
    }

    /// <summary>fstat(2): the result, or the errno it failed with.</summary>
    public static (StatResult Stat, int Errno) FStat(int fd)
    {
        var buffer = stackalloc byte[256];
        return fstat(fd, buffer) == 0 ? (DecodeStat(buffer), 0) : (default, Marshal.GetLastPInvokeError());
    }

    /// <summary>glibc's malloc statistics: bytes in use by malloc, small blocks plus mmapped ones.</summary>
    public static long NativeHeapInUse()
    {
        var info = mallinfo2();
        return (long)(info.uordblks + info.hblkhd);
    }

    private static StatResult DecodeStat(byte* buffer) => RuntimeInformation.ProcessArchitecture switch
    {
        // x86_64: dev, ino, nlink (8 bytes each), mode at 24; size at 48.
        Architecture.X64 => new StatResult(*(uint*)(buffer + 24), *(ulong*)(buffer + 16), *(long*)(buffer + 48)),
        // Generic layout (aarch64 and others): dev, ino, mode at 16, nlink (4 bytes) at 20; size at 48.
        Architecture.Arm64 => new StatResult(*(uint*)(buffer + 16), *(uint*)(buffer + 20), *(long*)(buffer + 48)),
        var other => throw new PlatformNotSupportedException($"struct stat layout for {other} is not known to the tests"),
    };

    /// <summary>statx(2) relative to the working directory: the result (FuseGen's own mirror of <c>struct statx</c>), or the errno it failed with.</summary>
    public static (Statx Statx, int Errno) Statx(string path, StatxFlags flags, StatxMask mask)
    {
        Statx result;
        return statx(AT_FDCWD, path, (int)flags, (uint)mask, (byte*)&result) == 0 ? (result, 0) : (default, Marshal.GetLastPInvokeError());
    }

    /// <summary>syncfs(2) on the filesystem holding <paramref name="path"/>: 0, or the errno of the open or of syncfs.</summary>
    public static int Syncfs(string path)
    {
        var fd = open(path, O_RDONLY, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        var errno = syncfs(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
        close(fd);
        return errno;
    }

    /// <summary>statvfs(3): the result, or the errno it failed with.</summary>
    public static (StatVfsResult StatVfs, int Errno) StatVfs(string path)
    {
        StatVfsResult result;
        return statvfs(path, &result) == 0 ? (result, 0) : (default, Marshal.GetLastPInvokeError());
    }

    /// <summary>open(2) then close(2): 0 when the open succeeded, else its errno.</summary>
    public static int TryOpen(string path, int flags)
    {
        var fd = open(path, flags, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        close(fd);
        return 0;
    }

    /// <summary>kill(2): 0 or the errno.</summary>
    public static int Kill(int pid, int signal) => kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>umount2(2): 0 or the errno. Needs root.</summary>
    public static int Umount(string path, int flags) => umount2(path, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>realpath(3), so paths compare equal to the kernel's view in /proc/self/mountinfo.</summary>
    public static string RealPath(string path)
    {
        var resolved = realpath(path, null);
        if (resolved == null)
        {
            throw new InvalidOperationException($"realpath('{path}') failed with errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved)!;
        }
        finally
        {
            NativeMemory.Free(resolved);
        }
    }
}

using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>Flag values of the Linux system calls, for the architectures FuseGen supports (x86_64, arm64).</summary>
internal static partial class LibC
{
    private static readonly bool IsArm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    public const int O_RDONLY = 0x0;
    public const int O_WRONLY = 0x1;
    public const int O_RDWR = 0x2;
    public const int O_ACCMODE = 0x3;
    public const int O_APPEND = 0x400;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NOCTTY = 0x100;
    public const int O_TRUNC = 0x200;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int O_PATH = 0x200000;

    /// <summary><c>O_DIRECTORY</c>: 0x10000 on x86_64, 0x4000 on arm64.</summary>
    public static readonly int O_DIRECTORY = IsArm64 ? 0x4000 : 0x10000;

    /// <summary><c>O_NOFOLLOW</c>: 0x20000 on x86_64, 0x8000 on arm64.</summary>
    public static readonly int O_NOFOLLOW = IsArm64 ? 0x8000 : 0x20000;

    /// <summary><c>O_DIRECT</c>: 0x4000 on x86_64, 0x10000 on arm64.</summary>
    public static readonly int O_DIRECT = IsArm64 ? 0x10000 : 0x4000;

    /// <summary><c>f_type</c> of tmpfs in <c>struct statfs</c>.</summary>
    public const long TMPFS_MAGIC = 0x01021994;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_REMOVEDIR = 0x200;
    public const int AT_EACCESS = 0x200;
    public const int AT_EMPTY_PATH = 0x1000;

    public const int SEEK_SET = 0;

    public const int F_OFD_GETLK = 36;
    public const int F_OFD_SETLK = 37;
    public const int F_OFD_SETLKW = 38;

    public const short F_UNLCK = 2;

    /// <summary>Longest path the kernel copies in from user space, terminating NUL included.</summary>
    public const int PATH_MAX = 4096;

    public const uint S_IFMT = 0xF000;
    public const uint S_IFDIR = 0x4000;
    public const uint S_ISGID = 0x400;
    public const uint S_ISUID = 0x800;
}

using System.Runtime.InteropServices;

namespace FuseGen.Testing;

/// <summary>
/// The constants of the libc calls, Linux values. Those that differ between architectures (the O_ flags asm-generic
/// moves on arm64) are read-only fields chosen for the running process, never x86_64 values used everywhere.
/// </summary>
public static partial class LibC
{
    private const string Library = "libc.so.6";

    private static readonly bool IsArm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    public const int O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000, O_PATH = 0x200000;
    public static readonly int O_DIRECTORY = IsArm64 ? 0x4000 : 0x10000;
    public static readonly int O_NOFOLLOW = IsArm64 ? 0x8000 : 0x20000;
    public static readonly int O_DIRECT = IsArm64 ? 0x10000 : 0x4000;

    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    public const uint STATX_BASIC_STATS = 0x7FF;

    public const int SEEK_SET = 0, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

    public const int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37;
    public const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    public const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

    public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20;
    public const int XATTR_CREATE = 1, XATTR_REPLACE = 2;
    public const int FALLOC_FL_KEEP_SIZE = 0x01, FALLOC_FL_PUNCH_HOLE = 0x02, FALLOC_FL_COLLAPSE_RANGE = 0x08, FALLOC_FL_ZERO_RANGE = 0x10;
    public const int POSIX_FADV_WILLNEED = 3, POSIX_FADV_DONTNEED = 4;
    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    public const uint S_IFMT = 0xF000;
    public const uint S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000, S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    public const short POLLIN = 1;
    public const uint EPOLLIN = 1;
    public const int EPOLL_CTL_ADD = 1;
    public const int R_OK = 4, W_OK = 2;

    public const int SIGHUP = 1, SIGINT = 2, SIGTERM = 15, SIGSTOP = 19;
    public const int MNT_FORCE = 1;

    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, EBADF = 9, ENOMEM = 12, EACCES = 13, EEXIST = 17, ENODEV = 19;
    public const int ENOTDIR = 20, EINVAL = 22, EFBIG = 27, ENOSPC = 28, ENAMETOOLONG = 36, ECONNABORTED = 103, ENOTCONN = 107;
}

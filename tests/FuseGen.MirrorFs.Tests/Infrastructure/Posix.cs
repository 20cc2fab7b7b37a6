using System;
using System.Runtime.InteropServices;
using FuseGen;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// The system calls the tests make against the mount and the source, straight to libc so that errno values are
/// observed exactly as a C program would see them.
/// </summary>
internal static unsafe partial class Posix
{
    private const string Libc = "libc.so.6";

    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200, O_APPEND = 0x400;
    public const int O_PATH = 0x200000, O_CLOEXEC = 0x80000;
    public static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;
    public static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;
    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200;
    public const int SEEK_SET = 0, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;
    public const int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7;
    public const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    public const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;
    public const int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, uint mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int openat(int dirfd, string path, int flags, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fstatat(int dirfd, string path, byte* buffer, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fstat(int fd, byte* buffer);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdirat(int dirfd, string path, uint mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mknodat(int dirfd, string path, uint mode, ulong device);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlinkat(int dirfd, string path, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int linkat(int olddirfd, string oldpath, int newdirfd, string newpath, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int symlinkat(string target, int newdirfd, string linkpath);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint readlinkat(int dirfd, string path, byte* buffer, nuint size);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fchmodat(int dirfd, string path, uint mode, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fchownat(int dirfd, string path, uint owner, uint group, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int utimensat(int dirfd, string path, long* times, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int truncate(string path, long length);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fchmod(int fd, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint copy_file_range(int fdIn, long* offsetIn, int fdOut, long* offsetOut, nuint length, uint flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fcntl(int fd, int command, FuseGen.Testing.LibC.Flock* lockDescription);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llistxattr(string path, byte* list, nuint size);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int lremovexattr(string path, string name);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statvfs(string path, StatVfsNative* buffer);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint opendir(string path);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial byte* readdir(nint directory);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial long telldir(nint directory);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial void seekdir(nint directory, long position);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int closedir(nint directory);

    [LibraryImport(Libc)]
    public static partial int getpid();

    [StructLayout(LayoutKind.Sequential)]
    public struct StatVfsNative
    {
        public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FileSystemId, Flags, MaxNameLength;
        public fixed int Spare[6];
    }

    /// <summary>lstat (or stat with <paramref name="follow"/>) relative to <paramref name="directory"/>; throws with the errno on failure.</summary>
    public static FileStatus Stat(string path, bool follow = false, int directory = AT_FDCWD)
    {
        var status = TryStat(path, out var error, follow, directory);
        return error == Errno.None ? status : throw new InvalidOperationException($"stat {path}: {error}");
    }

    public static FileStatus TryStat(string path, out Errno error, bool follow = false, int directory = AT_FDCWD)
    {
        var buffer = stackalloc byte[NativeStat.MaxSize];
        if (fstatat(directory, path, buffer, follow ? 0 : AT_SYMLINK_NOFOLLOW) == -1)
        {
            error = LastErrno;
            return default;
        }

        error = Errno.None;
        return new FileStatus(*(ulong*)buffer, NativeStat.Read(buffer));
    }

    public static FileStatus StatDescriptor(int fd)
    {
        var buffer = stackalloc byte[NativeStat.MaxSize];
        Check(fstat(fd, buffer), "fstat");
        return new FileStatus(*(ulong*)buffer, NativeStat.Read(buffer));
    }

    /// <summary>Throws with the errno when a 0/-1 call failed.</summary>
    public static int Check(int result, string what) =>
        result == -1 ? throw new InvalidOperationException($"{what}: {LastErrno}") : result;

    /// <summary>The errno of a call returning -1, or None.</summary>
    public static Errno ErrnoOf(long result) => result < 0 ? LastErrno : Errno.None;

    public static int Open(string path, int flags, uint mode = 0)
    {
        var fd = open(path, flags | O_CLOEXEC, mode);
        return fd >= 0 ? fd : throw new InvalidOperationException($"open {path}: {LastErrno}");
    }

    public static void WriteAll(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var count = pwrite(fd, start + done, (nuint)(data.Length - done), offset + done);
                if (count <= 0)
                {
                    throw new InvalidOperationException($"pwrite: {LastErrno}");
                }

                done += (int)count;
            }
        }
    }

    public static byte[] ReadAll(int fd, int length, long offset)
    {
        var data = new byte[length];
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < length)
            {
                var count = pread(fd, start + done, (nuint)(length - done), offset + done);
                if (count < 0)
                {
                    throw new InvalidOperationException($"pread: {LastErrno}");
                }

                if (count == 0)
                {
                    break;
                }

                done += (int)count;
            }

            return data.AsSpan(0, done).ToArray();
        }
    }

    public static byte[]? GetXattr(string path, string name)
    {
        var size = lgetxattr(path, name, null, 0);
        if (size < 0)
        {
            return null;
        }

        var value = new byte[size];
        fixed (byte* buffer = value)
        {
            size = lgetxattr(path, name, buffer, (nuint)value.Length);
        }

        return size < 0 ? null : value.AsSpan(0, (int)size).ToArray();
    }

    public static Errno SetXattr(string path, string name, ReadOnlySpan<byte> value, int flags = 0)
    {
        fixed (byte* bytes = value)
        {
            return ErrnoOf(lsetxattr(path, name, bytes, (nuint)value.Length, flags));
        }
    }

    public static string[] ListXattr(string path)
    {
        var size = llistxattr(path, null, 0);
        if (size <= 0)
        {
            return Array.Empty<string>();
        }

        var list = new byte[size];
        fixed (byte* buffer = list)
        {
            size = llistxattr(path, buffer, (nuint)list.Length);
        }

        return System.Text.Encoding.UTF8.GetString(list, 0, (int)size).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    public static string ReadLink(string path)
    {
        var buffer = stackalloc byte[4096];
        var length = readlinkat(AT_FDCWD, path, buffer, 4096);
        return length < 0 ? throw new InvalidOperationException($"readlink {path}: {LastErrno}") : System.Text.Encoding.UTF8.GetString(buffer, (int)length);
    }
}

/// <summary>What lstat says, with the device number FuseGen's <see cref="FuseGen.Stat"/> leaves out.</summary>
internal readonly record struct FileStatus(ulong Device, Stat Stat)
{
    public ulong Inode => Stat.Inode;

    public uint Mode => Stat.Mode;

    public FileType Type => Stat.Type;

    public uint Uid => Stat.Uid;

    public uint Gid => Stat.Gid;

    public long Size => Stat.Size;

    public long Blocks => Stat.Blocks;

    public ulong Links => Stat.Links;
}

internal static partial class Posix
{
    [LibraryImport("libc.so.6")]
    public static partial uint geteuid();
}

internal static unsafe partial class Posix
{
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial nint fdopendir(int fd);

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nuint count);
}

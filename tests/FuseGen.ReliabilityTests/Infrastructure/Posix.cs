using System;
using System.Runtime.InteropServices;
using System.Text;
using static FuseGen.Testing.LibC;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>
/// Raw system calls, each returning its result and errno: no retry on EINTR, no exception translation, no path
/// encoding surprises (byte paths are passed as they are), so a test sees exactly what the kernel answered.
/// </summary>
internal static unsafe partial class Posix
{
    /// <summary>A path as the kernel takes it: UTF-8 plus a terminating NUL.</summary>
    public static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path + "\0");

    /// <summary>Raw bytes plus a terminating NUL (for names that are not valid UTF-8).</summary>
    public static byte[] Bytes(ReadOnlySpan<byte> path)
    {
        var bytes = new byte[path.Length + 1];
        path.CopyTo(bytes);
        return bytes;
    }

    public static (int Fd, int Errno) Open(string path, int flags, int mode = 0x1A4) => Open(Bytes(path), flags, mode);

    public static (int Fd, int Errno) Open(byte[] path, int flags, int mode = 0x1A4)
    {
        fixed (byte* p = path)
        {
            var fd = open(p, flags | O_CLOEXEC, (uint)mode);
            return fd >= 0 ? (fd, 0) : (-1, Marshal.GetLastPInvokeError());
        }
    }

    public static (int Fd, int Errno) OpenAt(int directory, byte[] name, int flags, int mode = 0x1A4)
    {
        fixed (byte* p = name)
        {
            var fd = openat(directory, p, flags | O_CLOEXEC, (uint)mode);
            return fd >= 0 ? (fd, 0) : (-1, Marshal.GetLastPInvokeError());
        }
    }

    public static int Close(int fd) => close(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static (long Count, int Errno) PRead(int fd, Span<byte> buffer, long offset)
    {
        fixed (byte* b = buffer)
        {
            var n = pread(fd, b, (nuint)buffer.Length, offset);
            return n >= 0 ? (n, 0) : (-1, Marshal.GetLastPInvokeError());
        }
    }

    public static (long Count, int Errno) PWrite(int fd, ReadOnlySpan<byte> buffer, long offset)
    {
        fixed (byte* b = buffer)
        {
            var n = pwrite(fd, b, (nuint)buffer.Length, offset);
            return n >= 0 ? (n, 0) : (-1, Marshal.GetLastPInvokeError());
        }
    }

    public static (long Count, int Errno) Read(int fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            var n = read(fd, b, (nuint)buffer.Length);
            return n >= 0 ? (n, 0) : (-1, Marshal.GetLastPInvokeError());
        }
    }

    public static (long Count, int Errno) Write(int fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            var n = write(fd, b, (nuint)buffer.Length);
            return n >= 0 ? (n, 0) : (-1, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>stat(2) (or fstatat relative to <paramref name="directory"/>): size and mode, or the errno.</summary>
    public static (long Size, uint Mode, int Errno) Stat(byte[] path, int directory = AT_FDCWD)
    {
        var buffer = stackalloc byte[256];
        fixed (byte* p = path)
        {
            if (fstatat(directory, p, buffer, 0) != 0)
            {
                return (0, 0, Marshal.GetLastPInvokeError());
            }
        }

        return Decode(buffer);
    }

    public static (long Size, uint Mode, int Errno) Stat(string path) => Stat(Bytes(path));

    public static (long Size, uint Mode, int Errno) FStat(int fd)
    {
        var buffer = stackalloc byte[256];
        return fstat(fd, buffer) != 0 ? (0, 0, Marshal.GetLastPInvokeError()) : Decode(buffer);
    }

    public static int Mkdir(string path, int mode = 0x1ED) => Mkdir(Bytes(path), mode);

    public static int Mkdir(byte[] path, int mode = 0x1ED, int directory = AT_FDCWD)
    {
        fixed (byte* p = path)
        {
            return mkdirat(directory, p, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int Rmdir(string path)
    {
        fixed (byte* p = Bytes(path))
        {
            return rmdir(p) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int Unlink(string path) => Unlink(Bytes(path));

    public static int Unlink(byte[] path, int directory = AT_FDCWD)
    {
        fixed (byte* p = path)
        {
            return unlinkat(directory, p, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int Rename(string from, string to)
    {
        fixed (byte* f = Bytes(from))
        fixed (byte* t = Bytes(to))
        {
            return rename(f, t) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int Truncate(string path, long length)
    {
        fixed (byte* p = Bytes(path))
        {
            return truncate(p, length) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int FTruncate(int fd, long length) => ftruncate(fd, length) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Chmod(string path, int mode)
    {
        fixed (byte* p = Bytes(path))
        {
            return chmod(p, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int Fsync(int fd) => fsync(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int FAdvise(int fd, long offset, long length, int advice) => posix_fadvise(fd, offset, length, advice);

    public static int Utimens(string path)
    {
        fixed (byte* p = Bytes(path))
        {
            return utimensat(AT_FDCWD, p, null, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    public static int StatVfs(string path)
    {
        StatVfsResult buffer;
        fixed (byte* p = Bytes(path))
        {
            return statvfs(p, &buffer) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>
    /// Lists an open directory with getdents64 until the end: the raw names (without . and ..), or the errno of the
    /// first call that failed.
    /// </summary>
    public static (System.Collections.Generic.List<byte[]> Names, int Errno) ReadDirectory(int fd)
    {
        var names = new System.Collections.Generic.List<byte[]>();
        var buffer = new byte[64 * 1024];
        fixed (byte* b = buffer)
        {
            while (true)
            {
                var n = getdents64(fd, b, (nuint)buffer.Length);
                if (n < 0)
                {
                    return (names, Marshal.GetLastPInvokeError());
                }

                if (n == 0)
                {
                    return (names, 0);
                }

                // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[].
                for (var offset = 0; offset < n;)
                {
                    var record = b + offset;
                    var length = *(ushort*)(record + 16);
                    var name = new ReadOnlySpan<byte>(record + 19, length - 19);
                    name = name[..name.IndexOf((byte)0)];
                    if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
                    {
                        names.Add(name.ToArray());
                    }

                    offset += length;
                }
            }
        }
    }

    /// <summary>Lists a directory by path: open(O_DIRECTORY), getdents64, close.</summary>
    public static (System.Collections.Generic.List<byte[]> Names, int Errno) ListDirectory(string path)
    {
        var (fd, errno) = Open(path, O_RDONLY | O_DIRECTORY);
        if (fd < 0)
        {
            return (new(), errno);
        }

        try
        {
            return ReadDirectory(fd);
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>glibc's malloc statistics: bytes in use by malloc, small blocks plus mmapped ones.</summary>
    public static long NativeHeapInUse()
    {
        var info = mallinfo2();
        return (long)(info.uordblks + info.hblkhd);
    }

    public static int Kill(int pid, int signal) => kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    private static (long Size, uint Mode, int Errno) Decode(byte* buffer) => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (*(long*)(buffer + 48), *(uint*)(buffer + 24), 0),
        Architecture.Arm64 => (*(long*)(buffer + 48), *(uint*)(buffer + 16), 0),
        var other => throw new PlatformNotSupportedException($"struct stat layout for {other}"),
    };

}

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>
/// The system calls as tests use them: successful calls return their result, failures throw
/// <see cref="PosixException"/> with the errno, and <see cref="Fails"/> turns an expected failure into its errno.
/// </summary>
internal static unsafe class Sys
{
    /// <summary>The errno <paramref name="call"/> failed with, or <see cref="Errno.None"/> when it succeeded.</summary>
    public static Errno Fails(Action call)
    {
        try
        {
            call();
            return Errno.None;
        }
        catch (PosixException e)
        {
            return e.Errno;
        }
    }

    public static long Check(long result, string what, string? path = null) =>
        result >= 0 ? result : throw new PosixException((Errno)Marshal.GetLastPInvokeError(), what, path);

    public static int Open(string path, int flags, uint mode = 0x1B6) => (int)Check(LibC.open(path, flags | LibC.O_CLOEXEC, mode), "open", path);

    public static void Close(int fd) => Check(LibC.close(fd), "close");

    /// <summary>Creates (or truncates) a file holding <paramref name="data"/>, with exactly <paramref name="mode"/> (no umask).</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> data, uint mode = 0x1A4)
    {
        var fd = Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC, mode);
        try
        {
            Write(fd, data);
        }
        finally
        {
            Close(fd);
        }

        Chmod(path, mode);
    }

    public static byte[] ReadFile(string path)
    {
        var fd = Open(path, LibC.O_RDONLY);
        try
        {
            using var result = new System.IO.MemoryStream();
            var buffer = new byte[65536];
            while (true)
            {
                var count = Read(fd, buffer);
                if (count == 0)
                {
                    return result.ToArray();
                }

                result.Write(buffer, 0, count);
            }
        }
        finally
        {
            Close(fd);
        }
    }

    public static void Write(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            for (var done = 0; done < data.Length;)
            {
                done += (int)Check(LibC.write(fd, p + done, (nuint)(data.Length - done)), "write");
            }
        }
    }

    public static void WriteAt(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* p = data)
        {
            for (var done = 0; done < data.Length;)
            {
                done += (int)Check(LibC.pwrite(fd, p + done, (nuint)(data.Length - done), offset + done), "pwrite");
            }
        }
    }

    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return (int)Check(LibC.read(fd, p, (nuint)buffer.Length), "read");
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or up to the end of the file.</summary>
    public static byte[] ReadAt(int fd, int count, long offset)
    {
        var buffer = new byte[count];
        var done = 0;
        fixed (byte* p = buffer)
        {
            while (done < count)
            {
                var n = (int)Check(LibC.pread(fd, p + done, (nuint)(count - done), offset + done), "pread");
                if (n == 0)
                {
                    break;
                }

                done += n;
            }
        }

        return buffer.AsSpan(0, done).ToArray();
    }

    public static long Seek(int fd, long offset, int whence) => Check(LibC.lseek(fd, offset, whence), "lseek");

    public static void Truncate(int fd, long length) => Check(LibC.ftruncate(fd, length), "ftruncate");

    public static void Fallocate(int fd, int mode, long offset, long length) => Check(LibC.fallocate(fd, mode, offset, length), "fallocate");

    public static long CopyFileRange(int input, long offsetIn, int output, long offsetOut, long length)
    {
        return Check(LibC.copy_file_range(input, &offsetIn, output, &offsetOut, (nuint)length, 0), "copy_file_range");
    }

    public static void Rename(string from, string to, uint flags = 0) =>
        Check(flags == 0 ? LibC.rename(from, to) : LibC.renameat2(LibC.AT_FDCWD, from, LibC.AT_FDCWD, to, flags), "rename", from + " -> " + to);

    public static void Link(string from, string to) => Check(LibC.link(from, to), "link", to);

    public static void Symlink(string target, string path) => Check(LibC.symlink(target, path), "symlink", path);

    public static string ReadLink(string path)
    {
        var buffer = new byte[4096];
        fixed (byte* p = buffer)
        {
            var length = (int)Check(LibC.readlink(path, p, (nuint)buffer.Length), "readlink", path);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    public static void Unlink(string path) => Check(LibC.unlink(path), "unlink", path);

    public static void Mkdir(string path, uint mode = 0x1ED) => Check(LibC.mkdir(path, mode), "mkdir", path);

    public static void Rmdir(string path) => Check(LibC.rmdir(path), "rmdir", path);

    public static void Mknod(string path, uint mode, ulong device = 0) => Check(LibC.mknod(path, mode, device), "mknod", path);

    public static void Chmod(string path, uint mode) => Check(LibC.chmod(path, mode), "chmod", path);

    public static void Chown(string path, uint uid, uint gid) => Check(LibC.lchown(path, uid, gid), "lchown", path);

    /// <summary>utimensat; times in nanoseconds since the epoch, or <see cref="LibC.UTIME_NOW"/>/<see cref="LibC.UTIME_OMIT"/> as nanoseconds with 0 seconds.</summary>
    public static void SetTimes(string path, LibC.Timespec accessTime, LibC.Timespec modificationTime)
    {
        var times = stackalloc LibC.Timespec[2];
        times[0] = accessTime;
        times[1] = modificationTime;
        Check(LibC.utimensat(LibC.AT_FDCWD, path, times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    public static LibC.Timespec Time(long nanoseconds) => new() { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };

    public static LibC.Timespec TimeMarker(long marker) => new() { Seconds = 0, Nanoseconds = marker };

    public static FileStat Stat(string path) => StatX(LibC.AT_FDCWD, path, 0);

    public static FileStat LStat(string path) => StatX(LibC.AT_FDCWD, path, LibC.AT_SYMLINK_NOFOLLOW);

    public static FileStat FStat(int fd) => StatX(fd, "", LibC.AT_EMPTY_PATH);

    /// <summary>statvfs: block size, total, free and available blocks, total and free inodes, name limit.</summary>
    public static (ulong BlockSize, ulong Blocks, ulong Free, ulong Available, ulong Files, ulong FilesFree, ulong NameMax) StatVfs(string path)
    {
        LibC.StatVfsResult buffer;
        Check(LibC.statvfs(path, &buffer), "statvfs", path);
        var fragment = buffer.f_frsize == 0 ? buffer.f_bsize : buffer.f_frsize;
        return (fragment, buffer.f_blocks, buffer.f_bfree, buffer.f_bavail, buffer.f_files, buffer.f_ffree, buffer.f_namemax);
    }

    public static void SetXattr(string path, string name, ReadOnlySpan<byte> value, int flags = 0)
    {
        fixed (byte* p = value)
        {
            Check(LibC.lsetxattr(path, name, p, (nuint)value.Length, flags), "setxattr", path);
        }
    }

    /// <summary>getxattr into a buffer of <paramref name="size"/> bytes (0: the size probe); returns the reported length and the bytes.</summary>
    public static (int Length, byte[] Value) GetXattr(string path, string name, int size)
    {
        var buffer = new byte[size];
        fixed (byte* p = buffer)
        {
            var length = (int)Check(LibC.lgetxattr(path, name, size == 0 ? null : p, (nuint)size), "getxattr", path);
            return (length, buffer.AsSpan(0, Math.Min(length, size)).ToArray());
        }
    }

    public static byte[] GetXattr(string path, string name) => GetXattr(path, name, GetXattr(path, name, 0).Length).Value;

    /// <summary>fgetxattr with a buffer large enough for small values.</summary>
    public static byte[] GetXattr(int fd, string name)
    {
        var buffer = new byte[4096];
        fixed (byte* p = buffer)
        {
            var length = (int)Check(LibC.fgetxattr(fd, name, p, (nuint)buffer.Length), "fgetxattr", name);
            return buffer.AsSpan(0, length).ToArray();
        }
    }

    public static List<string> ListXattr(string path)
    {
        var size = (int)Check(LibC.llistxattr(path, null, 0), "listxattr", path);
        var buffer = new byte[size];
        fixed (byte* p = buffer)
        {
            size = (int)Check(LibC.llistxattr(path, p, (nuint)size), "listxattr", path);
        }

        var names = new List<string>();
        foreach (var name in Encoding.UTF8.GetString(buffer, 0, size).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            names.Add(name);
        }

        return names;
    }

    public static void RemoveXattr(string path, string name) => Check(LibC.lremovexattr(path, name), "removexattr", path);

    private static FileStat StatX(int directory, string path, int flags)
    {
        var buffer = stackalloc byte[256];
        Check(LibC.statx(directory, path, flags, LibC.STATX_BASIC_STATS, buffer), "statx", path);
        static long Time(byte* at) => (*(long*)at * 1_000_000_000L) + *(uint*)(at + 8);
        return new FileStat(
            Inode: *(ulong*)(buffer + 32),
            Mode: *(ushort*)(buffer + 28),
            Links: *(uint*)(buffer + 16),
            Uid: *(uint*)(buffer + 20),
            Gid: *(uint*)(buffer + 24),
            Size: *(long*)(buffer + 40),
            Blocks: *(long*)(buffer + 48),
            AccessTime: Time(buffer + 64),
            ModificationTime: Time(buffer + 112),
            ChangeTime: Time(buffer + 96),
            DeviceMajor: *(uint*)(buffer + 128),
            DeviceMinor: *(uint*)(buffer + 132));
    }
}

/// <summary>A failed system call.</summary>
public sealed class PosixException : Exception
{
    public PosixException(Errno errno, string call, string? path)
        : base($"{call}({path}) failed: {errno} ({(int)errno})")
    {
        Errno = errno;
    }

    public Errno Errno { get; }
}

using System;
using System.Runtime.InteropServices;
using FuseGen;
using FuseGen.Interop;
using FuseGen.Marshalling;
using static FuseGen.Testing.LibC;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// The system calls the tests make against the mount and the source, straight to libc so that errno values are
/// observed exactly as a C program would see them.
/// </summary>
internal static unsafe partial class Posix
{
    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

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

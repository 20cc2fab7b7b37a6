using System;
using System.Runtime.InteropServices;
using System.Text;

namespace FuseGen.Testing;

/// <summary>
/// Calls that take a path as raw bytes (names that are not valid UTF-8 reach the filesystem as they are) and,
/// with the <c>*at</c> forms, relative to a directory descriptor (paths deeper than PATH_MAX).
/// </summary>
public static unsafe partial class LibC
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

    /// <summary>open(2) with O_CLOEXEC of a NUL-terminated byte path: the descriptor, or -1 and the errno.</summary>
    public static (int Fd, int Errno) Open(byte[] path, int flags, uint mode = 0x1A4)
    {
        fixed (byte* p = path)
        {
            return Result(open(p, flags | O_CLOEXEC, mode));
        }
    }

    /// <summary>openat(2) with O_CLOEXEC: the descriptor, or -1 and the errno.</summary>
    public static (int Fd, int Errno) OpenAt(int directory, byte[] name, int flags, uint mode = 0x1A4)
    {
        fixed (byte* p = name)
        {
            return Result(openat(directory, p, flags | O_CLOEXEC, mode));
        }
    }

    /// <summary>fstatat(2) following symlinks, relative to <paramref name="directory"/>: the result, or the errno.</summary>
    public static (StatResult Stat, int Errno) StatAt(byte[] path, int directory = AT_FDCWD)
    {
        var buffer = stackalloc byte[256];
        fixed (byte* p = path)
        {
            return fstatat(directory, p, buffer, 0) == 0 ? (DecodeStat(buffer), 0) : (default, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>mkdirat(2): 0 or the errno.</summary>
    public static int Mkdir(byte[] path, uint mode = 0x1ED, int directory = AT_FDCWD)
    {
        fixed (byte* p = path)
        {
            return ErrnoOf(mkdirat(directory, p, mode));
        }
    }

    /// <summary>unlinkat(2) of a file: 0 or the errno.</summary>
    public static int Unlink(byte[] path, int directory = AT_FDCWD)
    {
        fixed (byte* p = path)
        {
            return ErrnoOf(unlinkat(directory, p, 0));
        }
    }
}

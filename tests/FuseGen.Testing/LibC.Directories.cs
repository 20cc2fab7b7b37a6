using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace FuseGen.Testing;

/// <summary>Directory listing with getdents64 (the raw names, as many calls as the kernel needs), and mkdir, rmdir, unlink.</summary>
public static unsafe partial class LibC
{
    /// <summary>mkdir(2): 0 or the errno.</summary>
    public static int Mkdir(string path, uint mode = 0x1ED) => ErrnoOf(mkdir(path, mode));

    /// <summary>rmdir(2): 0 or the errno.</summary>
    public static int Rmdir(string path) => ErrnoOf(rmdir(path));

    /// <summary>unlink(2): 0 or the errno.</summary>
    public static int Unlink(string path) => ErrnoOf(unlink(path));

    /// <summary>
    /// Lists an open directory with getdents64 until the end: the raw names (without . and ..), or the errno of the
    /// first call that failed.
    /// </summary>
    public static (List<byte[]> Names, int Errno) ReadDirectory(int fd)
    {
        var names = new List<byte[]>();
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
    public static (List<byte[]> Names, int Errno) ListDirectory(string path)
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
}

using System;
using System.Runtime.InteropServices;
using System.Text;

namespace FuseGen.Testing;

/// <summary>
/// File calls that have no .NET equivalent (or whose .NET equivalent is not one system call): each returns what the
/// call returned, with the errno (0 on success), so a test sees exactly what a C program would.
/// </summary>
public static unsafe partial class LibC
{
    /// <summary>Linux <c>struct flock</c> (64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    /// <summary>open(2) with O_CLOEXEC: the descriptor, or -1 and the errno.</summary>
    public static (int Fd, int Errno) Open(string path, int flags, uint mode = 0x1A4) => Result(open(path, flags | O_CLOEXEC, mode));

    /// <summary>close(2): 0 or the errno.</summary>
    public static int Close(int fd) => ErrnoOf(close(fd));

    /// <summary>pread(2): the count, or -1 and the errno.</summary>
    public static (long Count, int Errno) PRead(int fd, Span<byte> buffer, long offset)
    {
        fixed (byte* pointer = buffer)
        {
            var result = pread(fd, pointer, (nuint)buffer.Length, offset);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>pwrite(2): the count, or -1 and the errno.</summary>
    public static (long Count, int Errno) PWrite(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* pointer = data)
        {
            var result = pwrite(fd, pointer, (nuint)data.Length, offset);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>read(2): the count, or -1 and the errno.</summary>
    public static (long Count, int Errno) Read(int fd, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var result = read(fd, pointer, (nuint)buffer.Length);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>write(2): the count, or -1 and the errno.</summary>
    public static (long Count, int Errno) Write(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            var result = write(fd, pointer, (nuint)data.Length);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>ftruncate(2): 0 or the errno.</summary>
    public static int FTruncate(int fd, long length) => ErrnoOf(ftruncate(fd, length));

    /// <summary>chmod(2): 0 or the errno.</summary>
    public static int Chmod(string path, uint mode) => ErrnoOf(chmod(path, mode));

    /// <summary>posix_fadvise(2): 0 or the error number it returns (it does not set errno).</summary>
    public static int FAdvise(int fd, long offset, long length, int advice) => posix_fadvise(fd, offset, length, advice);

    /// <summary>utimensat(2) setting both times to now: 0 or the errno.</summary>
    public static int Utimens(string path) => ErrnoOf(utimensat(AT_FDCWD, path, null, 0));

    /// <summary>truncate(2): 0 or the errno.</summary>
    public static int Truncate(string path, long length) => ErrnoOf(truncate(path, length));

    /// <summary>rename(2): 0 or the errno. (File.Move may link and unlink instead.)</summary>
    public static int Rename(string from, string to) => ErrnoOf(rename(from, to));

    /// <summary>fsync(2): 0 or the errno.</summary>
    public static int Fsync(int fd) => ErrnoOf(fsync(fd));

    /// <summary>access(2): 0 or the errno.</summary>
    public static int Access(string path, int mode) => ErrnoOf(access(path, mode));

    /// <summary>mknod(2): 0 or the errno.</summary>
    public static int Mknod(string path, uint mode, ulong device = 0) => ErrnoOf(mknod(path, mode, device));

    /// <summary>link(2): 0 or the errno.</summary>
    public static int Link(string from, string to) => ErrnoOf(link(from, to));

    /// <summary>lchown(2): 0 or the errno.</summary>
    public static int Chown(string path, uint uid, uint gid) => ErrnoOf(lchown(path, uid, gid));

    /// <summary>fcntl(2) with a record lock (F_GETLK, F_SETLK): 0 or the errno; F_GETLK rewrites <paramref name="lockInfo"/>.</summary>
    public static int Fcntl(int fd, int command, ref Flock lockInfo)
    {
        fixed (Flock* pointer = &lockInfo)
        {
            return ErrnoOf(fcntl(fd, command, pointer));
        }
    }

    /// <summary>flock(2): 0 or the errno.</summary>
    public static int FileLock(int fd, int operation) => ErrnoOf(flock(fd, operation));

    /// <summary>lseek(2): the offset, or -1 and the errno.</summary>
    public static (long Offset, int Errno) Seek(int fd, long offset, int whence)
    {
        var result = lseek(fd, offset, whence);
        return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    /// <summary>fallocate(2): 0 or the errno.</summary>
    public static int Fallocate(int fd, int mode, long offset, long length) => ErrnoOf(fallocate(fd, mode, offset, length));

    /// <summary>copy_file_range(2) between explicit offsets: the count, or -1 and the errno.</summary>
    public static (long Count, int Errno) CopyFileRange(int input, long inputOffset, int output, long outputOffset, long length)
    {
        var result = copy_file_range(input, &inputOffset, output, &outputOffset, (nuint)length, 0);
        return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    /// <summary>ioctl(2) whose argument is <paramref name="data"/>: 0 or the errno.</summary>
    public static int Ioctl(int fd, uint command, Span<byte> data)
    {
        fixed (byte* pointer = data)
        {
            return ErrnoOf(ioctl(fd, command, pointer));
        }
    }

    /// <summary>poll(2) of one descriptor: the number of ready descriptors (or -1) with the returned events and errno.</summary>
    public static (int Ready, short Events, int Errno) Poll(int fd, short events, int timeoutMilliseconds)
    {
        var entry = new PollFd { Fd = fd, Events = events };
        var result = poll(&entry, 1, timeoutMilliseconds);
        return (result, entry.ReturnedEvents, result < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    /// <summary>An epoll instance watching <paramref name="fd"/> for <paramref name="events"/>: its descriptor, or -1 and the errno.</summary>
    public static (int Epoll, int Errno) EpollWatch(int fd, uint events)
    {
        var epoll = epoll_create1(O_CLOEXEC);
        if (epoll < 0)
        {
            return (-1, Marshal.GetLastPInvokeError());
        }

        var entry = new EpollEvent { Events = events, Data = (ulong)fd };
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &entry) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            close(epoll);
            return (-1, error);
        }

        return (epoll, 0);
    }

    /// <summary>epoll_wait(2) for one event: the count (or -1) with the event bits and errno.</summary>
    public static (int Ready, uint Events, int Errno) EpollWait(int epoll, int timeoutMilliseconds)
    {
        EpollEvent entry;
        var result = epoll_wait(epoll, &entry, 1, timeoutMilliseconds);
        return (result, result > 0 ? entry.Events : 0, result < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    /// <summary>lsetxattr(2): 0 or the errno.</summary>
    public static int SetXattr(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* pointer = value)
        {
            return ErrnoOf(lsetxattr(path, name, pointer, (nuint)value.Length, 0));
        }
    }

    /// <summary>lgetxattr(2) into <paramref name="buffer"/> (empty: ask for the size): the size, or -1 and the errno.</summary>
    public static (long Size, int Errno) GetXattr(string path, string name, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var result = lgetxattr(path, name, buffer.IsEmpty ? null : pointer, (nuint)buffer.Length);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>llistxattr(2) into <paramref name="buffer"/> (empty: ask for the size): the size, or -1 and the errno.</summary>
    public static (long Size, int Errno) ListXattr(string path, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var result = llistxattr(path, buffer.IsEmpty ? null : pointer, (nuint)buffer.Length);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>lremovexattr(2): 0 or the errno.</summary>
    public static int RemoveXattr(string path, string name) => ErrnoOf(lremovexattr(path, name));

    /// <summary>The NUL-separated names a listxattr buffer holds.</summary>
    public static string[] XattrNames(ReadOnlySpan<byte> list) => Encoding.UTF8.GetString(list).Split('\0', StringSplitOptions.RemoveEmptyEntries);

    private static int ErrnoOf(int result) => result == 0 ? 0 : Marshal.GetLastPInvokeError();

    private static (int Value, int Errno) Result(int result) => (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>
    /// <c>struct epoll_event</c>: the events, then the data at offset 4 on x86_64 (packed, 12 bytes) and at offset 8
    /// elsewhere (16 bytes).
    /// </summary>
    public struct EpollEvent
    {
        private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

        private fixed byte bytes[16];

        public uint Events
        {
            readonly get
            {
                fixed (byte* start = bytes)
                {
                    return *(uint*)start;
                }
            }

            set
            {
                fixed (byte* start = bytes)
                {
                    *(uint*)start = value;
                }
            }
        }

        public ulong Data
        {
            set
            {
                fixed (byte* start = bytes)
                {
                    *(ulong*)(start + DataOffset) = value;
                }
            }
        }
    }
}

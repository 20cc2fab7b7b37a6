using System;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// What a pass-through does alike whether the kernel names files by path or by inode: the flags an open becomes on
/// the source, creating a file for the caller, and whole reads and writes on a source descriptor.
/// </summary>
internal static unsafe class SourceFiles
{
    /// <summary>The kernel strips O_CREAT, O_EXCL and O_NOCTTY from open; a daemon never wants a controlling terminal.</summary>
    public const int NotForOpen = LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOCTTY;

    /// <summary>
    /// Whether an open with the source <paramref name="flags"/> is served with direct I/O (FOPEN_DIRECT_IO): a caller's
    /// O_DIRECT open, as in libfuse's passthrough examples since 3.17. The kernel then sends its reads and writes
    /// straight to the daemon instead of through the page cache's O_DIRECT path, which asks first for the file's
    /// attributes before every read (GETATTR: the mirrors cache none) and for its security.capability before every
    /// write (GETXATTR): one request per I/O instead of two.
    /// </summary>
    /// <remarks>
    /// The trade-off: a MAP_SHARED mmap of such a file fails (ENODEV) unless the connection allows mmap of direct-I/O
    /// files (libfuse 3.17+ with kernel 6.6+, which both mirrors ask for in init); private mappings work everywhere.
    /// </remarks>
    public static bool ServedDirectly(int flags) => (flags & LibC.O_DIRECT) != 0;

    /// <summary>
    /// The flags a caller's open becomes on the source. With the writeback cache the kernel reads through any open
    /// file to fill pages it writes in part, and it places appends itself: write-only becomes read-write and
    /// O_APPEND goes (as in libfuse's passthrough_ll).
    /// </summary>
    public static int OpenFlags(int flags, bool writebackCache)
    {
        if (!writebackCache)
        {
            return flags;
        }

        if ((flags & LibC.O_ACCMODE) == LibC.O_WRONLY)
        {
            flags = (flags & ~LibC.O_ACCMODE) | LibC.O_RDWR;
        }

        return flags & ~LibC.O_APPEND;
    }

    /// <summary>
    /// Creates <paramref name="name"/> in <paramref name="directory"/> and opens it; the descriptor, or -errno. The
    /// node is created with O_EXCL so that only a file this call made is given to the caller; when the caller did
    /// not ask for O_EXCL and the name exists by now, the existing file is opened as it is.
    /// </summary>
    /// <param name="flags">The source open flags (<see cref="OpenFlags"/>); O_CREAT and O_EXCL are added here.</param>
    public static int CreateOrOpen(int directory, byte* name, int flags, uint mode, FuseContext caller)
    {
        for (var attempt = 0; ; attempt++)
        {
            int fd;
            using (Ownership.AsCaller(caller))
            {
                fd = LibC.openat(directory, name, flags | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, mode);
            }

            if (fd >= 0)
            {
                Ownership.GiveToCaller(fd, caller, mode);
                return fd;
            }

            var created = LibC.LastErrno;
            if (created != Errno.EEXIST || (flags & LibC.O_EXCL) != 0 || attempt == 8)
            {
                return -(int)created;
            }

            fd = LibC.openat(directory, name, (flags & ~(LibC.O_CREAT | LibC.O_EXCL)) | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            if (fd >= 0)
            {
                return fd;
            }

            var opened = LibC.LastErrno;
            if (opened != Errno.ENOENT)
            {
                return -(int)opened;
            }

            // Removed again in between: create it after all.
        }
    }

    /// <summary>
    /// As <see cref="Read(int, Span{byte}, long)"/> on <paramref name="file"/>'s descriptor, through
    /// <see cref="DirectIoBuffer"/> when the source wants aligned memory the kernel's buffer is not.
    /// </summary>
    public static int Read(OpenFile file, Span<byte> buffer, long offset)
    {
        if (!file.NeedsAlignedMemory || DirectIoBuffer.IsAligned(buffer))
        {
            return Read(file.Descriptor, buffer, offset);
        }

        var aligned = DirectIoBuffer.Get(buffer.Length);
        var done = Read(file.Descriptor, aligned, offset);
        if (done > 0)
        {
            aligned[..done].CopyTo(buffer);
        }

        return done;
    }

    /// <summary>As <see cref="Write(int, ReadOnlySpan{byte}, long)"/> on <paramref name="file"/>'s descriptor, through <see cref="DirectIoBuffer"/> when needed.</summary>
    public static int Write(OpenFile file, ReadOnlySpan<byte> data, long offset)
    {
        if (!file.NeedsAlignedMemory || DirectIoBuffer.IsAligned(data))
        {
            return Write(file.Descriptor, data, offset);
        }

        var aligned = DirectIoBuffer.Get(data.Length);
        data.CopyTo(aligned);
        return Write(file.Descriptor, aligned, offset);
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> with pread (short only at the end of the file); the count or -errno.</summary>
    public static int Read(int descriptor, Span<byte> buffer, long offset)
    {
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var count = LibC.pread(descriptor, start + done, (nuint)(buffer.Length - done), offset + done);
                if (count < 0)
                {
                    var error = LibC.LastErrno;
                    if (error == Errno.EINTR)
                    {
                        continue;
                    }

                    return done > 0 ? done : -(int)error;
                }

                if (count == 0)
                {
                    break;
                }

                done += (int)count;
            }

            return done;
        }
    }

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/> with pwrite; the count or -errno.</summary>
    public static int Write(int descriptor, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var count = LibC.pwrite(descriptor, start + done, (nuint)(data.Length - done), offset + done);
                if (count < 0)
                {
                    var error = LibC.LastErrno;
                    if (error == Errno.EINTR)
                    {
                        continue;
                    }

                    return done > 0 ? done : -(int)error;
                }

                done += (int)count;
            }

            return done;
        }
    }
}

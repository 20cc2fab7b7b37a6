using System;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>Directories: an open descriptor per opendir, listed statefully so that huge directories page.</summary>
internal sealed unsafe partial class MirrorFs
{
    [Opendir]
    private OpenDirectory OpenDir(ReadOnlySpan<byte> path)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            throw new FuseException(error);
        }

        using (at)
        {
            var fd = LibC.openat(at.Directory, at.Name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            return fd >= 0 ? new OpenDirectory(fd) : throw new FuseException(LibC.LastErrno);
        }
    }

    /// <summary>
    /// Hands out entries from <paramref name="offset"/> on, each with the source's <c>d_off</c> as the offset to resume
    /// after it, until the kernel's buffer is full; the entry that did not fit is handed out first next time.
    /// Entries carry the inode number and type (libfuse looks the rest up for readdirplus).
    /// </summary>
    [Readdir]
    private static Errno ReadDirectory(ref DirectoryFiller entries, long offset, OpenDirectory directory)
    {
        lock (directory.Gate)
        {
            if (offset != directory.Position || directory.Descriptor < 0)
            {
                var error = directory.Seek(offset);
                if (error != Errno.None)
                {
                    return error;
                }
            }

            while (true)
            {
                if (directory.Consumed >= directory.Filled)
                {
                    var read = directory.Refill();
                    if (read < 0)
                    {
                        return (Errno)(-read);
                    }

                    if (read == 0)
                    {
                        return Errno.None;
                    }
                }

                var entry = directory.Peek();
                var stat = new Stat { Inode = entry.Inode, Mode = (uint)entry.Type << 12 };
                if (!entries.Add(entry.Name, in stat, entry.NextCookie))
                {
                    return Errno.None;
                }

                directory.Consumed += entry.RecordLength;
                directory.Position = entry.NextCookie;
            }
        }
    }

    [Releasedir]
    private static void ReleaseDirectory(OpenDirectory directory) => directory.Dispose();

    [Fsyncdir]
    private static Errno FsyncDirectory(bool dataOnly, OpenDirectory directory) =>
        LibC.Check(dataOnly ? LibC.fdatasync(directory.Descriptor) : LibC.fsync(directory.Descriptor));
}

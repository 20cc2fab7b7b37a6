using System;
using FuseGen;
using FuseGen.Interop;
using FuseGen.Marshalling;
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
    /// Entries carry the inode number and type, or for readdirplus all their attributes.
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
                if (!Add(ref entries, directory, in entry))
                {
                    return Errno.None;
                }

                directory.Consumed += entry.RecordLength;
                directory.Position = entry.NextCookie;
            }
        }
    }

    /// <summary>
    /// Adds one entry. For readdirplus the kernel caches the attributes given here as if looked up, so they are the
    /// entry's full fstatat; an entry gone by then is added by name only (the kernel then ignores its attributes).
    /// Otherwise the inode number and type are all libfuse passes on.
    /// </summary>
    private static bool Add(ref DirectoryFiller entries, OpenDirectory directory, in DirectoryEntry entry)
    {
        Stat stat;
        if (entries.IsPlus)
        {
            var native = stackalloc byte[NativeStat.MaxSize];
            fixed (byte* name = entry.Name)
            {
                // The name is NUL-terminated in the getdents buffer.
                if (LibC.fstatat(directory.Descriptor, name, native, LibC.AT_SYMLINK_NOFOLLOW) == -1)
                {
                    return entries.Add(entry.Name, entry.NextCookie);
                }
            }

            stat = NativeStat.Read(native);
        }
        else
        {
            stat = new Stat { Inode = entry.Inode, Mode = (uint)entry.Type << 12 };
        }

        return entries.Add(entry.Name, in stat, entry.NextCookie);
    }

    [Releasedir]
    private static void ReleaseDirectory(OpenDirectory directory) => directory.Dispose();

    [Fsyncdir]
    private static Errno FsyncDirectory(bool dataOnly, OpenDirectory directory) =>
        LibC.Check(dataOnly ? LibC.fdatasync(directory.Descriptor) : LibC.fsync(directory.Descriptor));
}

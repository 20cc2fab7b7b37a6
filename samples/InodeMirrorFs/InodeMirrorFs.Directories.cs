using System;
using FuseGen;
using MirrorFs;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>
/// Directories: an open descriptor per opendir (<see cref="OpenDirectory"/>), listed statefully with the source's
/// <c>d_off</c> cookies so that huge directories page; readdirplus answers each entry with its node and attributes.
/// </summary>
internal sealed unsafe partial class InodeMirrorFs
{
    [Opendir]
    private static OpenDirectory OpenDir(SourceNode node)
    {
        var dot = stackalloc byte[] { (byte)'.', 0 };
        var fd = LibC.openat(node.Descriptor, dot, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        return fd >= 0 ? new OpenDirectory(fd) : throw new FuseException(LibC.LastErrno);
    }

    [Readdir]
    private void ReadDir(SourceNode node, OpenDirectory directory, ref InodeDirectoryFiller entries) => List(directory, ref entries);

    /// <summary>The same listing with every entry's node and attributes (each counts a lookup): no lookup per entry follows.</summary>
    [Readdirplus]
    private void ReadDirPlus(SourceNode node, OpenDirectory directory, ref InodeDirectoryFiller entries) => List(directory, ref entries);

    [Releasedir]
    private static void ReleaseDir(SourceNode node, OpenDirectory directory) => directory.Dispose();

    [Fsyncdir]
    private static Errno FsyncDir(SourceNode node, OpenDirectory directory, bool dataOnly) =>
        LibC.Check(dataOnly ? LibC.fdatasync(directory.Descriptor) : LibC.fsync(directory.Descriptor));

    /// <summary>
    /// Hands out entries from the filler's offset on, each with the source's <c>d_off</c> as the offset to resume
    /// after it, until the kernel's buffer is full; the entry that did not fit is handed out first next time.
    /// </summary>
    private void List(OpenDirectory directory, ref InodeDirectoryFiller entries)
    {
        lock (directory.Gate)
        {
            var offset = entries.Offset;
            if (offset != directory.Position || directory.Descriptor < 0)
            {
                Throw(directory.Seek(offset));
            }

            while (true)
            {
                if (directory.Consumed >= directory.Filled)
                {
                    var read = directory.Refill();
                    if (read <= 0)
                    {
                        Throw((Errno)(-read));
                        return;
                    }
                }

                var entry = directory.Peek();
                if (!Add(ref entries, directory, in entry))
                {
                    return;
                }

                directory.Consumed += entry.RecordLength;
                directory.Position = entry.NextCookie;
            }
        }
    }

    /// <summary>
    /// Adds one entry. In readdirplus every name but "." and ".." is looked up relative to the open directory, as
    /// a lookup would be (the table counts the kernel's reference, and gives it back if the entry does not fit); an
    /// entry gone by then is listed by number and type only. Otherwise number and type are all the kernel takes.
    /// </summary>
    private bool Add(ref InodeDirectoryFiller entries, OpenDirectory directory, in DirectoryEntry entry)
    {
        if (entries.IsPlus && !IsDot(entry.Name))
        {
            fixed (byte* name = entry.Name)
            {
                // The name is NUL-terminated in the getdents buffer.
                if (Find(directory.Descriptor, name, out var found) == Errno.None)
                {
                    return entries.Add(entry.Name, in found, entry.NextCookie);
                }
            }
        }

        return entries.Add(entry.Name, entry.Inode, (FileType)(entry.Type << 12), entry.NextCookie);
    }

    private static bool IsDot(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && name[0] == '.') || (name.Length == 2 && name[0] == '.' && name[1] == '.');

    private static void Throw(Errno error)
    {
        if (error != Errno.None)
        {
            throw new FuseException(error);
        }
    }
}

using System;
using FuseGen;
using MemFs.Handles;
using MemFs.Nodes;

namespace InodeMemFs;

/// <summary>Listings: opendir, readdir, readdirplus (each entry's offset is its cookie), releasedir, fsyncdir.</summary>
public sealed partial class InodeMemFs
{
    /// <summary>The offsets after "." and "..": real entries start at <see cref="DirectoryEntries.FirstCookie"/>.</summary>
    private const long AfterDot = 1;
    private const long AfterDotDot = 2;

    [Opendir]
    private DirectoryHandle OpenDir(Node node) =>
        node is DirectoryNode directory ? new DirectoryHandle(directory) : throw new FuseException(Errno.ENOTDIR);

    [Readdir]
    private void ReadDir(Node node, DirectoryHandle directory, ref InodeDirectoryFiller entries) => List(directory.Directory, ref entries);

    /// <summary>The same listing with every entry's attributes: the kernel needs no lookup per entry.</summary>
    [Readdirplus]
    private void ReadDirPlus(Node node, DirectoryHandle directory, ref InodeDirectoryFiller entries) => List(directory.Directory, ref entries);

    [Releasedir]
    private static void ReleaseDir(Node node, DirectoryHandle directory)
    {
    }

    [Fsyncdir]
    private static Errno FsyncDir(Node node, DirectoryHandle directory, bool dataOnly) => Errno.None;

    /// <summary>
    /// Lists from the filler's offset: 0 starts with ".", 1 resumes at "..", any other value is the cookie of the last
    /// entry returned. Stops when the kernel's buffer is full; the kernel asks again from there.
    /// </summary>
    private void List(DirectoryNode directory, ref InodeDirectoryFiller entries)
    {
        lock (gate)
        {
            var offset = entries.Offset;
            if ((offset < AfterDot && !entries.Add("."u8, EntryOf(directory), AfterDot)) ||
                (offset < AfterDotDot && !entries.Add(".."u8, EntryOf(directory.Parent), AfterDotDot)))
            {
                return;
            }

            var stat = default(Stat);
            foreach (var entry in directory.Entries.After(Math.Max(offset, DirectoryEntries.FirstCookie - 1)))
            {
                entry.Node.Describe(ref stat);
                var added = entries.IsPlus
                    ? entries.Add(entry.Name.Span, new InodeEntry(entry.Node, in stat), entry.Cookie)
                    : entries.Add(entry.Name.Span, stat.Inode, stat.Type, entry.Cookie);
                if (!added)
                {
                    return;
                }
            }

            directory.Accessed(TimeSpec.UtcNow);
        }
    }
}

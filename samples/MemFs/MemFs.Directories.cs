using System;
using System.IO;
using FuseGen;
using MemFs.Handles;
using MemFs.Nodes;

namespace MemFs;

/// <summary>Directories: mkdir, rmdir and listings (stateful: each entry's offset is its cookie).</summary>
public sealed partial class MemFs
{
    [Mkdir]
    private Errno Mkdir(ReadOnlySpan<byte> path, UnixFileMode mode, FuseContext caller)
    {
        lock (gate)
        {
            var parent = ResolveFree(path, out var name);
            var (uid, gid, permissions) = Ownership.ForNewNode(parent, caller, FileType.Directory, mode);
            var now = TimeSpec.UtcNow;
            AddEntry(parent, name, new DirectoryNode(AllocateInode(), permissions, uid, gid, now, parent), now);
            return Errno.None;
        }
    }

    [Rmdir]
    private Errno Rmdir(ReadOnlySpan<byte> path, FuseContext caller)
    {
        lock (gate)
        {
            var parent = ResolveParent(path, out var name);
            var node = parent.Entries.Find(name) ?? throw new FuseException(Errno.ENOENT);
            if (node is not DirectoryNode directory)
            {
                return Errno.ENOTDIR;
            }

            if (directory.Entries.Count > 0)
            {
                return Errno.ENOTEMPTY;
            }

            Unlinked(parent, directory, NodeMoves.Remove(parent, name, directory, caller));
            return Errno.None;
        }
    }

    [Opendir]
    private DirectoryHandle OpenDir(ReadOnlySpan<byte> path)
    {
        lock (gate)
        {
            return Resolve(path) is DirectoryNode directory ? new DirectoryHandle(directory) : throw new FuseException(Errno.ENOTDIR);
        }
    }

    /// <summary>
    /// Lists from <paramref name="offset"/>: 0 starts with ".", 1 resumes at "..", and any other value is the cookie
    /// of the last entry returned. Stops when the kernel's buffer is full; the kernel asks again from there.
    /// </summary>
    [Readdir]
    private Errno ReadDir(ref DirectoryFiller entries, long offset, DirectoryHandle directory)
    {
        lock (gate)
        {
            var node = directory.Directory;
            if ((offset < 1 && !entries.Add("."u8, 1)) || (offset < 2 && !entries.Add(".."u8, 2)))
            {
                return Errno.None;
            }

            var stat = default(Stat);
            foreach (var entry in node.Entries.After(Math.Max(offset, DirectoryEntries.FirstCookie - 1)))
            {
                entry.Node.Describe(ref stat);
                if (!entries.Add(entry.Name.Span, in stat, entry.Cookie))
                {
                    break;
                }
            }

            node.Accessed(TimeSpec.UtcNow);
            return Errno.None;
        }
    }

    [Releasedir]
    private static Errno ReleaseDir(DirectoryHandle directory) => Errno.None;

    [Fsyncdir]
    private static Errno FsyncDir(bool dataOnly) => Errno.None;
}

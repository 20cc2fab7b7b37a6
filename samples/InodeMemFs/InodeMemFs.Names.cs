using System;
using System.IO;
using FuseGen;
using MemFs;
using MemFs.Nodes;

namespace InodeMemFs;

/// <summary>Names: mknod, mkdir, symlink, readlink, link, unlink, rmdir, rename.</summary>
public sealed partial class InodeMemFs
{
    [Mknod]
    private Errno Mknod(Node parent, ReadOnlySpan<byte> name, FileType type, UnixFileMode mode, ulong device, FuseContext caller, ref InodeEntry entry)
    {
        lock (gate)
        {
            var directory = FreeName(parent, name);
            var (uid, gid, permissions) = Ownership.ForNewNode(directory, caller, type, mode);
            var now = TimeSpec.UtcNow;
            LinkedNode node = type switch
            {
                FileType.Regular or FileType.None => new FileNode(AllocateInode(), permissions, uid, gid, now, capacity),
                FileType.Fifo or FileType.Socket or FileType.CharacterDevice or FileType.BlockDevice => new SpecialNode(AllocateInode(), type, permissions, device, uid, gid, now),
                _ => throw new FuseException(Errno.EINVAL),
            };
            entry = AddEntry(directory, name, node, now);
            return Errno.None;
        }
    }

    [Mkdir]
    private Errno Mkdir(Node parent, ReadOnlySpan<byte> name, UnixFileMode mode, FuseContext caller, ref InodeEntry entry)
    {
        lock (gate)
        {
            var directory = FreeName(parent, name);
            var (uid, gid, permissions) = Ownership.ForNewNode(directory, caller, FileType.Directory, mode);
            var now = TimeSpec.UtcNow;
            entry = AddEntry(directory, name, new DirectoryNode(AllocateInode(), permissions, uid, gid, now, directory), now);
            return Errno.None;
        }
    }

    [Symlink]
    private Errno Symlink(Node parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, FuseContext caller, ref InodeEntry entry)
    {
        lock (gate)
        {
            var directory = FreeName(parent, name);
            var (uid, gid, _) = Ownership.ForNewNode(directory, caller, FileType.SymbolicLink, default);
            var now = TimeSpec.UtcNow;
            entry = AddEntry(directory, name, new SymlinkNode(AllocateInode(), target, uid, gid, now), now);
            return Errno.None;
        }
    }

    [Readlink]
    private ReadOnlySpan<byte> Readlink(Node node) =>
        node is SymlinkNode link ? link.Target : throw new FuseException(Errno.EINVAL);

    [Link]
    private Errno Link(Node node, Node newParent, ReadOnlySpan<byte> newName, ref InodeEntry entry)
    {
        lock (gate)
        {
            if (node is not LinkedNode linked)
            {
                return Errno.EPERM; // no hard links to directories
            }

            if (linked.Links == 0)
            {
                return Errno.ENOENT; // unlinked: as linkat(2) of a removed file
            }

            var directory = FreeName(newParent, newName);
            var now = TimeSpec.UtcNow;
            linked.AddLink();
            linked.ChangeTime = now;
            entry = AddEntry(directory, newName, linked, now);
            return Errno.None;
        }
    }

    /// <summary>Removes a name; the node lives on while open (its storage) and while the kernel holds its inode (the node).</summary>
    [Unlink]
    private Errno Unlink(Node parent, ReadOnlySpan<byte> name, FuseContext caller)
    {
        lock (gate)
        {
            var directory = ExistingName(parent, name, out var node);
            if (node is DirectoryNode)
            {
                return Errno.EISDIR;
            }

            Unlinked(directory, node, NodeMoves.Remove(directory, name, node, caller));
            return Errno.None;
        }
    }

    [Rmdir]
    private Errno Rmdir(Node parent, ReadOnlySpan<byte> name, FuseContext caller)
    {
        lock (gate)
        {
            var directory = ExistingName(parent, name, out var node);
            if (node is not DirectoryNode removed)
            {
                return Errno.ENOTDIR;
            }

            if (removed.Entries.Count > 0)
            {
                return Errno.ENOTEMPTY;
            }

            Unlinked(directory, removed, NodeMoves.Remove(directory, name, removed, caller));
            return Errno.None;
        }
    }

    /// <summary>rename and renameat2: RENAME_NOREPLACE and RENAME_EXCHANGE are supported, other flags are EINVAL.</summary>
    [Rename]
    private Errno Rename(Node parent, ReadOnlySpan<byte> name, Node newParent, ReadOnlySpan<byte> newName, RenameFlags flags, FuseContext caller)
    {
        if ((flags & ~(RenameFlags.NoReplace | RenameFlags.Exchange)) != 0 || flags == (RenameFlags.NoReplace | RenameFlags.Exchange))
        {
            return Errno.EINVAL;
        }

        if (newName.Length > NodeName.MaxLength)
        {
            return Errno.ENAMETOOLONG;
        }

        lock (gate)
        {
            var fromParent = ExistingName(parent, name, out var source);
            var toParent = newParent as DirectoryNode ?? throw new FuseException(Errno.ENOTDIR);
            var target = toParent.Entries.Find(newName);
            if (flags == RenameFlags.Exchange)
            {
                return NodeMoves.Exchange(fromParent, name, source, toParent, newName, target ?? throw new FuseException(Errno.ENOENT), caller);
            }

            if (target is not null && flags == RenameFlags.NoReplace)
            {
                return Errno.EEXIST;
            }

            var status = NodeMoves.Move(fromParent, name, source, toParent, newName, target, caller, out var now);
            if (status == Errno.None && target is not null && target != source)
            {
                Unlinked(toParent, target, now);
            }

            return status;
        }
    }

    /// <summary>The directory <paramref name="parent"/>, for a new entry <paramref name="name"/>: EEXIST if taken.</summary>
    private static DirectoryNode FreeName(Node parent, ReadOnlySpan<byte> name)
    {
        if (name.Length > NodeName.MaxLength)
        {
            throw new FuseException(Errno.ENAMETOOLONG);
        }

        var directory = parent as DirectoryNode ?? throw new FuseException(Errno.ENOTDIR);
        if (directory.Entries.Find(name) is not null)
        {
            throw new FuseException(Errno.EEXIST);
        }

        if (directory.IsRemoved)
        {
            throw new FuseException(Errno.ENOENT);
        }

        return directory;
    }

    /// <summary>The directory <paramref name="parent"/> and the node its entry <paramref name="name"/> names: ENOENT if none.</summary>
    private static DirectoryNode ExistingName(Node parent, ReadOnlySpan<byte> name, out Node node)
    {
        var directory = parent as DirectoryNode ?? throw new FuseException(Errno.ENOTDIR);
        node = directory.Entries.Find(name) ?? throw new FuseException(Errno.ENOENT);
        return directory;
    }

    /// <summary>Enters a new node in <paramref name="parent"/> and answers its entry.</summary>
    private static InodeEntry AddEntry(DirectoryNode parent, ReadOnlySpan<byte> name, Node node, TimeSpec now)
    {
        NodeMoves.AddEntry(parent, name, node, now);
        return EntryOf(node);
    }

    /// <summary>A node lost the name it had in <paramref name="parent"/> (entry removed or replaced by rename).</summary>
    private void Unlinked(DirectoryNode parent, Node node, TimeSpec now)
    {
        NodeMoves.Unlinked(parent, node, now);
        FreeIfUnused(node);
    }
}

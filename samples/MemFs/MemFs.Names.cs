using System;
using System.IO;
using FuseGen;
using MemFs.Nodes;

namespace MemFs;

/// <summary>Names: mknod, symlink, readlink, link, unlink, rename.</summary>
public sealed partial class MemFs
{
    [Mknod]
    private Errno Mknod(ReadOnlySpan<byte> path, FileType type, UnixFileMode mode, ulong device, FuseContext caller)
    {
        lock (gate)
        {
            var parent = ResolveFree(path, out var name);
            var (uid, gid, permissions) = Ownership.ForNewNode(parent, caller, type, mode);
            var now = TimeSpec.UtcNow;
            LinkedNode node = type switch
            {
                FileType.Regular or FileType.None => new FileNode(AllocateInode(), permissions, uid, gid, now, capacity),
                FileType.Fifo or FileType.Socket or FileType.CharacterDevice or FileType.BlockDevice => new SpecialNode(AllocateInode(), type, permissions, device, uid, gid, now),
                _ => throw new FuseException(Errno.EINVAL),
            };
            AddEntry(parent, name, node, now);
            return Errno.None;
        }
    }

    [Symlink]
    private Errno Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> path, FuseContext caller)
    {
        lock (gate)
        {
            var parent = ResolveFree(path, out var name);
            var (uid, gid, _) = Ownership.ForNewNode(parent, caller, FileType.SymbolicLink, default);
            var now = TimeSpec.UtcNow;
            AddEntry(parent, name, new SymlinkNode(AllocateInode(), target, uid, gid, now), now);
            return Errno.None;
        }
    }

    [Readlink]
    private ReadOnlySpan<byte> Readlink(ReadOnlySpan<byte> path)
    {
        lock (gate)
        {
            return Resolve(path) is SymlinkNode link ? link.Target : throw new FuseException(Errno.EINVAL);
        }
    }

    [Link]
    private Errno Link(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath)
    {
        lock (gate)
        {
            if (Resolve(path) is not LinkedNode node)
            {
                throw new FuseException(Errno.EPERM); // no hard links to directories
            }

            var parent = ResolveFree(newPath, out var name);
            var now = TimeSpec.UtcNow;
            node.AddLink();
            node.ChangeTime = now;
            AddEntry(parent, name, node, now);
            return Errno.None;
        }
    }

    [Unlink]
    private Errno Unlink(ReadOnlySpan<byte> path, FuseContext caller)
    {
        lock (gate)
        {
            var parent = ResolveParent(path, out var name);
            var node = parent.Entries.Find(name) ?? throw new FuseException(Errno.ENOENT);
            if (node is DirectoryNode)
            {
                throw new FuseException(Errno.EISDIR);
            }

            if (parent.Entries.IsHidden(name))
            {
                // libfuse's unlink at the last close of a file unlinked while open: the name went when it was hidden.
                parent.Entries.Remove(name);
                FreeIfUnused(node);
                return Errno.None;
            }

            Unlinked(parent, node, NodeMoves.Remove(parent, name, node, caller));
            return Errno.None;
        }
    }

    /// <summary>rename and renameat2: RENAME_NOREPLACE and RENAME_EXCHANGE are supported, other flags are EINVAL.</summary>
    [Rename]
    private Errno Rename(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath, RenameFlags flags, FuseContext caller)
    {
        if ((flags & ~(RenameFlags.NoReplace | RenameFlags.Exchange)) != 0 || flags == (RenameFlags.NoReplace | RenameFlags.Exchange))
        {
            return Errno.EINVAL;
        }

        lock (gate)
        {
            var fromParent = ResolveParent(path, out var fromName);
            var toParent = ResolveParent(newPath, out var toName);
            var source = fromParent.Entries.Find(fromName) ?? throw new FuseException(Errno.ENOENT);
            var target = toParent.Entries.Find(toName);

            if (flags == RenameFlags.Exchange)
            {
                return NodeMoves.Exchange(fromParent, fromName, source, toParent, toName, target ?? throw new FuseException(Errno.ENOENT), caller);
            }

            if (target is not null && flags == RenameFlags.NoReplace)
            {
                return Errno.EEXIST;
            }

            if (target is null && flags == RenameFlags.None && fromParent == toParent && DirectoryEntries.IsHiddenName(toName) && source is not DirectoryNode)
            {
                return Hide(fromParent, fromName, toName, source, caller);
            }

            var status = NodeMoves.Move(fromParent, fromName, source, toParent, toName, target, caller, out var now);
            if (status == Errno.None && target is not null && target != source)
            {
                Unlinked(toParent, target, now);
            }

            return status;
        }
    }

    /// <summary>
    /// libfuse unlinking a file that is still open: it renames it to a hidden name it keeps using until the last
    /// close, then unlinks that. For everyone else the file is unlinked now: its link count drops, the name is no
    /// longer listed and its directory may be removed.
    /// </summary>
    private Errno Hide(DirectoryNode parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> hiddenName, Node node, FuseContext caller)
    {
        Ownership.CheckSticky(parent, node, caller);
        var now = TimeSpec.UtcNow;
        parent.Entries.Remove(name);
        parent.Entries.AddHidden(hiddenName, node);
        parent.Modified(now);
        Unlinked(parent, node, now);
        return Errno.None;
    }

    /// <summary>The directory for a new entry at <paramref name="path"/>; EEXIST if the name is taken.</summary>
    private DirectoryNode ResolveFree(ReadOnlySpan<byte> path, out ReadOnlySpan<byte> name)
    {
        var parent = ResolveParent(path, out name);
        if (parent.Entries.Find(name) is not null)
        {
            throw new FuseException(Errno.EEXIST);
        }

        if (parent.IsRemoved)
        {
            throw new FuseException(Errno.ENOENT);
        }

        return parent;
    }

    /// <summary>Enters a new node in <paramref name="parent"/>.</summary>
    private static void AddEntry(DirectoryNode parent, ReadOnlySpan<byte> name, Node node, TimeSpec now) => NodeMoves.AddEntry(parent, name, node, now);

    /// <summary>A node lost the name it had in <paramref name="parent"/> (entry removed or replaced by rename).</summary>
    private void Unlinked(DirectoryNode parent, Node node, TimeSpec now)
    {
        NodeMoves.Unlinked(parent, node, now);
        if (node is DirectoryNode directory)
        {
            foreach (var orphan in directory.Entries.RemoveHidden())
            {
                FreeIfUnused(orphan); // unlinked while open: their handles keep them
            }
        }

        FreeIfUnused(node);
    }
}

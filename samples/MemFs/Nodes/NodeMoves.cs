using System;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>
/// Entries made, moved and removed: the tree's rules for link counts, subdirectory counts, ".." and times, the same
/// whether a name comes as a path (MemFs) or as a parent node and a name (InodeMemFs). Storage is the caller's: it
/// frees a node that lost its last name once nothing else holds it.
/// </summary>
internal static class NodeMoves
{
    /// <summary>Enters a new node in <paramref name="parent"/>.</summary>
    public static void AddEntry(DirectoryNode parent, ReadOnlySpan<byte> name, Node node, TimeSpec now)
    {
        parent.Entries.Add(name, node);
        if (node is DirectoryNode)
        {
            parent.Subdirectories++;
        }

        parent.Modified(now);
    }

    /// <summary>
    /// unlink and rmdir (the caller checked the node's type): removes the entry, subject to the sticky bit, and
    /// returns the time of the change for the caller to complete the unlink with (<see cref="Unlinked"/>, storage).
    /// </summary>
    public static TimeSpec Remove(DirectoryNode parent, ReadOnlySpan<byte> name, Node node, FuseContext caller)
    {
        Ownership.CheckSticky(parent, node, caller);
        var now = TimeSpec.UtcNow;
        parent.Entries.Remove(name);
        parent.Modified(now);
        return now;
    }

    /// <summary>A node lost the name it had in <paramref name="parent"/> (entry removed or replaced by rename).</summary>
    public static void Unlinked(DirectoryNode parent, Node node, TimeSpec now)
    {
        if (node is DirectoryNode directory)
        {
            directory.IsRemoved = true;
            parent.Subdirectories--;
        }
        else
        {
            ((LinkedNode)node).RemoveLink();
        }

        node.ChangeTime = now;
    }

    /// <summary>
    /// rename without flags or with RENAME_NOREPLACE (the caller checked it): moves <paramref name="source"/> to
    /// <paramref name="toName"/>, replacing <paramref name="target"/> if there is one. On success with a target other
    /// than the source, the caller completes the target's unlink (<see cref="Unlinked"/>, then its storage).
    /// </summary>
    public static Errno Move(DirectoryNode fromParent, ReadOnlySpan<byte> fromName, Node source, DirectoryNode toParent, ReadOnlySpan<byte> toName, Node? target, FuseContext caller, out TimeSpec now)
    {
        now = TimeSpec.UtcNow;
        if (source is DirectoryNode movedDirectory && toParent.IsWithin(movedDirectory))
        {
            return Errno.EINVAL; // into itself or its own subtree
        }

        if (target == source)
        {
            return Errno.None; // two names of one file (or the same name): POSIX says do nothing
        }

        Ownership.CheckSticky(fromParent, source, caller);
        if (target is not null)
        {
            Ownership.CheckSticky(toParent, target, caller);
            switch (source, target)
            {
                case (DirectoryNode, not DirectoryNode):
                    return Errno.ENOTDIR;
                case (not DirectoryNode, DirectoryNode):
                    return Errno.EISDIR;
                case (_, DirectoryNode { Entries.Count: > 0 }):
                    return Errno.ENOTEMPTY;
            }

            toParent.Entries.Replace(toName, source);
        }
        else
        {
            toParent.Entries.Add(toName, source);
        }

        fromParent.Entries.Remove(fromName);
        if (source is DirectoryNode directory)
        {
            fromParent.Subdirectories--;
            toParent.Subdirectories++;
            directory.Parent = toParent;
        }

        source.ChangeTime = now;
        fromParent.Modified(now);
        toParent.Modified(now);
        return Errno.None;
    }

    /// <summary>RENAME_EXCHANGE: both names stay, their nodes swap places.</summary>
    public static Errno Exchange(DirectoryNode fromParent, ReadOnlySpan<byte> fromName, Node source, DirectoryNode toParent, ReadOnlySpan<byte> toName, Node target, FuseContext caller)
    {
        if ((source is DirectoryNode sourceDirectory && toParent.IsWithin(sourceDirectory)) ||
            (target is DirectoryNode targetDirectory && fromParent.IsWithin(targetDirectory)))
        {
            return Errno.EINVAL;
        }

        if (source == target)
        {
            return Errno.None;
        }

        Ownership.CheckSticky(fromParent, source, caller);
        Ownership.CheckSticky(toParent, target, caller);
        fromParent.Entries.Replace(fromName, target);
        toParent.Entries.Replace(toName, source);
        Move(source, fromParent, toParent);
        Move(target, toParent, fromParent);

        var now = TimeSpec.UtcNow;
        source.ChangeTime = now;
        target.ChangeTime = now;
        fromParent.Modified(now);
        toParent.Modified(now);
        return Errno.None;

        static void Move(Node node, DirectoryNode from, DirectoryNode to)
        {
            if (node is DirectoryNode directory)
            {
                from.Subdirectories--;
                to.Subdirectories++;
                directory.Parent = to;
            }
        }
    }
}

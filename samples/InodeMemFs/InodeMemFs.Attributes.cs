using System;
using System.IO;
using FuseGen;
using MemFs;
using MemFs.Handles;
using MemFs.Nodes;

namespace InodeMemFs;

/// <summary>Lookup and attributes: lookup, getattr, setattr (chmod, chown, truncate, utimens), access.</summary>
public sealed partial class InodeMemFs
{
    [Lookup]
    private Errno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        if (name.Length > NodeName.MaxLength)
        {
            return Errno.ENAMETOOLONG;
        }

        lock (gate)
        {
            if (parent is not DirectoryNode directory)
            {
                return Errno.ENOTDIR;
            }

            var node = directory.Entries.Find(name);
            if (node is null)
            {
                return Errno.ENOENT;
            }

            entry = EntryOf(node);
            return Errno.None;
        }
    }

    [Getattr]
    private Errno GetAttr(Node node, ref Stat stat)
    {
        lock (gate)
        {
            node.Describe(ref stat);
            return Errno.None;
        }
    }

    /// <summary>
    /// chmod, chown, truncate and utimens in one request; the handle is the open file's for ftruncate and fchmod.
    /// The same rules as MemFs's separate operations (<see cref="Ownership"/>), checked before anything changes.
    /// </summary>
    [Setattr]
    private Errno SetAttr(Node node, AttributeChanges changes, NodeHandle? handle, FuseContext caller, ref Stat stat)
    {
        lock (gate)
        {
            if (changes.Permissions is { } mode)
            {
                Ownership.CheckChmod(node, mode, caller);
            }

            if (changes.Uid is not null || changes.Gid is not null)
            {
                Ownership.CheckChown(node, changes.Uid ?? uint.MaxValue, changes.Gid ?? uint.MaxValue, caller);
            }

            var accessTime = changes.AccessTime;
            var modificationTime = changes.ModificationTime;
            Ownership.CheckSetTimes(node, accessTime, modificationTime, caller);
            if (changes.Size is { } size)
            {
                Resize(node, size, caller);
            }

            var now = TimeSpec.UtcNow;
            if (changes.Permissions is { } permissions)
            {
                node.Permissions = permissions;
            }

            if (changes.Uid is not null || changes.Gid is not null)
            {
                var callerInGroup = Ownership.IsRoot(caller) || caller.Gid == node.Gid;
                node.Uid = changes.Uid ?? node.Uid;
                node.Gid = changes.Gid ?? node.Gid;

                // As on Linux, whoever calls: a new owner must not inherit the old one's privileges.
                node.DropPrivileges(callerInGroup);
            }

            if (changes.Has(ChangedAttributes.KillSuid))
            {
                node.Permissions &= ~UnixFileMode.SetUser;
            }

            if (changes.Has(ChangedAttributes.KillSgid))
            {
                node.Permissions &= ~UnixFileMode.SetGroup;
            }

            if (!accessTime.IsOmit)
            {
                node.AccessTime = accessTime.IsNow ? now : accessTime;
            }

            if (!modificationTime.IsOmit)
            {
                node.ModificationTime = modificationTime.IsNow ? now : modificationTime;
            }

            if (!changes.IsEmpty)
            {
                node.ChangeTime = changes.ChangeTime ?? now;
            }

            node.Describe(ref stat);
            return Errno.None;
        }
    }

    /// <summary>Only called without default_permissions (then the kernel asks before access() and chdir()).</summary>
    [Access]
    private Errno Access(Node node, AccessMode mode, FuseContext caller)
    {
        lock (gate)
        {
            return Ownership.MayAccess(node, mode, caller) ? Errno.None : Errno.EACCES;
        }
    }

    /// <summary>truncate and ftruncate: times change only when the size does (the kernel sends a time change too when it wants one).</summary>
    private static void Resize(Node node, long length, FuseContext caller)
    {
        var file = node switch
        {
            FileNode regular => regular,
            DirectoryNode => throw new FuseException(Errno.EISDIR),
            _ => throw new FuseException(Errno.EINVAL),
        };
        if (length < 0)
        {
            throw new FuseException(Errno.EINVAL);
        }

        if (length != file.Data.Length)
        {
            file.Data.SetLength(length);
            file.Modified(TimeSpec.UtcNow);
        }

        Ownership.AfterWrite(file, caller);
    }
}

using System.IO;
using FuseGen;
using MemFs.Nodes;

namespace MemFs;

/// <summary>
/// The POSIX ownership rules the filesystem enforces itself. With default_permissions the kernel checks the mode bits
/// of every access (and, on Linux, most of these rules too); these checks keep the filesystem correct on its own.
/// </summary>
/// <remarks>
/// A request carries the caller's uid, primary gid and umask, not its supplementary groups. Where a rule depends on
/// group membership (chgrp to a group the owner belongs to, utimens to "now" by a writer) the kernel's check, made
/// with the full group list, is the one that counts, and these rules do not second-guess it.
/// </remarks>
internal static class Ownership
{
    private const UnixFileMode SetIds = UnixFileMode.SetUser | UnixFileMode.SetGroup;

    public static bool IsRoot(FuseContext caller) => caller.Uid == 0;

    /// <summary>
    /// After a write, truncate or fallocate by anyone but root, setuid and setgid go (see
    /// <see cref="Node.DropPrivileges"/>); group membership is judged by the caller's primary group.
    /// </summary>
    public static void AfterWrite(Node node, FuseContext caller)
    {
        if (!IsRoot(caller))
        {
            node.DropPrivileges(caller.Gid == node.Gid);
        }
    }

    /// <summary>chmod: only the owner or root.</summary>
    /// <remarks>
    /// One exception: anyone may clear setuid/setgid and change nothing else. Without FUSE_CAP_HANDLE_KILLPRIV the
    /// kernel clears them itself after a write or truncate by a non-owner, with a chmod sent as that caller.
    /// </remarks>
    public static void CheckChmod(Node node, UnixFileMode mode, FuseContext caller)
    {
        var onlyDropsIds = (mode & ~SetIds) == (node.Permissions & ~SetIds) && (mode & SetIds & ~node.Permissions) == 0;
        if (!IsRoot(caller) && caller.Uid != node.Uid && !onlyDropsIds)
        {
            throw new FuseException(Errno.EPERM);
        }
    }

    /// <summary>chown: root changes anything; the owner may only change the group (uint.MaxValue: unchanged).</summary>
    public static void CheckChown(Node node, uint uid, uint gid, FuseContext caller)
    {
        if (IsRoot(caller))
        {
            return;
        }

        var changesOwner = uid != uint.MaxValue && uid != node.Uid;
        var changesGroup = gid != uint.MaxValue && gid != node.Gid;
        if (changesOwner || (changesGroup && caller.Uid != node.Uid))
        {
            throw new FuseException(Errno.EPERM);
        }
    }

    /// <summary>utimens with explicit times: only the owner or root ("now" needs write access, which the kernel checks).</summary>
    public static void CheckSetTimes(Node node, TimeSpec accessTime, TimeSpec modificationTime, FuseContext caller)
    {
        var explicitTime = !(accessTime.IsNow || accessTime.IsOmit) || !(modificationTime.IsNow || modificationTime.IsOmit);
        if (explicitTime && !IsRoot(caller) && caller.Uid != node.Uid)
        {
            throw new FuseException(Errno.EPERM);
        }
    }

    /// <summary>
    /// Removing or renaming an entry of a sticky directory (like /tmp): only the entry's owner, the directory's owner
    /// or root.
    /// </summary>
    public static void CheckSticky(DirectoryNode directory, Node entry, FuseContext caller)
    {
        if ((directory.Permissions & UnixFileMode.StickyBit) != 0 && !IsRoot(caller) && caller.Uid != entry.Uid && caller.Uid != directory.Uid)
        {
            throw new FuseException(Errno.EPERM);
        }
    }

    /// <summary>
    /// Owner of a new node: the caller, with the directory's group if the directory is setgid (then new directories
    /// are setgid too). A non-root caller cannot create a setgid file for a group other than its own.
    /// </summary>
    public static (uint Uid, uint Gid, UnixFileMode Mode) ForNewNode(DirectoryNode parent, FuseContext caller, FileType type, UnixFileMode mode)
    {
        var gid = caller.Gid;
        if ((parent.Permissions & UnixFileMode.SetGroup) != 0)
        {
            gid = parent.Gid;
            if (type == FileType.Directory)
            {
                mode |= UnixFileMode.SetGroup;
            }
        }

        if (type != FileType.Directory && (mode & UnixFileMode.SetGroup) != 0 && !IsRoot(caller) && gid != caller.Gid)
        {
            mode &= ~UnixFileMode.SetGroup;
        }

        return (caller.Uid, gid, mode);
    }

    /// <summary>access(): the mode bits of the caller's class; root may read and write anything, and execute what anyone may.</summary>
    public static bool MayAccess(Node node, AccessMode wanted, FuseContext caller)
    {
        var permissions = (int)node.Permissions;
        if (IsRoot(caller))
        {
            return (wanted & AccessMode.Execute) == 0 || node.Type == FileType.Directory || (permissions & 0x49) != 0;
        }

        var granted = caller.Uid == node.Uid ? permissions >> 6 : caller.Gid == node.Gid ? permissions >> 3 : permissions;
        return ((int)wanted & ~granted & 7) == 0;
    }
}

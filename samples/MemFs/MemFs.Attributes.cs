using System;
using System.IO;
using FuseGen;
using MemFs.Handles;

namespace MemFs;

/// <summary>Attributes: stat, chmod, chown, utimens, access.</summary>
public sealed partial class MemFs
{
    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat, NodeHandle? handle)
    {
        lock (gate)
        {
            Resolve(path, handle).Describe(ref stat);
            if (IsHiddenPath(path))
            {
                // libfuse subtracts the hidden name it still holds from the link count; it no longer counts here.
                stat.Links++;
            }

            return Errno.None;
        }
    }

    [Chmod]
    private Errno Chmod(ReadOnlySpan<byte> path, UnixFileMode mode, NodeHandle? handle, FuseContext caller)
    {
        lock (gate)
        {
            var node = Resolve(path, handle);
            Ownership.CheckChmod(node, mode, caller);
            node.Permissions = mode;
            node.ChangeTime = TimeSpec.UtcNow;
            return Errno.None;
        }
    }

    [Chown]
    private Errno Chown(ReadOnlySpan<byte> path, uint uid, uint gid, NodeHandle? handle, FuseContext caller)
    {
        lock (gate)
        {
            var node = Resolve(path, handle);
            Ownership.CheckChown(node, uid, gid, caller);
            var callerInGroup = Ownership.IsRoot(caller) || caller.Gid == node.Gid;
            if (uid != uint.MaxValue)
            {
                node.Uid = uid;
            }

            if (gid != uint.MaxValue)
            {
                node.Gid = gid;
            }

            if (uid != uint.MaxValue || gid != uint.MaxValue)
            {
                // As on Linux, whoever calls: a new owner must not inherit the old one's privileges.
                node.DropPrivileges(callerInGroup);
            }

            node.ChangeTime = TimeSpec.UtcNow;
            return Errno.None;
        }
    }

    [Utimens]
    private Errno Utimens(ReadOnlySpan<byte> path, TimeSpec accessTime, TimeSpec modificationTime, NodeHandle? handle, FuseContext caller)
    {
        lock (gate)
        {
            var node = Resolve(path, handle);
            Ownership.CheckSetTimes(node, accessTime, modificationTime, caller);
            if (accessTime.IsOmit && modificationTime.IsOmit)
            {
                return Errno.None;
            }

            var now = TimeSpec.UtcNow;
            if (!accessTime.IsOmit)
            {
                node.AccessTime = accessTime.IsNow ? now : accessTime;
            }

            if (!modificationTime.IsOmit)
            {
                node.ModificationTime = modificationTime.IsNow ? now : modificationTime;
            }

            node.ChangeTime = now;
            return Errno.None;
        }
    }

    /// <summary>Only called without default_permissions (then the kernel asks before access() and chdir()).</summary>
    [Access]
    private Errno Access(ReadOnlySpan<byte> path, AccessMode mode, FuseContext caller)
    {
        lock (gate)
        {
            return Ownership.MayAccess(Resolve(path), mode, caller) ? Errno.None : Errno.EACCES;
        }
    }
}

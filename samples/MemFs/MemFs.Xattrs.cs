using System;
using FuseGen;

namespace MemFs;

/// <summary>
/// Extended attributes. The kernel checks names, sizes and permissions (user.* only on files and directories, and
/// only with write access; trusted.* only for root); FuseGen answers size probes and ERANGE.
/// </summary>
/// <remarks>
/// system.* names are refused with EOPNOTSUPP: without FUSE_CAP_POSIX_ACL this filesystem has no ACLs, and storing
/// system.posix_acl_* as opaque bytes would pretend otherwise (cp -a and rsync -A then skip ACLs, as on a
/// filesystem mounted with noacl).
/// </remarks>
public sealed partial class MemFs
{
    [Setxattr]
    private Errno SetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, XattrFlags flags)
    {
        if (name.StartsWith("system."u8))
        {
            return Errno.EOPNOTSUPP;
        }

        lock (gate)
        {
            var node = Resolve(path);
            var exists = node.Xattrs.Contains(name);
            if (flags == XattrFlags.Create && exists)
            {
                return Errno.EEXIST;
            }

            if (flags == XattrFlags.Replace && !exists)
            {
                return Errno.ENODATA;
            }

            node.Xattrs.Set(name, value);
            node.ChangeTime = TimeSpec.UtcNow;
            return Errno.None;
        }
    }

    [Getxattr]
    private byte[]? GetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        if (name.StartsWith("system."u8))
        {
            throw new FuseException(Errno.EOPNOTSUPP);
        }

        lock (gate)
        {
            return Resolve(path).Xattrs.Get(name);
        }
    }

    [Listxattr]
    private ReadOnlySpan<byte> ListXattr(ReadOnlySpan<byte> path)
    {
        lock (gate)
        {
            return Resolve(path).Xattrs.ListNames();
        }
    }

    [Removexattr]
    private Errno RemoveXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        if (name.StartsWith("system."u8))
        {
            return Errno.EOPNOTSUPP;
        }

        lock (gate)
        {
            var node = Resolve(path);
            if (!node.Xattrs.Remove(name))
            {
                return Errno.ENODATA;
            }

            node.ChangeTime = TimeSpec.UtcNow;
            return Errno.None;
        }
    }
}

using System;
using System.Collections.Generic;
using FuseGen;
using MemFs.Nodes;

namespace InodeMemFs;

/// <summary>
/// Extended attributes, with MemFs's rules: the kernel checks names, sizes and permissions; FuseGen answers size
/// probes and ERANGE; system.* names are refused with EOPNOTSUPP (no ACLs without FUSE_CAP_POSIX_ACL).
/// </summary>
public sealed partial class InodeMemFs
{
    [Setxattr]
    private Errno SetXattr(Node node, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, XattrFlags flags)
    {
        if (ExtendedAttributes.IsSystemName(name))
        {
            return Errno.EOPNOTSUPP;
        }

        lock (gate)
        {
            return node.Xattrs.Set(name, value, flags) is var status && status == Errno.None ? Changed(node) : status;
        }
    }

    [Getxattr]
    private byte[]? GetXattr(Node node, ReadOnlySpan<byte> name)
    {
        if (ExtendedAttributes.IsSystemName(name))
        {
            throw new FuseException(Errno.EOPNOTSUPP);
        }

        lock (gate)
        {
            return node.Xattrs.Get(name);
        }
    }

    [Listxattr]
    private IEnumerable<string> ListXattr(Node node)
    {
        lock (gate)
        {
            return node.Xattrs.Names();
        }
    }

    [Removexattr]
    private Errno RemoveXattr(Node node, ReadOnlySpan<byte> name)
    {
        if (ExtendedAttributes.IsSystemName(name))
        {
            return Errno.EOPNOTSUPP;
        }

        lock (gate)
        {
            return node.Xattrs.Remove(name) ? Changed(node) : Errno.ENODATA;
        }
    }

    private static Errno Changed(Node node)
    {
        node.ChangeTime = TimeSpec.UtcNow;
        return Errno.None;
    }
}

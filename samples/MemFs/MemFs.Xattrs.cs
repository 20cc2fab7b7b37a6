using System;
using FuseGen;

namespace MemFs;

/// <summary>
/// Extended attributes. The kernel checks names, sizes and permissions (user.* only on files and directories, and
/// only with write access; trusted.* only for root); FuseGen answers size probes and ERANGE.
/// </summary>
/// <remarks>system.* names are refused with EOPNOTSUPP (see <see cref="Nodes.ExtendedAttributes"/>).</remarks>
public sealed partial class MemFs
{
    [Setxattr]
    private Errno SetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, XattrFlags flags)
    {
        if (Nodes.ExtendedAttributes.IsSystemName(name))
        {
            return Errno.EOPNOTSUPP;
        }

        lock (gate)
        {
            var node = Resolve(path);
            var status = node.Xattrs.Set(name, value, flags);
            if (status == Errno.None)
            {
                node.ChangeTime = TimeSpec.UtcNow;
            }

            return status;
        }
    }

    [Getxattr]
    private byte[]? GetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        if (Nodes.ExtendedAttributes.IsSystemName(name))
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
        if (Nodes.ExtendedAttributes.IsSystemName(name))
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

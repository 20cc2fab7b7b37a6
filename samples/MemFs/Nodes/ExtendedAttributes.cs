using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>A node's extended attributes, in the order they were first set. Values are never modified in place.</summary>
/// <remarks>
/// system.* names are refused (<see cref="IsSystemName"/>, EOPNOTSUPP): without FUSE_CAP_POSIX_ACL these filesystems
/// have no ACLs, and storing system.posix_acl_* as opaque bytes would pretend otherwise (cp -a and rsync -A then skip
/// ACLs, as on a filesystem mounted with noacl).
/// </remarks>
internal sealed class ExtendedAttributes
{
    private List<KeyValuePair<NodeName, byte[]>>? attributes;

    /// <summary>Whether <paramref name="name"/> is in the system.* namespace, which is not stored (EOPNOTSUPP).</summary>
    public static bool IsSystemName(ReadOnlySpan<byte> name) => name.StartsWith("system."u8);

    public byte[]? Get(ReadOnlySpan<byte> name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : attributes![index].Value;
    }

    public bool Contains(ReadOnlySpan<byte> name) => IndexOf(name) >= 0;

    public void Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var index = IndexOf(name);
        var pair = new KeyValuePair<NodeName, byte[]>(index < 0 ? new NodeName(name) : attributes![index].Key, value.ToArray());
        if (index < 0)
        {
            (attributes ??= new()).Add(pair);
        }
        else
        {
            attributes![index] = pair;
        }
    }

    /// <summary>setxattr: <see cref="XattrFlags.Create"/> fails with EEXIST if the attribute exists, <see cref="XattrFlags.Replace"/> with ENODATA if not.</summary>
    public Errno Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, XattrFlags flags)
    {
        var exists = Contains(name);
        if (flags == XattrFlags.Create && exists)
        {
            return Errno.EEXIST;
        }

        if (flags == XattrFlags.Replace && !exists)
        {
            return Errno.ENODATA;
        }

        Set(name, value);
        return Errno.None;
    }

    public bool Remove(ReadOnlySpan<byte> name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        attributes!.RemoveAt(index);
        return true;
    }

    /// <summary>The names as listxattr returns them: each followed by a NUL.</summary>
    public byte[] ListNames()
    {
        if (attributes is null)
        {
            return Array.Empty<byte>();
        }

        using var list = new MemoryStream();
        foreach (var (name, _) in attributes)
        {
            list.Write(name.Span);
            list.WriteByte(0);
        }

        return list.ToArray();
    }

    /// <summary>The names as strings (UTF-8), for an API that lists them so.</summary>
    public List<string> Names()
    {
        var names = new List<string>(attributes?.Count ?? 0);
        foreach (var (name, _) in attributes ?? new())
        {
            names.Add(Encoding.UTF8.GetString(name.Span));
        }

        return names;
    }

    private int IndexOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; attributes is not null && i < attributes.Count; i++)
        {
            if (attributes[i].Key.Span.SequenceEqual(name))
            {
                return i;
            }
        }

        return -1;
    }
}

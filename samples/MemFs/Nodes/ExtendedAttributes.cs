using System;
using System.Collections.Generic;
using System.IO;

namespace MemFs.Nodes;

/// <summary>A node's extended attributes, in the order they were first set. Values are never modified in place.</summary>
internal sealed class ExtendedAttributes
{
    private List<KeyValuePair<NodeName, byte[]>>? attributes;

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

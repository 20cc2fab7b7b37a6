using System;
using System.Collections.Generic;
using System.Text;

namespace MemFs.Nodes;

/// <summary>
/// A directory entry or extended attribute name: the exact bytes the kernel sent. Names are not necessarily UTF-8,
/// so they are kept as bytes and compared byte for byte.
/// </summary>
internal readonly struct NodeName : IEquatable<NodeName>
{
    /// <summary>Longest entry name, as on ext4 (NAME_MAX). The kernel lets FUSE names up to 1024 bytes through.</summary>
    public const int MaxLength = 255;

    private readonly byte[] bytes;

    public NodeName(ReadOnlySpan<byte> name) => bytes = name.ToArray();

    public ReadOnlySpan<byte> Span => bytes;

    public int Length => bytes.Length;

    public bool Equals(NodeName other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is NodeName other && Equals(other);

    public override int GetHashCode() => Hash(Span);

    public override string ToString() => Encoding.UTF8.GetString(Span);

    public static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = new HashCode();
        hash.AddBytes(name);
        return hash.ToHashCode();
    }
}

/// <summary>Compares <see cref="NodeName"/>s, and lets dictionaries be searched with a span (no allocation per lookup).</summary>
internal sealed class NodeNameComparer : IEqualityComparer<NodeName>, IAlternateEqualityComparer<ReadOnlySpan<byte>, NodeName>
{
    public static readonly NodeNameComparer Instance = new();

    public bool Equals(NodeName x, NodeName y) => x.Equals(y);

    public int GetHashCode(NodeName obj) => obj.GetHashCode();

    public bool Equals(ReadOnlySpan<byte> alternate, NodeName other) => alternate.SequenceEqual(other.Span);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => NodeName.Hash(alternate);

    public NodeName Create(ReadOnlySpan<byte> alternate) => new(alternate);
}

using System;
using System.Collections.Generic;

namespace MemFs.Nodes;

/// <summary>
/// The entries of a directory, found by name and listed in a stable order: each entry gets a cookie (a number that
/// only grows) when it is added, and a listing resumes after the cookie of the last entry it returned.
/// </summary>
/// <remarks>
/// <para>So a listing that runs while the directory changes never skips or repeats an entry that exists throughout:
/// removals leave the other cookies alone and additions come after every existing cookie. Replacing the node behind
/// a name (rename over an existing name, RENAME_EXCHANGE) keeps the entry and its cookie.</para>
/// <para>Removed entries stay in the ordered list as tombstones until they are the majority, so a resume is a binary
/// search. Cookies 1 and 2 are "." and "..".</para>
/// <para>Hidden entries are files libfuse renamed to <c>.fuse_hiddenXXXXXXXXYYYYYYYY</c> because they were unlinked
/// while open: they can be found by name (libfuse keeps using that path until the last close, then unlinks it) but
/// are not listed and do not keep the directory from being removed. See <see cref="IsHiddenName"/>.</para>
/// </remarks>
internal sealed class DirectoryEntries
{
    /// <summary>The cookie of the first real entry; "." and ".." come before it.</summary>
    public const long FirstCookie = 3;

    private readonly Dictionary<NodeName, Entry> byName = new(NodeNameComparer.Instance);
    private readonly List<Entry> ordered = new();
    private Dictionary<NodeName, Node>? hidden;
    private long nextCookie = FirstCookie;
    private int tombstones;

    /// <summary>Number of visible entries.</summary>
    public int Count => byName.Count;

    /// <summary>
    /// Whether libfuse made this name up to hide an open file that was unlinked (<c>hide_node()</c> in libfuse's
    /// fuse.c names it <c>.fuse_hidden%08x%08x</c>).
    /// </summary>
    public static bool IsHiddenName(ReadOnlySpan<byte> name) => name.StartsWith(".fuse_hidden"u8);

    public Node? Find(ReadOnlySpan<byte> name)
    {
        if (byName.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out var entry))
        {
            return entry.Node;
        }

        return hidden is not null && hidden.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out var node) ? node : null;
    }

    /// <summary>Whether <paramref name="name"/> is a hidden entry (not a visible file that happens to have such a name).</summary>
    public bool IsHidden(ReadOnlySpan<byte> name) => hidden is not null && hidden.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(name);

    /// <summary>Keeps <paramref name="node"/> findable under a libfuse hidden name, out of listings.</summary>
    public void AddHidden(ReadOnlySpan<byte> name, Node node) => (hidden ??= new(NodeNameComparer.Instance)).Add(new NodeName(name), node);

    /// <summary>Forgets every hidden entry (the directory is removed; open handles keep their nodes).</summary>
    public IEnumerable<Node> RemoveHidden()
    {
        var nodes = hidden?.Values ?? (IEnumerable<Node>)Array.Empty<Node>();
        hidden = null;
        return nodes;
    }

    public void Add(ReadOnlySpan<byte> name, Node node)
    {
        var entry = new Entry(new NodeName(name), node, nextCookie++);
        byName.Add(entry.Name, entry);
        ordered.Add(entry);
    }

    /// <summary>Points an existing name at another node, keeping its place in listings.</summary>
    public void Replace(ReadOnlySpan<byte> name, Node node) => byName.GetAlternateLookup<ReadOnlySpan<byte>>()[name].Node = node;

    public void Remove(ReadOnlySpan<byte> name)
    {
        if (hidden is not null && hidden.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(name))
        {
            return;
        }

        byName.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(name, out _, out var entry);
        entry!.Removed = true;
        if (++tombstones > 64 && tombstones > ordered.Count / 2)
        {
            ordered.RemoveAll(e => e.Removed);
            tombstones = 0;
        }
    }

    /// <summary>Entries whose cookie is greater than <paramref name="cookie"/>, in cookie order (a struct: listing allocates nothing).</summary>
    public Listing After(long cookie)
    {
        // Cookies are ascending in the list; find the first one past the given cookie.
        int low = 0, high = ordered.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ordered[middle].Cookie <= cookie)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return new Listing(ordered, low);
    }

    /// <summary>The live entries of the ordered list from a position on (foreach over it skips tombstones).</summary>
    internal struct Listing
    {
        private readonly List<Entry> ordered;
        private int index;

        public Listing(List<Entry> ordered, int start)
        {
            this.ordered = ordered;
            index = start - 1;
        }

        public readonly Entry Current => ordered[index];

        public readonly Listing GetEnumerator() => this;

        public bool MoveNext()
        {
            while (++index < ordered.Count)
            {
                if (!ordered[index].Removed)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One name in a directory.</summary>
    internal sealed class Entry
    {
        public Entry(NodeName name, Node node, long cookie)
        {
            Name = name;
            Node = node;
            Cookie = cookie;
        }

        public NodeName Name { get; }

        public Node Node { get; set; }

        public long Cookie { get; }

        public bool Removed { get; set; }
    }
}

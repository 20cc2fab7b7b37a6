using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace FuseGen;

/// <summary>
/// The inode numbers the kernel knows, each leading to a node object of the filesystem, kept exactly as long as the
/// kernel holds the inode: every entry replied for a node counts one lookup, the kernel's forgets give them back,
/// and at zero the node is released (<c>released</c> callback) and its number may be reused with a new generation.
/// </summary>
/// <remarks>
/// <para>Inode 1 is the root, held for the life of the mount. Numbers are slot indexes (small, dense); a reused number
/// carries a higher generation, so (inode, generation) never repeats.</para>
/// <para>Thread-safe. Resolving an inode (<see cref="this[ulong]"/>), which every operation does, takes no lock and
/// allocates nothing; counting a reference to a node the kernel already holds allocates nothing either. The kernel
/// sends forget only after its last request on an inode, so a number is never reused while a request names it.</para>
/// <para>A released node never comes back: a lookup (or readdirplus, link...) that began before a node's
/// <c>released</c> callback returned may have found it in the filesystem's structure just before the forget that
/// released it, and its entry must not hand the kernel that node again. Such a lookup is answered ESTALE (the kernel
/// then walks the path again, and the filesystem finds or makes a live node); such a readdirplus entry is listed
/// without a node. A node the filesystem keeps after <c>released</c> and hands out in a later request is numbered
/// afresh (a new generation if its number is reused). The count is taken under the table's lock before the reply
/// is sent, so a forget cannot reach zero between an entry and its count; a reply the kernel does not take gives it
/// back.</para>
/// </remarks>
/// <typeparam name="TNode">The filesystem's node type; nodes are told apart by reference.</typeparam>
public sealed class InodeTable<TNode> : InodeTable
    where TNode : class
{
    private const ulong RootInode = 1;

    private readonly object gate = new();
    private readonly Dictionary<TNode, int> slots = new(ReferenceEqualityComparer.Instance);
    private readonly Action<TNode>? released;

    // Nodes given to the released callback, with when the callback returned (0: still running); only kept when there
    // is a callback, since without one a node handed out again has lost nothing.
    private readonly ConditionalWeakTable<TNode, Release>? releases;
    private TNode?[] nodes = new TNode?[64];
    private ulong[] lookups = new ulong[64];
    private uint[] generations = new uint[64];
    private int[] free = new int[64];
    private int freeCount;
    private int used = 1;
    private int live;

    /// <summary>A table holding <paramref name="root"/> as inode 1.</summary>
    /// <param name="root">The root directory's node.</param>
    /// <param name="released">
    /// Called with each node the kernel has completely forgotten (not under the table's lock), once: the filesystem may
    /// close what the node holds and take it out of its structure; an entry naming it afterwards, from a request that
    /// began before this returned, is not given to the kernel.
    /// </param>
    public InodeTable(TNode root, Action<TNode>? released = null)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
        nodes[0] = root;
        slots.Add(root, 0);
        this.released = released;
        releases = released is null ? null : new();
    }

    /// <summary>The root node, inode 1.</summary>
    public TNode Root { get; }

    /// <inheritdoc />
    public override int Count => Volatile.Read(ref live);

    /// <summary>The node of <paramref name="inode"/>; ESTALE when the kernel holds no such inode.</summary>
    public TNode this[ulong inode] =>
        TryGetNode(inode, out var node) ? node : throw new FuseException(Errno.ESTALE, $"inode {inode} is not in the table");

    /// <summary>The node of <paramref name="inode"/>, if the kernel holds it.</summary>
    public bool TryGetNode(ulong inode, [NotNullWhen(true)] out TNode? node)
    {
        var slot = inode - 1;
        var current = Volatile.Read(ref nodes);
        node = slot < (ulong)current.Length ? Volatile.Read(ref current[slot]) : null;
        return node is not null;
    }

    /// <summary>The inode number of <paramref name="node"/>, if the kernel holds it (for notifications).</summary>
    public bool TryGetInode(TNode node, out ulong inode)
    {
        lock (gate)
        {
            var found = slots.TryGetValue(node, out var slot);
            inode = found ? (ulong)slot + 1 : 0;
            return found;
        }
    }

    /// <summary>The kernel's lookup count of <paramref name="inode"/> as the table has it (0: not held).</summary>
    public ulong LookupCount(ulong inode)
    {
        lock (gate)
        {
            var slot = inode - 1;
            return slot < (ulong)used && nodes[slot] is not null ? lookups[slot] : 0;
        }
    }

    /// <inheritdoc />
    internal override ulong Reference(object node, out ulong generation, long resolvedSince)
    {
        if (node is not TNode typed)
        {
            throw new ArgumentException($"the entry names a {node?.GetType().Name ?? "null"}, but the inode table holds {typeof(TNode).Name} nodes", nameof(node));
        }

        lock (gate)
        {
            if (!slots.TryGetValue(typed, out var slot))
            {
                if (releases is not null && releases.TryGetValue(typed, out var release))
                {
                    while (release.Returned == 0)
                    {
                        // Its callback still runs: the caller looks again only once the filesystem has let go of it.
                        Monitor.Wait(gate);
                    }

                    if (release.Returned > resolvedSince)
                    {
                        generation = 0;
                        return 0;
                    }

                    // Released before the request began, and handed out again: the filesystem kept it; number it afresh.
                    releases.Remove(typed);
                }

                slot = Allocate();
                generations[slot]++;
                Volatile.Write(ref nodes[slot], typed);
                slots.Add(typed, slot);
                live++;
            }

            if (slot != 0)
            {
                lookups[slot]++;
            }

            generation = generations[slot];
            return (ulong)slot + 1;
        }
    }

    /// <inheritdoc />
    internal override ulong InodeOf(object node) => node is TNode typed && TryGetInode(typed, out var inode) ? inode : 0;

    /// <inheritdoc />
    internal override void Forget(ulong inode, ulong count)
    {
        TNode? gone = null;
        Release? release = null;
        lock (gate)
        {
            var slot = inode - 1;
            if (inode == RootInode || slot >= (ulong)used || nodes[slot] is not { } node)
            {
                // The root lives as long as the mount; an unknown inode was never counted here.
                return;
            }

            // More forgets than counted references cannot come from the kernel; never let the count wrap.
            lookups[slot] = lookups[slot] > count ? lookups[slot] - count : 0;
            if (lookups[slot] == 0)
            {
                nodes[slot] = null;
                slots.Remove(node);
                free[freeCount++] = (int)slot;
                live--;
                gone = node;
                if (releases is not null)
                {
                    release = new Release();
                    releases.AddOrUpdate(node, release);
                }
            }
        }

        if (gone is null || release is null)
        {
            return;
        }

        try
        {
            released!(gone);
        }
        finally
        {
            lock (gate)
            {
                release.Returned = Tick();
                Monitor.PulseAll(gate);
            }
        }
    }

    private int Allocate()
    {
        if (freeCount > 0)
        {
            return free[--freeCount];
        }

        if (used == nodes.Length)
        {
            Grow();
        }

        return used++;
    }

    private void Grow()
    {
        var size = nodes.Length * 2;
        Array.Resize(ref lookups, size);
        Array.Resize(ref generations, size);
        Array.Resize(ref free, size);
        var grown = new TNode?[size];
        Array.Copy(nodes, grown, nodes.Length);

        // Readers take the array without the lock: publish it only once it holds every node.
        Volatile.Write(ref nodes, grown);
    }

    /// <summary>One release of a node: when its callback returned on the release clock (0 while it runs).</summary>
    private sealed class Release
    {
        public long Returned;
    }
}

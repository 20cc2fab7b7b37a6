using System.Threading;

namespace FuseGen;

/// <summary>
/// What FuseGen needs of an inode filesystem's node table: count a reference when an entry naming a node is replied,
/// and give references back when the kernel forgets. <see cref="InodeTable{TNode}"/> is the implementation.
/// </summary>
public abstract class InodeTable
{
    // Orders the start of requests against the end of release callbacks, across all tables: a request that began
    // before a node's release callback returned may have found the node in the filesystem's structure before the
    // callback took it out, so its entry must not bring the node back.
    private static long clock;

    private protected InodeTable()
    {
    }

    /// <summary>The release clock now: what a request reads before its operation runs, to pass to <see cref="Reference(object, out ulong, long)"/>.</summary>
    internal static long Now => Volatile.Read(ref clock);

    /// <summary>Nodes the kernel holds references to, the root excluded (0 once everything is forgotten).</summary>
    public abstract int Count { get; }

    /// <summary>
    /// Counts one kernel reference to <paramref name="node"/>, numbering it first if the kernel holds none;
    /// returns its inode number and generation.
    /// </summary>
    internal ulong Reference(object node, out ulong generation) => Reference(node, out generation, Now);

    /// <summary>
    /// As <see cref="Reference(object, out ulong)"/> for a node an operation found after <paramref name="resolvedSince"/>
    /// (<see cref="Now"/> before it ran); 0 (nothing counted) when the node was released since then: the operation
    /// may have found it before the filesystem let go of it, and the kernel must not get a released node.
    /// </summary>
    internal abstract ulong Reference(object node, out ulong generation, long resolvedSince);

    /// <summary>The inode number of <paramref name="node"/> without counting a reference; 0 when the kernel holds none.</summary>
    internal abstract ulong InodeOf(object node);

    /// <summary>Gives back <paramref name="count"/> references to <paramref name="inode"/>; at zero the node is released.</summary>
    internal abstract void Forget(ulong inode, ulong count);

    /// <summary>Advances the release clock (a release callback returned); the new time.</summary>
    private protected static long Tick() => Interlocked.Increment(ref clock);
}

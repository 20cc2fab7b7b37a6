namespace FuseGen;

/// <summary>
/// What FuseGen needs of an inode filesystem's node table: count a reference when an entry naming a node is replied,
/// and give references back when the kernel forgets. <see cref="InodeTable{TNode}"/> is the implementation.
/// </summary>
public abstract class InodeTable
{
    private protected InodeTable()
    {
    }

    /// <summary>Nodes the kernel holds references to, the root excluded (0 once everything is forgotten).</summary>
    public abstract int Count { get; }

    /// <summary>
    /// Counts one kernel reference to <paramref name="node"/>, numbering it first if the kernel holds none;
    /// returns its inode number and generation.
    /// </summary>
    internal abstract ulong Reference(object node, out ulong generation);

    /// <summary>The inode number of <paramref name="node"/> without counting a reference; 0 when the kernel holds none.</summary>
    internal abstract ulong InodeOf(object node);

    /// <summary>Gives back <paramref name="count"/> references to <paramref name="inode"/>; at zero the node is released.</summary>
    internal abstract void Forget(ulong inode, ulong count);
}

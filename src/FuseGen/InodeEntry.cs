namespace FuseGen;

/// <summary>
/// The answer to a lookup (and to mknod, mkdir, symlink, link, create and each readdirplus entry): which inode a
/// name leads to, its attributes, and how long the kernel may cache both. libfuse's <c>struct fuse_entry_param</c>.
/// </summary>
/// <remarks>
/// Every entry replied with a non-zero inode raises the kernel's lookup count of that inode by one; the kernel gives
/// the counts back with forget. With an <see cref="InodeTable"/>, build entries from nodes
/// (<see cref="InodeEntry(object, in Stat)"/>) and FuseGen keeps the counts.
/// </remarks>
public struct InodeEntry
{
    /// <summary>An entry for inode number <paramref name="inode"/> (a filesystem that numbers its own inodes).</summary>
    public InodeEntry(ulong inode, in Stat attributes)
    {
        Inode = inode;
        Attributes = attributes;
    }

    /// <summary>
    /// An entry for <paramref name="node"/> of the filesystem's <see cref="InodeTable"/>: the table gives it its inode
    /// number and generation when the entry is replied, and counts the kernel's reference.
    /// </summary>
    public InodeEntry(object node, in Stat attributes)
    {
        Node = node;
        Attributes = attributes;
    }

    /// <summary>The inode number (the kernel's node id). 0 is a negative entry: the name does not exist, cached for <see cref="EntryTimeout"/>.</summary>
    public ulong Inode { get; set; }

    /// <summary>Distinguishes reuses of one inode number over the filesystem's life (NFS export needs it).</summary>
    public ulong Generation { get; set; }

    /// <summary>The inode's attributes. <see cref="Stat.Inode"/> 0 shows <see cref="Inode"/> as <c>st_ino</c>.</summary>
    public Stat Attributes { get; set; }

    /// <summary>Seconds the kernel may cache the name; null takes the mount's <see cref="MountOptions.EntryTimeout"/> (1 s).</summary>
    public double? EntryTimeout { get; set; }

    /// <summary>Seconds the kernel may cache the attributes; null takes the mount's <see cref="MountOptions.AttrTimeout"/> (1 s).</summary>
    public double? AttributeTimeout { get; set; }

    /// <summary>The node of the filesystem's <see cref="InodeTable"/> this entry names, or null.</summary>
    public object? Node { get; set; }

    /// <summary>A negative entry: the name does not exist, and the kernel may remember that for <paramref name="timeout"/> seconds.</summary>
    public static InodeEntry Negative(double timeout) => new() { EntryTimeout = timeout };
}

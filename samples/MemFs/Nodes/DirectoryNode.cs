using System.IO;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>A directory: its entries, its parent (for "..", and to refuse moving a directory into itself) and its subdirectory count.</summary>
internal sealed class DirectoryNode : Node
{
    public DirectoryNode(ulong inode, UnixFileMode permissions, uint uid, uint gid, TimeSpec now, DirectoryNode? parent)
        : base(inode, FileType.Directory, permissions, uid, gid, now)
    {
        Parent = parent ?? this;
    }

    public DirectoryEntries Entries { get; } = new();

    /// <summary>The directory holding this one; the root is its own parent.</summary>
    public DirectoryNode Parent { get; set; }

    /// <summary>Number of subdirectories, each of whose ".." links here.</summary>
    public int Subdirectories { get; set; }

    /// <summary>Set by rmdir (and by rename over it); an open handle may still list it, empty.</summary>
    public bool IsRemoved { get; set; }

    /// <summary>"." and the entry in the parent, plus each subdirectory's "..".</summary>
    public override ulong Links => IsRemoved ? 0 : 2 + (ulong)Subdirectories;

    /// <summary>Whether this directory is <paramref name="node"/> or lies below it.</summary>
    public bool IsWithin(DirectoryNode node)
    {
        for (var current = this; ; current = current.Parent)
        {
            if (current == node)
            {
                return true;
            }

            if (current.Parent == current)
            {
                return false;
            }
        }
    }

    public override void Describe(ref Stat stat)
    {
        base.Describe(ref stat);
        stat.Size = 4096;
    }
}

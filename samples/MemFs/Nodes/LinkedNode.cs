using System.IO;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>A node that is not a directory, so it may have any number of hard links; it counts them.</summary>
internal abstract class LinkedNode : Node
{
    private ulong links = 1;

    protected LinkedNode(ulong inode, FileType type, UnixFileMode permissions, uint uid, uint gid, TimeSpec now)
        : base(inode, type, permissions, uid, gid, now)
    {
    }

    public override ulong Links => links;

    public void AddLink() => links++;

    public void RemoveLink() => links--;
}

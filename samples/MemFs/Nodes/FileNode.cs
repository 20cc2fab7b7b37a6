using System.IO;
using FuseGen;
using MemFs.Storage;

namespace MemFs.Nodes;

/// <summary>A regular file: sparse contents, and a count of open handles so an unlinked file lives until its last close.</summary>
internal sealed class FileNode : LinkedNode
{
    public FileNode(ulong inode, UnixFileMode permissions, uint uid, uint gid, TimeSpec now, Capacity capacity)
        : base(inode, FileType.Regular, permissions, uid, gid, now)
    {
        Data = new SparseData(capacity);
    }

    public SparseData Data { get; }

    /// <summary>Handles from open and create not yet released.</summary>
    public int OpenHandles { get; set; }

    public override void Describe(ref Stat stat)
    {
        base.Describe(ref stat);
        stat.Size = Data.Length;
        stat.Blocks = Data.AllocatedBytes / 512;
    }
}

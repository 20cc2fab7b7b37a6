using System;
using System.IO;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>A symbolic link: its target, stored as given (the kernel resolves it; the filesystem never follows links).</summary>
internal sealed class SymlinkNode : LinkedNode
{
    private const UnixFileMode All = (UnixFileMode)0x1FF;

    private readonly byte[] target;

    public SymlinkNode(ulong inode, ReadOnlySpan<byte> target, uint uid, uint gid, TimeSpec now)
        : base(inode, FileType.SymbolicLink, All, uid, gid, now)
    {
        this.target = target.ToArray();
    }

    public ReadOnlySpan<byte> Target => target;

    public override void Describe(ref Stat stat)
    {
        base.Describe(ref stat);
        stat.Size = target.Length;
    }
}

using System.IO;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>
/// A FIFO, socket, or character or block device made by mknod. Only the node lives here: the kernel itself serves
/// opens of FIFOs and devices, and binds of sockets.
/// </summary>
internal sealed class SpecialNode : LinkedNode
{
    public SpecialNode(ulong inode, FileType type, UnixFileMode permissions, ulong device, uint uid, uint gid, TimeSpec now)
        : base(inode, type, permissions, uid, gid, now)
    {
        Device = type is FileType.CharacterDevice or FileType.BlockDevice ? device : 0;
    }

    /// <summary>st_rdev of a device node.</summary>
    public ulong Device { get; }

    public override void Describe(ref Stat stat)
    {
        base.Describe(ref stat);
        stat.DeviceNumber = Device;
    }
}

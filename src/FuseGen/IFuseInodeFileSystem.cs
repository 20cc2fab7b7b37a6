using System.ComponentModel;
using FuseGen.Marshalling;

namespace FuseGen;

/// <summary>
/// A filesystem served through libfuse's low-level, inode-based API: the kernel names files by inode number, and
/// replies are sent by FuseGen when an operation's result is ready. Do not implement it by hand: the generator
/// implements it for an inode filesystem class (hand-written implementations exist only in FuseGen's own tests).
/// </summary>
public interface IFuseInodeFileSystem
{
    /// <summary>Points the native operation table at the generated entry points of the implemented operations.</summary>
    /// <param name="operations">A zeroed <c>struct fuse_lowlevel_ops</c>; operations left null are not implemented.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    unsafe void FillOperations(Marshalling.FuseLowLevelOperations* operations);

    /// <summary>
    /// The filesystem's inode table, if it keeps its nodes in one: entries that name a node
    /// (<see cref="InodeEntry.Node"/>) are counted in it when they are replied, and the kernel's forgets are applied
    /// to it (FuseGen answers forget itself when the filesystem has no forget method). Null: the filesystem
    /// numbers its inodes and honours forget itself.
    /// </summary>
    InodeTable? Inodes => null;
}

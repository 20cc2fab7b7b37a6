using System.Threading;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>
/// One inode of the source as the kernel knows it: an <c>O_PATH|O_NOFOLLOW</c> descriptor that every operation on
/// the inode goes through (<c>*at</c> calls relative to it, or <c>/proc/self/fd/N</c>), and the source's device and
/// inode numbers, which make every hard link of a file the same node.
/// </summary>
/// <remarks>
/// The descriptor pins the source inode, so its numbers cannot be reused for another file while the node lives. The
/// node lives while the kernel holds its inode; <see cref="InodeMirrorFs"/> closes the descriptor when the inode table
/// releases it.
/// </remarks>
internal sealed class SourceNode
{
    private int descriptor;

    public SourceNode(int descriptor, ulong device, ulong inode)
    {
        this.descriptor = descriptor;
        Device = device;
        Inode = inode;
    }

    /// <summary>The <c>O_PATH</c> descriptor; -1 once closed.</summary>
    public int Descriptor => Volatile.Read(ref descriptor);

    /// <summary><c>st_dev</c> of the source inode.</summary>
    public ulong Device { get; }

    /// <summary><c>st_ino</c> of the source inode.</summary>
    public ulong Inode { get; }

    /// <summary>Closes the descriptor (once).</summary>
    public void Close()
    {
        var fd = Interlocked.Exchange(ref descriptor, -1);
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }
}

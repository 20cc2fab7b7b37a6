using System.Runtime.InteropServices;

namespace FuseGen;

/// <summary>
/// One forget of a batch (<see cref="ForgetMultiAttribute"/>): the kernel drops <see cref="Count"/> lookups of
/// <see cref="Inode"/>. libfuse's <c>struct fuse_forget_data</c> itself, so a batch is a span over libfuse's memory.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct InodeForget
{
    private readonly ulong inode;
    private readonly ulong count;

    /// <summary>A forget of <paramref name="count"/> lookups of <paramref name="inode"/>.</summary>
    public InodeForget(ulong inode, ulong count)
    {
        this.inode = inode;
        this.count = count;
    }

    /// <summary>The inode number.</summary>
    public ulong Inode => inode;

    /// <summary>How many lookups the kernel drops.</summary>
    public ulong Count => count;

    /// <inheritdoc />
    public override string ToString() => $"{Inode}x{Count}";
}

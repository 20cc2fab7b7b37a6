using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_forget_data</c>: one inode of a <c>forget_multi</c> batch.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_forget_data
{
    public ulong ino;
    public ulong nlookup;
}

using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_args</c>: an argv that libfuse's option parser may reallocate.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct fuse_args
{
    public int argc;
    public byte** argv;
    public int allocated;
}

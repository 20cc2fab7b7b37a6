using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_context</c>: the caller of the current request (thread-local in libfuse).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct fuse_context
{
    public void* fuse;
    public uint uid;
    public uint gid;
    public int pid;
    public void* private_data;
    public uint umask;
}

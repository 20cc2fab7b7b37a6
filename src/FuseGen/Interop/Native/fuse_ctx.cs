using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary><c>struct fuse_ctx</c>: the caller of a low-level request (<c>fuse_req_ctx</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_ctx
{
    public uint uid;
    public uint gid;
    public int pid;
    public uint umask;
}

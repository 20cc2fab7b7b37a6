using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// <c>struct fuse_buf</c> up to <c>pos</c> (40 bytes through 3.16; 3.17 appends <c>mem_size</c>, making it 48):
/// FuseGen never indexes past the first buffer with this type and allocates room for the larger layout.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct fuse_buf
{
    public nuint size;
    public int flags;
    public void* mem;
    public int fd;
    public long pos;
}

/// <summary><c>struct fuse_bufvec</c> header; the buffers follow at offset 24.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_bufvec
{
    public nuint count;
    public nuint idx;
    public nuint off;
}

using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// The leading part of <c>struct fuse_config</c> whose layout every libfuse 3.x shares (through
/// <c>auto_cache</c>). Later fields moved in 3.11, 3.14.1 and 3.17, so FuseGen does not mirror them.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_config
{
    public int set_gid;
    public uint gid;
    public int set_uid;
    public uint uid;
    public int set_mode;
    public uint umask;
    public double entry_timeout;
    public double negative_timeout;
    public double attr_timeout;
    public int intr;
    public int intr_signal;
    public int remember;
    public int hard_remove;
    public int use_ino;
    public int readdir_ino;
    public int direct_io;
    public int kernel_cache;
    public int auto_cache;
}

using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>The configuration <c>fuse_loop_mt@FUSE_3.2</c> takes (before 3.12 made it opaque).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fuse_loop_config_v1
{
    public int clone_fd;
    public uint max_idle_threads;
}

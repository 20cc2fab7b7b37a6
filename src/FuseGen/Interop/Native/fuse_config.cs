using System;
using System.Runtime.InteropServices;

namespace FuseGen.Interop.Native;

/// <summary>
/// The leading part of <c>struct fuse_config</c> whose layout every libfuse 3.x shares (through
/// <c>auto_cache</c>). Later fields moved in 3.11, 3.14.1 and 3.17, so FuseGen does not mirror them; the one it
/// uses past them is found by version (<see cref="NullPathOkOffset"/>).
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

    /// <summary>
    /// Where <c>nullpath_ok</c> lies in the <c>struct fuse_config</c> of libfuse <paramref name="version"/>: after
    /// <c>auto_cache</c> (80) come <c>ac_attr_timeout_set</c> and the double <c>ac_attr_timeout</c> (at 88), then it
    /// (96); 3.11 to 3.16 put <c>no_rofd_flush</c> before them, which pads the double to 96 and moves it to 104;
    /// 3.17 moved <c>no_rofd_flush</c> to the end.
    /// </summary>
    public static int NullPathOkOffset(Version version) =>
        version.Major == 3 && version.Minor is >= 11 and <= 16 ? 104 : 96;
}

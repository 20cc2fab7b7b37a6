using System.ComponentModel;
using FuseGen.Interop.Native;

namespace FuseGen.Interop;

/// <summary>Writes a <see cref="StatVfs"/> into the native <c>struct statvfs</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeStatVfs
{
    /// <summary>Overwrites the whole native structure, applying the documented defaults.</summary>
    public static void Write(in StatVfs stat, void* native)
    {
        var target = (statvfs*)native;
        *target = default;
        target->f_bsize = stat.BlockSize;
        target->f_frsize = stat.FragmentSize != 0 ? stat.FragmentSize : stat.BlockSize;
        target->f_blocks = stat.Blocks;
        target->f_bfree = stat.BlocksFree;
        target->f_bavail = stat.BlocksAvailable;
        target->f_files = stat.Files;
        target->f_ffree = stat.FilesFree;
        target->f_favail = stat.FilesAvailable;
        target->f_fsid = stat.FileSystemId;
        target->f_flag = stat.Flags;
        target->f_namemax = stat.MaxNameLength != 0 ? stat.MaxNameLength : 255;
    }
}

using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen.Marshalling;

/// <summary>Moves a <see cref="StatVfs"/> into and out of the native <c>struct statvfs</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeStatVfs
{
    /// <summary>Size of <c>struct statvfs</c> (the same on every supported architecture), for stack buffers.</summary>
    public const int Size = 112;

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

    /// <summary>Reads a native <c>struct statvfs</c>, as <c>fstatvfs</c> fills it (pass-through filesystems).</summary>
    public static StatVfs Read(void* native)
    {
        var source = (statvfs*)native;
        return new StatVfs
        {
            BlockSize = source->f_bsize,
            FragmentSize = source->f_frsize,
            Blocks = source->f_blocks,
            BlocksFree = source->f_bfree,
            BlocksAvailable = source->f_bavail,
            Files = source->f_files,
            FilesFree = source->f_ffree,
            FilesAvailable = source->f_favail,
            FileSystemId = source->f_fsid,
            Flags = source->f_flag,
            MaxNameLength = source->f_namemax,
        };
    }
}

using System;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>The mount as a whole: connection setup and file system statistics.</summary>
internal sealed unsafe partial class MirrorFs
{
    /// <summary>
    /// Passes the source's inode numbers through (use_ino), and lets the kernel take read data straight from the
    /// pipe libfuse splices out of the source descriptor (read_buf).
    /// </summary>
    [Init]
    private static void Init(FuseConnectionInfo connection, FuseConfig config)
    {
        config.UseIno = true;
        connection.Want |= connection.Capable & (FuseCapabilities.SpliceWrite | FuseCapabilities.SpliceMove | FuseCapabilities.SpliceRead);
    }

    /// <summary>Statistics of the filesystem the path lives on in the source (a mount inside the source has its own).</summary>
    [Statfs]
    private Errno StatFs(ReadOnlySpan<byte> path, ref StatVfs stat)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        int fd;
        using (at)
        {
            fd = LibC.openat(at.Directory, at.Name, LibC.O_PATH | LibC.O_CLOEXEC, 0);
            if (fd < 0)
            {
                return LibC.LastErrno;
            }
        }

        NativeStatVfs native;
        var result = LibC.Check(LibC.fstatvfs(fd, &native));
        LibC.close(fd);
        if (result != Errno.None)
        {
            return result;
        }

        stat.BlockSize = native.f_bsize;
        stat.FragmentSize = native.f_frsize;
        stat.Blocks = native.f_blocks;
        stat.BlocksFree = native.f_bfree;
        stat.BlocksAvailable = native.f_bavail;
        stat.Files = native.f_files;
        stat.FilesFree = native.f_ffree;
        stat.FilesAvailable = native.f_favail;
        stat.FileSystemId = native.f_fsid;
        stat.Flags = native.f_flag;
        stat.MaxNameLength = native.f_namemax;
        return Errno.None;
    }
}

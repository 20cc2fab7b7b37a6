using FuseGen;
using FuseGen.Marshalling;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>The mount as a whole: connection setup and file system statistics.</summary>
internal sealed unsafe partial class InodeMirrorFs
{
    /// <summary>
    /// Notes whether the kernel caches writes (<c>-o writeback_cache</c>), which changes how files are opened
    /// (<see cref="MirrorFs.SourceFiles.OpenFlags"/>). libfuse itself asks for readdirplus and flock locks, since the
    /// operations exist. Asks for mmap of direct-I/O files where offered, as O_DIRECT opens are served with direct I/O.
    /// </summary>
    [Init]
    private void Init(FuseConnectionInfo connection)
    {
        connection.Want |= connection.Capable & FuseCapabilities.DirectIoAllowMmap;
        writebackCache = (connection.Want & FuseCapabilities.WritebackCache) != 0;
    }

    /// <summary>Statistics of the filesystem the node lives on in the source (a mount inside the source has its own).</summary>
    [Statfs]
    private static StatVfs StatFs(SourceNode node)
    {
        var native = stackalloc byte[NativeStatVfs.Size];
        return LibC.fstatvfs(node.Descriptor, native) == 0 ? NativeStatVfs.Read(native) : throw new FuseException(LibC.LastErrno);
    }
}

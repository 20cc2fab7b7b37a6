using System;
using FuseGen;
using FuseGen.Interop;
using FuseGen.Marshalling;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>The mount as a whole: connection setup and file system statistics.</summary>
internal sealed unsafe partial class MirrorFs
{
    private bool passthroughGranted;

    /// <summary>
    /// Passes the source's inode numbers through (use_ino), and lets the kernel take read data straight from the
    /// pipe libfuse splices out of the source descriptor (read_buf). Requests on open files need no path, as each
    /// works on the file's descriptor: nullpath_ok spares libfuse building one (under its tree lock, in allocated
    /// memory) for every read, write and getattr of an open file, as in passthrough_fh. Asks for mmap of direct-I/O
    /// files where offered, as O_DIRECT opens are served with direct I/O (<see cref="ServeDirectly"/>). Notes whether
    /// the kernel caches writes (<c>-o writeback_cache</c>), which changes how files are opened
    /// (<see cref="SourceOpenFlags"/>).
    /// </summary>
    /// <remarks>
    /// <para>With <see cref="Passthrough"/> it also asks for passthrough, which the kernel grants only without the
    /// writeback cache; <see cref="passthroughGranted"/> records whether opens may use it.</para>
    /// <para>SPLICE_READ (libfuse's default too) takes effect only where a pipe can hold libfuse's whole receive buffer
    /// (1 MiB + 4 KiB: CAP_SYS_RESOURCE, or a raised pipe-max-size). There every request costs splice + read instead
    /// of one read, but a 1 MiB WRITE reaches the source with one copy instead of two; measured with pipes of 2 MiB,
    /// buffered 1 MiB writes without it took 1.08–1.42× the CPU per MiB, so it stays (libfuse 3.14 sets it per
    /// connection, not per request size).</para>
    /// </remarks>
    [Init]
    private void Init(FuseConnectionInfo connection, FuseConfig config)
    {
        config.UseIno = true;
        config.NullPathOk = true;
        connection.Want |= connection.Capable & (FuseCapabilities.SpliceWrite | FuseCapabilities.SpliceMove | FuseCapabilities.SpliceRead | FuseCapabilities.DirectIoAllowMmap);
        if (Passthrough)
        {
            connection.Disable(FuseCapabilities.WritebackCache);
            passthroughGranted = connection.TryEnable(FuseCapabilities.Passthrough);
        }

        writebackCache = (connection.Want & FuseCapabilities.WritebackCache) != 0;
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

        var native = stackalloc byte[NativeStatVfs.Size];
        var result = LibC.Check(LibC.fstatvfs(fd, native));
        LibC.close(fd);
        if (result != Errno.None)
        {
            return result;
        }

        stat = NativeStatVfs.Read(native);
        return Errno.None;
    }
}

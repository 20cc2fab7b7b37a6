using System;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// A pass-through of an existing directory (like libfuse's passthrough_fh): every operation is forwarded to the
/// source with the <c>*at</c> system calls, relative to one <c>O_PATH</c> descriptor of it, and answers with the
/// errno the system call gave. Open files and directories keep their descriptors (typed handles).
/// </summary>
/// <remarks>
/// The operations live in one partial file per area: MirrorFs.Attributes (getattr, chmod, chown, truncate, utimens,
/// access), MirrorFs.Nodes (mknod, mkdir, unlink, rmdir, symlink, readlink, rename, link), MirrorFs.Files (open,
/// create, read, write, read_buf, write_buf, flush, release, fsync, fallocate, copy_file_range, lseek),
/// MirrorFs.Directories, MirrorFs.Xattrs, MirrorFs.Locks and MirrorFs.Mount (init, statfs).
/// </remarks>
[FuseFileSystem]
internal sealed partial class MirrorFs
{
    private readonly int source;
    private readonly PosixLockTable locks = new();
    private bool writebackCache;

    /// <summary>Mirrors the directory open as <paramref name="sourceDescriptor"/> (<c>O_PATH|O_DIRECTORY</c> is enough).</summary>
    public MirrorFs(int sourceDescriptor) => source = sourceDescriptor;

    /// <summary>The source directory's descriptor every path is relative to.</summary>
    public int Source => source;

    /// <summary>
    /// Hand open files to the kernel (passthrough) where the connection allows it; elsewhere reads and writes are
    /// forwarded as usual.
    /// </summary>
    public bool Passthrough { get; init; }

    private Errno Resolve(ReadOnlySpan<byte> path, out SourcePath location) => SourcePath.Resolve(source, path, out location);
}

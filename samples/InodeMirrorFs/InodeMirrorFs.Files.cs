using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FuseGen;
using MirrorFs;
using MirrorFs.Interop;
using FileInfo = FuseGen.FileInfo;

namespace InodeMirrorFs;

/// <summary>
/// Regular files: each open or create keeps a source descriptor (<see cref="OpenFile"/>) until release; reads,
/// writes, syncs, allocation, copies, seeks and flock go to it.
/// </summary>
internal sealed unsafe partial class InodeMirrorFs
{
    /// <summary>
    /// Reopens the node through its /proc path with the caller's flags (access mode, O_TRUNC, O_APPEND, O_DIRECT,
    /// O_SYNC...): the same inode the kernel opened, whatever its names are by now. An O_DIRECT open is served with
    /// direct I/O (<see cref="SourceFiles.ServedDirectly"/>).
    /// </summary>
    [Open]
    private OpenFile Open(SourceNode node, ref FileInfo file)
    {
        var flags = SourceFiles.OpenFlags(file.NativeFlags & ~SourceFiles.NotForOpen & ~LibC.O_NOFOLLOW, writebackCache);
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        var fd = LibC.openat(LibC.AT_FDCWD, procPath, flags | LibC.O_CLOEXEC, 0);
        file.DirectIo = SourceFiles.ServedDirectly(flags);
        return fd >= 0 ? new OpenFile(fd, flags) : throw new FuseException(LibC.LastErrno);
    }

    /// <summary>
    /// Creates and opens for the caller (<see cref="SourceFiles.CreateOrOpen"/>), and answers the entry of the file
    /// that was opened: its node comes from the open descriptor, not from the name, which may have changed since.
    /// </summary>
    [Create]
    private OpenFile Create(SourceNode parent, ReadOnlySpan<byte> name, uint mode, ref FileInfo file, FuseContext caller, ref InodeEntry entry)
    {
        var flags = SourceFiles.OpenFlags(file.NativeFlags & ~LibC.O_NOCTTY, writebackCache);
        int fd;
        fixed (byte* text = Terminated(name, stackalloc byte[name.Length + 1]))
        {
            fd = SourceFiles.CreateOrOpen(parent.Descriptor, text, flags, mode, caller);
        }

        if (fd < 0)
        {
            throw new FuseException((Errno)(-fd));
        }

        file.DirectIo = SourceFiles.ServedDirectly(flags);
        var open = new OpenFile(fd, flags & ~(LibC.O_CREAT | LibC.O_EXCL));
        var error = EntryOfOpen(fd, out entry);
        if (error != Errno.None)
        {
            open.Dispose();
            throw new FuseException(error);
        }

        return open;
    }

    /// <summary>pread on the open descriptor (through aligned memory when the source opened it O_DIRECT).</summary>
    [Read]
    private static int Read(SourceNode node, OpenFile file, Span<byte> buffer, long offset) => SourceFiles.Read(file, buffer, offset);

    /// <summary>pwrite on the open descriptor (through aligned memory when the source opened it O_DIRECT).</summary>
    [Write]
    private static int Write(SourceNode node, OpenFile file, ReadOnlySpan<byte> data, long offset) => SourceFiles.Write(file, data, offset);

    /// <summary>Each close() of a caller's descriptor: close a duplicate, so the source sees a close too (NFS flushes on it).</summary>
    [Flush]
    private static Errno Flush(SourceNode node, OpenFile file)
    {
        var duplicate = LibC.dup(file.Descriptor);
        return duplicate < 0 ? LibC.LastErrno : LibC.Check(LibC.close(duplicate));
    }

    [Release]
    private static void Release(SourceNode node, OpenFile file) => file.Dispose();

    [Fsync]
    private static Errno Fsync(SourceNode node, OpenFile file, bool dataOnly) =>
        LibC.Check(dataOnly ? LibC.fdatasync(file.Descriptor) : LibC.fsync(file.Descriptor));

    /// <summary>Every mode (allocate, keep size, punch hole, zero) goes to the source as it came.</summary>
    [Fallocate]
    private static Errno Fallocate(SourceNode node, OpenFile file, int mode, long offset, long length) =>
        LibC.Check(LibC.fallocate(file.Descriptor, mode, offset, length));

    [CopyFileRange]
    private static long CopyFileRange(SourceNode nodeIn, OpenFile input, long offsetIn, SourceNode nodeOut, OpenFile output, long offsetOut, long size, int flags)
    {
        var count = LibC.copy_file_range(input.Descriptor, &offsetIn, output.Descriptor, &offsetOut, (nuint)size, (uint)flags);
        return count < 0 ? -(long)LibC.LastErrno : count;
    }

    /// <summary>SEEK_DATA and SEEK_HOLE on the descriptor (the kernel handles the other whence values itself).</summary>
    [Lseek]
    private static long Lseek(SourceNode node, OpenFile file, long offset, int whence)
    {
        var position = LibC.lseek(file.Descriptor, offset, whence);
        return position < 0 ? -(long)LibC.LastErrno : position;
    }

    /// <summary>
    /// BSD locks belong to an open file description, and every open through the mount has its own source descriptor,
    /// so flock on it has exactly flock's semantics (as in passthrough_ll). POSIX record locks are left to the kernel.
    /// </summary>
    [Flock]
    private static Errno Flock(SourceNode node, OpenFile file, int operation) => LibC.Check(LibC.flock(file.Descriptor, operation));
}

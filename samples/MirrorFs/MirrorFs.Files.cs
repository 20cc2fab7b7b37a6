using System;
using FuseGen;
using MirrorFs.Interop;
using FileInfo = FuseGen.FileInfo;

namespace MirrorFs;

/// <summary>Open files: each keeps its source descriptor (<see cref="OpenFile"/>) from open or create to release.</summary>
internal sealed unsafe partial class MirrorFs
{
    /// <summary>
    /// Opens with the caller's flags (access mode, O_TRUNC, O_APPEND, O_DIRECT, O_SYNC...), never following a link
    /// the source may have grown since the kernel looked the name up.
    /// </summary>
    /// <remarks>A typed handle can only fail by exception: <see cref="FuseException"/> carries the errno unchanged.</remarks>
    [Open]
    private OpenFile Open(ReadOnlySpan<byte> path, ref FileInfo file)
    {
        var flags = SourceOpenFlags(file.NativeFlags & ~SourceFiles.NotForOpen);
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            throw new FuseException(error);
        }

        using (at)
        {
            var fd = LibC.openat(at.Directory, at.Name, flags | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            if (fd < 0)
            {
                throw new FuseException(LibC.LastErrno);
            }

            // Refused (another stacked filesystem under the source, say): the file is served through read and write.
            ServeDirectly(ref file, fd, flags);
            return new OpenFile(fd, flags);
        }
    }

    /// <summary>
    /// Creates and opens. The node is created with O_EXCL so that only a file this call made is given to the caller;
    /// when the caller did not ask for O_EXCL and the name exists by now, the existing file is opened as it is.
    /// </summary>
    [Create]
    private OpenFile Create(ReadOnlySpan<byte> path, uint mode, ref FileInfo file, FuseContext caller)
    {
        var flags = SourceOpenFlags(file.NativeFlags & ~LibC.O_NOCTTY);
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            throw new FuseException(error);
        }

        using (at)
        {
            var fd = SourceFiles.CreateOrOpen(at.Directory, at.Name, flags, mode, caller);
            if (fd < 0)
            {
                throw new FuseException((Errno)(-fd));
            }

            ServeDirectly(ref file, fd, flags);
            return new OpenFile(fd, flags & ~(LibC.O_CREAT | LibC.O_EXCL));
        }
    }

    /// <summary>
    /// Hands the file to the kernel (passthrough) where granted; otherwise serves a caller's O_DIRECT open with direct
    /// I/O (<see cref="SourceFiles.ServedDirectly"/>).
    /// </summary>
    private void ServeDirectly(ref FileInfo file, int fd, int flags)
    {
        if (!(passthroughGranted && file.PassthroughTo(fd)) && SourceFiles.ServedDirectly(flags))
        {
            file.DirectIo = true;
        }
    }

    /// <summary>
    /// The flags a caller's open becomes on the source. With the writeback cache the kernel reads through any open
    /// file to fill pages it writes in part, and it places appends itself: write-only becomes read-write and
    /// O_APPEND goes (as in libfuse's passthrough_ll).
    /// </summary>
    private int SourceOpenFlags(int flags) => SourceFiles.OpenFlags(flags, writebackCache);

    /// <summary>
    /// Reads with pread on the open descriptor. libfuse calls [ReadBuf] instead whenever it exists, so the kernel
    /// never reaches this; it stays for builds without read_buf and is tested through the operation table.
    /// </summary>
    [Read]
    private static int Read(Span<byte> buffer, long offset, OpenFile file) => SourceFiles.Read(file, buffer, offset);

    /// <summary>Writes with pwrite on the open descriptor; like [Read], shadowed by [WriteBuf].</summary>
    [Write]
    private static int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset, OpenFile file) => SourceFiles.Write(file, data, offset);

    /// <summary>Points the reply at the descriptor: libfuse splices the data to the kernel without copying it here.</summary>
    [ReadBuf]
    private static void ReadBuffer(FuseBufferReply reply, long size, long offset, OpenFile file) =>
        reply.FromFile(file.Descriptor, offset, size);

    /// <summary>
    /// Moves the data to the descriptor (splice when it arrived in a pipe). A file the source opened O_DIRECT gets it
    /// from aligned memory instead (except on tmpfs, <see cref="OpenFile.NeedsAlignedMemory"/>): neither libfuse's
    /// receive buffer nor the pipe has the data where O_DIRECT wants it, so the source would refuse the write with
    /// EINVAL (as it does under libfuse's passthrough examples).
    /// </summary>
    [WriteBuf]
    private static int WriteBuffer(FuseBufferVector data, long offset, OpenFile file)
    {
        if (!file.NeedsAlignedMemory)
        {
            return checked((int)data.WriteTo(file.Descriptor, offset));
        }

        var aligned = DirectIoBuffer.Get(checked((int)data.Size));
        var copied = data.CopyTo(aligned);
        return copied < 0 ? (int)copied : SourceFiles.Write(file.Descriptor, aligned[..(int)copied], offset);
    }

    /// <summary>Each close() of a caller's descriptor: close a duplicate, so the source sees a close too (NFS flushes on it).</summary>
    [Flush]
    private static Errno Flush(OpenFile file)
    {
        var duplicate = LibC.dup(file.Descriptor);
        return duplicate < 0 ? LibC.LastErrno : LibC.Check(LibC.close(duplicate));
    }

    [Release]
    private static void Release(OpenFile file) => file.Dispose();

    [Fsync]
    private static Errno Fsync(bool dataOnly, OpenFile file) =>
        LibC.Check(dataOnly ? LibC.fdatasync(file.Descriptor) : LibC.fsync(file.Descriptor));

    /// <summary>Every mode (allocate, keep size, punch hole, zero, collapse, insert) goes to the source as it came.</summary>
    [Fallocate]
    private static Errno Fallocate(int mode, long offset, long length, OpenFile file) =>
        LibC.Check(LibC.fallocate(file.Descriptor, mode, offset, length));

    [CopyFileRange]
    private static long CopyFileRange(ReadOnlySpan<byte> pathIn, OpenFile input, long offsetIn, ReadOnlySpan<byte> pathOut, OpenFile output, long offsetOut, long size, int flags)
    {
        var count = LibC.copy_file_range(input.Descriptor, &offsetIn, output.Descriptor, &offsetOut, (nuint)size, (uint)flags);
        return count < 0 ? -(long)LibC.LastErrno : count;
    }

    /// <summary>SEEK_DATA and SEEK_HOLE on the descriptor (the kernel handles the other whence values itself).</summary>
    [Lseek]
    private static long Seek(long offset, int whence, OpenFile file)
    {
        var position = LibC.lseek(file.Descriptor, offset, whence);
        return position < 0 ? -(long)LibC.LastErrno : position;
    }
}

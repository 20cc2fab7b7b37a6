using System;
using FuseGen;
using MemFs.Handles;
using MemFs.Storage;

namespace MemFs.Nodes;

/// <summary>
/// What open, read, write, fallocate, lseek and copy_file_range do to a regular file, the same on both APIs (MemFs by path,
/// InodeMemFs by inode). Callers hold the filesystem's lock.
/// </summary>
internal static class FileChanges
{
    /// <summary>Largest copy_file_range answered at once (MAX_RW_COUNT); the caller loops for the rest.</summary>
    private const long MaxCopy = int.MaxValue & ~(SparseData.PageSize - 1);

    /// <summary>
    /// Opens a regular file. O_TRUNC comes with the flags (libfuse asks the kernel for atomic_o_trunc): the file is
    /// emptied here, and as POSIX says for an existing file, its mtime and ctime change even if it was empty.
    /// </summary>
    public static FileHandle Open(Node node, OpenFlags flags, FuseContext caller)
    {
        if (node is not FileNode file)
        {
            throw new FuseException(node is DirectoryNode ? Errno.EISDIR : Errno.EINVAL);
        }

        if ((flags & OpenFlags.Truncate) != 0)
        {
            file.Data.SetLength(0);
            file.Modified(TimeSpec.UtcNow);
            Ownership.AfterWrite(file, caller);
        }

        file.OpenHandles++;
        return new FileHandle(file, flags);
    }

    /// <summary>Reads from an open file; atime follows relatime unless it was opened O_NOATIME.</summary>
    public static int Read(FileHandle handle, Span<byte> buffer, long offset)
    {
        var file = handle.File;
        var count = file.Data.Read(offset, buffer);
        if ((handle.Flags & OpenFlags.NoAccessTime) == 0)
        {
            file.Accessed(TimeSpec.UtcNow);
        }

        return count;
    }

    /// <summary>Writes all of <paramref name="data"/> (or fails with ENOSPC or EFBIG): the count written, or -errno.</summary>
    public static int Write(FileHandle handle, ReadOnlySpan<byte> data, long offset, FuseContext caller)
    {
        if (offset < 0 || offset > long.MaxValue - data.Length)
        {
            return -(int)Errno.EFBIG;
        }

        var file = handle.File;
        file.Data.Write(offset, data);
        file.Modified(TimeSpec.UtcNow);
        Ownership.AfterWrite(file, caller);
        return data.Length;
    }

    /// <summary>
    /// Modes: 0 (allocate, may extend), KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE, ZERO_RANGE (with or without KEEP_SIZE).
    /// Collapse, insert and unshare are EOPNOTSUPP.
    /// </summary>
    public static Errno Fallocate(FileNode file, FallocateMode mode, long offset, long length, FuseContext caller)
    {
        if (offset < 0 || length <= 0)
        {
            return Errno.EINVAL;
        }

        if (offset > long.MaxValue - length)
        {
            return Errno.EFBIG;
        }

        var keepSize = (mode & FallocateMode.KeepSize) != 0;
        var data = file.Data;
        var end = offset + length;
        var now = TimeSpec.UtcNow;
        switch (mode & ~FallocateMode.KeepSize)
        {
            case FallocateMode.Allocate:
                data.Allocate(offset, length);
                file.ChangeTime = now;
                break;
            case FallocateMode.PunchHole when keepSize:
                data.Zero(offset, length, deallocate: true);
                file.Modified(now);
                break;
            case FallocateMode.ZeroRange:
                data.Zero(offset, length, deallocate: false);
                data.Allocate(offset, length);
                file.Modified(now);
                break;
            default:
                return Errno.EOPNOTSUPP;
        }

        if (!keepSize && end > data.Length)
        {
            data.SetLength(end);
            file.Modified(now);
        }

        Ownership.AfterWrite(file, caller);
        return Errno.None;
    }

    /// <summary>SEEK_DATA and SEEK_HOLE over the allocated pages (the kernel handles the other whence values).</summary>
    public static long Seek(FileNode file, long offset, Whence whence) => whence switch
    {
        Whence.Data => file.Data.SeekData(offset),
        Whence.Hole => file.Data.SeekHole(offset),
        _ => -(long)Errno.EINVAL,
    };

    /// <summary>Copies between two files of this filesystem in 64 KiB pieces; holes in the source stay holes.</summary>
    public static long CopyRange(FileNode input, long offsetIn, FileNode output, long offsetOut, long size, int flags, FuseContext caller)
    {
        if (flags != 0 || offsetIn < 0 || offsetOut < 0)
        {
            return -(long)Errno.EINVAL;
        }

        var source = input.Data;
        var target = output.Data;
        var count = Math.Min(Math.Min(size, MaxCopy), Math.Max(0, source.Length - offsetIn));
        if (count == 0)
        {
            return 0;
        }

        if (offsetOut > long.MaxValue - count)
        {
            return -(long)Errno.EFBIG;
        }

        var piece = new byte[SparseData.ChunkSize];
        for (long done = 0; done < count;)
        {
            var length = (int)Math.Min(piece.Length, count - done);
            if (source.IsHole(offsetIn + done, length))
            {
                target.Zero(offsetOut + done, length, deallocate: true);
            }
            else
            {
                source.Read(offsetIn + done, piece.AsSpan(0, length));
                target.Write(offsetOut + done, piece.AsSpan(0, length));
            }

            done += length;
        }

        if (offsetOut + count > target.Length)
        {
            target.SetLength(offsetOut + count);
        }

        output.Modified(TimeSpec.UtcNow);
        Ownership.AfterWrite(output, caller);
        return count;
    }

    /// <summary>Gives a node's storage back once no name and no open handle refers to it.</summary>
    public static void FreeIfUnused(Node node, Capacity capacity)
    {
        if (node.IsFreed || node.Links > 0 || node is FileNode { OpenHandles: > 0 })
        {
            return;
        }

        node.IsFreed = true;
        if (node is FileNode file)
        {
            file.Data.Clear();
        }

        capacity.FreeInode();
    }
}

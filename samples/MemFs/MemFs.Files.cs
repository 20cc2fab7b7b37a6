using System;
using System.IO;
using FuseGen;
using MemFs.Handles;
using MemFs.Nodes;
using MemFs.Storage;
using FileInfo = FuseGen.FileInfo;

namespace MemFs;

/// <summary>Regular files: create, open, read, write, truncate, fallocate, lseek, copy_file_range, flush, fsync, release.</summary>
public sealed partial class MemFs
{
    /// <summary>Largest copy_file_range answered at once (MAX_RW_COUNT); the caller loops for the rest.</summary>
    private const long MaxCopy = int.MaxValue & ~(SparseData.PageSize - 1);

    [Create]
    private FileHandle Create(ReadOnlySpan<byte> path, UnixFileMode mode, ref FileInfo file, FuseContext caller)
    {
        lock (gate)
        {
            var parent = ResolveParent(path, out var name);
            var existing = parent.Entries.Find(name);
            if (existing is not null)
            {
                // Another caller created it since the kernel looked: open(O_CREAT) without O_EXCL opens it.
                if ((file.Flags & OpenFlags.Exclusive) != 0)
                {
                    throw new FuseException(Errno.EEXIST);
                }

                return Open(existing, file.Flags, caller);
            }

            if (parent.IsRemoved)
            {
                throw new FuseException(Errno.ENOENT);
            }

            var (uid, gid, permissions) = Ownership.ForNewNode(parent, caller, FileType.Regular, mode);
            var now = TimeSpec.UtcNow;
            var node = new FileNode(AllocateInode(), permissions, uid, gid, now, capacity);
            AddEntry(parent, name, node, now);
            node.OpenHandles++;
            return new FileHandle(node, file.Flags);
        }
    }

    [Open]
    private FileHandle Open(ReadOnlySpan<byte> path, ref FileInfo file, FuseContext caller)
    {
        lock (gate)
        {
            return Open(Resolve(path), file.Flags, caller);
        }
    }

    [Read]
    private int Read(Span<byte> buffer, long offset, FileHandle handle)
    {
        lock (gate)
        {
            var file = handle.File;
            var count = file.Data.Read(offset, buffer);
            if ((handle.Flags & OpenFlags.NoAccessTime) == 0)
            {
                file.Accessed(TimeSpec.UtcNow);
            }

            return count;
        }
    }

    [Write]
    private int Write(ReadOnlySpan<byte> data, long offset, FileHandle handle, FuseContext caller)
    {
        if (offset < 0 || offset > long.MaxValue - data.Length)
        {
            return -(int)Errno.EFBIG;
        }

        lock (gate)
        {
            var file = handle.File;
            file.Data.Write(offset, data);
            file.Modified(TimeSpec.UtcNow);
            Ownership.AfterWrite(file, caller);

            return data.Length;
        }
    }

    /// <summary>truncate and ftruncate. Times change only when the size does (ftruncate also sends utimens "now").</summary>
    [Truncate]
    private Errno Truncate(ReadOnlySpan<byte> path, long length, NodeHandle? handle, FuseContext caller)
    {
        if (length < 0)
        {
            return Errno.EINVAL;
        }

        lock (gate)
        {
            var file = ResolveFile(path, handle);
            if (length != file.Data.Length)
            {
                file.Data.SetLength(length);
                file.Modified(TimeSpec.UtcNow);
            }

            Ownership.AfterWrite(file, caller);

            return Errno.None;
        }
    }

    /// <summary>
    /// Modes: 0 (allocate, may extend), KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE, ZERO_RANGE (with or without KEEP_SIZE).
    /// Collapse, insert and unshare are EOPNOTSUPP.
    /// </summary>
    [Fallocate]
    private Errno Fallocate(FallocateMode mode, long offset, long length, FileHandle handle, FuseContext caller)
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
        lock (gate)
        {
            var data = handle.File.Data;
            var end = offset + length;
            var now = TimeSpec.UtcNow;
            switch (mode & ~FallocateMode.KeepSize)
            {
                case FallocateMode.Allocate:
                    data.Allocate(offset, length);
                    handle.File.ChangeTime = now;
                    break;
                case FallocateMode.PunchHole when keepSize:
                    data.Zero(offset, length, deallocate: true);
                    handle.File.Modified(now);
                    break;
                case FallocateMode.ZeroRange:
                    data.Zero(offset, length, deallocate: false);
                    data.Allocate(offset, length);
                    handle.File.Modified(now);
                    break;
                default:
                    return Errno.EOPNOTSUPP;
            }

            if (!keepSize && end > data.Length)
            {
                data.SetLength(end);
                handle.File.Modified(now);
            }

            Ownership.AfterWrite(handle.File, caller);

            return Errno.None;
        }
    }

    /// <summary>SEEK_DATA and SEEK_HOLE over the allocated pages (the kernel handles the other whence values).</summary>
    [Lseek]
    private long Lseek(long offset, Whence whence, FileHandle handle)
    {
        lock (gate)
        {
            return whence switch
            {
                Whence.Data => handle.File.Data.SeekData(offset),
                Whence.Hole => handle.File.Data.SeekHole(offset),
                _ => -(long)Errno.EINVAL,
            };
        }
    }

    /// <summary>Copies between two open files of this filesystem in 64 KiB pieces; holes in the source stay holes.</summary>
    [CopyFileRange]
    private long CopyFileRange(ReadOnlySpan<byte> pathIn, FileHandle input, long offsetIn, ReadOnlySpan<byte> pathOut, FileHandle output, long offsetOut, long size, int flags, FuseContext caller)
    {
        if (flags != 0 || offsetIn < 0 || offsetOut < 0)
        {
            return -(long)Errno.EINVAL;
        }

        lock (gate)
        {
            var source = input.File.Data;
            var target = output.File.Data;
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

            output.File.Modified(TimeSpec.UtcNow);
            Ownership.AfterWrite(output.File, caller);

            return count;
        }
    }

    [Flush]
    private static Errno Flush(FileHandle handle) => Errno.None;

    [Fsync]
    private static Errno Fsync(bool dataOnly, FileHandle handle) => Errno.None;

    /// <summary>The last close of an open file: an unlinked file's storage goes back to the budget with its last handle.</summary>
    [Release]
    private Errno Release(FileHandle handle)
    {
        lock (gate)
        {
            handle.File.OpenHandles--;
            FreeIfUnused(handle.File);
            return Errno.None;
        }
    }

    /// <summary>
    /// Opens a regular file. O_TRUNC comes with the flags (libfuse asks the kernel for atomic_o_trunc): the file is
    /// emptied here, and as POSIX says for an existing file, its mtime and ctime change even if it was empty.
    /// </summary>
    private static FileHandle Open(Node node, OpenFlags flags, FuseContext caller)
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
}

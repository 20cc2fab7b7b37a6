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
            return FileChanges.Read(handle, buffer, offset);
        }
    }

    [Write]
    private int Write(ReadOnlySpan<byte> data, long offset, FileHandle handle, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.Write(handle, data, offset, caller);
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

    /// <summary>See <see cref="FileChanges.Fallocate"/>.</summary>
    [Fallocate]
    private Errno Fallocate(FallocateMode mode, long offset, long length, FileHandle handle, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.Fallocate(handle.File, mode, offset, length, caller);
        }
    }

    [Lseek]
    private long Lseek(long offset, Whence whence, FileHandle handle)
    {
        lock (gate)
        {
            return FileChanges.Seek(handle.File, offset, whence);
        }
    }

    [CopyFileRange]
    private long CopyFileRange(ReadOnlySpan<byte> pathIn, FileHandle input, long offsetIn, ReadOnlySpan<byte> pathOut, FileHandle output, long offsetOut, long size, int flags, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.CopyRange(input.File, offsetIn, output.File, offsetOut, size, flags, caller);
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

    private static FileHandle Open(Node node, OpenFlags flags, FuseContext caller) => FileChanges.Open(node, flags, caller);
}

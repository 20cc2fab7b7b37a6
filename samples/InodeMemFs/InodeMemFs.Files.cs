using System;
using System.IO;
using FuseGen;
using MemFs;
using MemFs.Handles;
using MemFs.Nodes;
using FileInfo = FuseGen.FileInfo;

namespace InodeMemFs;

/// <summary>Regular files: create, open, read, write, fallocate, lseek, copy_file_range, flush, fsync, release.</summary>
public sealed partial class InodeMemFs
{
    [Create]
    private FileHandle Create(Node parent, ReadOnlySpan<byte> name, UnixFileMode mode, FileInfo file, FuseContext caller, ref InodeEntry entry)
    {
        lock (gate)
        {
            if (parent is DirectoryNode directory && directory.Entries.Find(name) is { } existing)
            {
                // Another caller created it since the kernel looked: open(O_CREAT) without O_EXCL opens it.
                if ((file.Flags & OpenFlags.Exclusive) != 0)
                {
                    throw new FuseException(Errno.EEXIST);
                }

                var handle = FileChanges.Open(existing, file.Flags, caller);
                entry = EntryOf(existing);
                return handle;
            }

            var free = FreeName(parent, name);
            var (uid, gid, permissions) = Ownership.ForNewNode(free, caller, FileType.Regular, mode);
            var now = TimeSpec.UtcNow;
            var node = new FileNode(AllocateInode(), permissions, uid, gid, now, capacity);
            entry = AddEntry(free, name, node, now);
            node.OpenHandles++;
            return new FileHandle(node, file.Flags);
        }
    }

    [Open]
    private FileHandle Open(Node node, FileInfo file, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.Open(node, file.Flags, caller);
        }
    }

    [Read]
    private int Read(Node node, FileHandle handle, Span<byte> buffer, long offset)
    {
        lock (gate)
        {
            return FileChanges.Read(handle, buffer, offset);
        }
    }

    [Write]
    private int Write(Node node, FileHandle handle, ReadOnlySpan<byte> data, long offset, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.Write(handle, data, offset, caller);
        }
    }

    [Fallocate]
    private Errno Fallocate(Node node, FileHandle handle, FallocateMode mode, long offset, long length, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.Fallocate(handle.File, mode, offset, length, caller);
        }
    }

    [Lseek]
    private long Lseek(Node node, FileHandle handle, long offset, Whence whence)
    {
        lock (gate)
        {
            return FileChanges.Seek(handle.File, offset, whence);
        }
    }

    [CopyFileRange]
    private long CopyFileRange(Node nodeIn, FileHandle input, long offsetIn, Node nodeOut, FileHandle output, long offsetOut, long size, int flags, FuseContext caller)
    {
        lock (gate)
        {
            return FileChanges.CopyRange(input.File, offsetIn, output.File, offsetOut, size, flags, caller);
        }
    }

    [Flush]
    private static Errno Flush(Node node, FileHandle handle) => Errno.None;

    [Fsync]
    private static Errno Fsync(Node node, FileHandle handle, bool dataOnly) => Errno.None;

    /// <summary>The last close of an open file: an unlinked file's storage goes back to the budget with its last handle.</summary>
    [Release]
    private void Release(Node node, FileHandle handle)
    {
        lock (gate)
        {
            handle.File.OpenHandles--;
            FreeIfUnused(handle.File);
        }
    }
}

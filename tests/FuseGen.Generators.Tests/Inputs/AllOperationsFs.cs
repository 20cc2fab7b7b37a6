// Every operation the catalog can bind (OperationDescriptor.IsBindable), mostly in its canonical signature.
// The tests check that this file binds all of them, so a newly bindable operation must be added here.
using System;
using FuseGen;
using UnixFileMode = System.IO.UnixFileMode;

namespace Samples.Complete;

[FuseFileSystem]
public partial class AllOperationsFs
{
    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat, ref FileInfo fileInfo)
    {
        stat.Size = fileInfo.IsPresent ? path.Length : 0;
        return Errno.None;
    }

    [Readlink]
    private static ReadOnlySpan<byte> Readlink(ReadOnlySpan<byte> path) => path.Length > 1 ? "/target"u8 : default;

    [Mknod]
    private static Errno Mknod(ReadOnlySpan<byte> path, FileType type, UnixFileMode mode, ulong device) =>
        type == FileType.Regular && mode != 0 && device == 0 && !path.IsEmpty ? Errno.None : Errno.EPERM;

    [Mkdir]
    private static Errno Mkdir(ReadOnlySpan<byte> path, UnixFileMode mode) => path.IsEmpty || mode == 0 ? Errno.EINVAL : Errno.None;

    [Unlink]
    private static Errno Unlink(ReadOnlySpan<byte> path) => path.IsEmpty ? Errno.ENOENT : Errno.None;

    [Rmdir]
    private static Errno Rmdir(ReadOnlySpan<byte> path) => path.IsEmpty ? Errno.ENOENT : Errno.ENOTEMPTY;

    [Symlink]
    private static Errno Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> path) => target.IsEmpty || path.IsEmpty ? Errno.EINVAL : Errno.None;

    [Rename]
    private static Errno Rename(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath, RenameFlags flags) =>
        flags == RenameFlags.None && !path.SequenceEqual(newPath) ? Errno.None : Errno.EINVAL;

    [Link]
    private static Errno Link(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath) => path.SequenceEqual(newPath) ? Errno.EEXIST : Errno.None;

    [Chmod]
    private static Errno Chmod(ReadOnlySpan<byte> path, UnixFileMode mode, ref FileInfo fileInfo) =>
        fileInfo.IsPresent || (!path.IsEmpty && mode != 0) ? Errno.None : Errno.ENOENT;

    [Chown]
    private static Errno Chown(ReadOnlySpan<byte> path, uint uid, uint gid, ref FileInfo fileInfo) =>
        uid == uint.MaxValue && gid == uint.MaxValue && !fileInfo.IsPresent && !path.IsEmpty ? Errno.None : Errno.EPERM;

    [Truncate]
    private static Errno Truncate(ReadOnlySpan<byte> path, long length, ref FileInfo fileInfo) =>
        length < 0 || (path.IsEmpty && !fileInfo.IsPresent) ? Errno.EINVAL : Errno.None;

    [Open]
    private static Errno Open(ReadOnlySpan<byte> path, ref FileInfo fileInfo)
    {
        fileInfo.Handle = (ulong)path.Length;
        return Errno.None;
    }

    [Read]
    private static int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset, ref FileInfo fileInfo)
    {
        buffer.Clear();
        return fileInfo.Handle == 0 || offset > path.Length ? 0 : buffer.Length;
    }

    [Write]
    private static int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset, ref FileInfo fileInfo) =>
        path.IsEmpty || offset < 0 || fileInfo.Handle == 0 ? -(int)Errno.EBADF : data.Length;

    [Statfs]
    private static Errno Statfs(ReadOnlySpan<byte> path, ref StatVfs stat)
    {
        stat.MaxNameLength = (ulong)(255 - path.Length);
        return Errno.None;
    }

    [Flush]
    private static Errno Flush(ReadOnlySpan<byte> path, ref FileInfo fileInfo) => path.IsEmpty || fileInfo.Handle == 0 ? Errno.EBADF : Errno.None;

    [Release]
    private static Errno Release(ReadOnlySpan<byte> path, ref FileInfo fileInfo)
    {
        fileInfo.Handle = (ulong)path.Length;
        return Errno.None;
    }

    [Fsync]
    private static Errno Fsync(ReadOnlySpan<byte> path, bool dataOnly, ref FileInfo fileInfo) =>
        dataOnly && fileInfo.Handle == 0 && path.IsEmpty ? Errno.EBADF : Errno.None;

    [Setxattr]
    private static Errno Setxattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, XattrFlags flags) =>
        flags == XattrFlags.Replace || path.IsEmpty || name.IsEmpty || value.IsEmpty ? Errno.ENODATA : Errno.None;

    [Removexattr]
    private static Errno Removexattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name) => path.IsEmpty || name.IsEmpty ? Errno.EINVAL : Errno.ENODATA;

    [Opendir]
    private static Errno Opendir(ReadOnlySpan<byte> path, ref FileInfo fileInfo)
    {
        fileInfo.Handle = (ulong)path.Length;
        return Errno.None;
    }

    [Readdir]
    private static Errno Readdir(ReadOnlySpan<byte> path, ref DirectoryFiller entries, long offset, ref FileInfo fileInfo, ReaddirFlags flags)
    {
        if (offset == 0 && fileInfo.Handle != 0 && flags == 0)
        {
            entries.Add(path);
        }

        return Errno.None;
    }

    [Releasedir]
    private static Errno Releasedir(ReadOnlySpan<byte> path, ref FileInfo fileInfo) => path.IsEmpty || fileInfo.Handle == 0 ? Errno.EBADF : Errno.None;

    [Fsyncdir]
    private static Errno Fsyncdir(ReadOnlySpan<byte> path, bool dataOnly, ref FileInfo fileInfo) =>
        dataOnly && fileInfo.Handle == 0 && path.IsEmpty ? Errno.EBADF : Errno.None;

    [Init]
    private static void Init(FuseConnectionInfo connection, FuseConfig config)
    {
        config.UseIno = connection.ProtocolMinor > 0;
    }

    [Destroy]
    private static void Destroy()
    {
    }

    [Access]
    private static Errno Access(ReadOnlySpan<byte> path, AccessMode mode) => mode == AccessMode.Exists && path.IsEmpty ? Errno.ENOENT : Errno.None;

    [Create]
    private static Errno Create(ReadOnlySpan<byte> path, UnixFileMode mode, ref FileInfo fileInfo)
    {
        fileInfo.Handle = (ulong)(path.Length + (int)mode);
        return Errno.None;
    }

    [Utimens]
    private static Errno Utimens(ReadOnlySpan<byte> path, TimeSpec accessTime, TimeSpec modificationTime, ref FileInfo fileInfo) =>
        accessTime.IsOmit && modificationTime.IsOmit && !fileInfo.IsPresent && path.IsEmpty ? Errno.EINVAL : Errno.None;

    [Bmap]
    private static Errno Bmap(ReadOnlySpan<byte> path, long blockSize, ref ulong index)
    {
        index += (ulong)(blockSize + path.Length);
        return Errno.None;
    }

    [Flock]
    private static Errno Flock(ReadOnlySpan<byte> path, ref FileInfo fileInfo, FlockOperation operation) =>
        operation == FlockOperation.Unlock || fileInfo.Handle != 0 || !path.IsEmpty ? Errno.None : Errno.EWOULDBLOCK;

    [Fallocate]
    private static Errno Fallocate(ReadOnlySpan<byte> path, FallocateMode mode, long offset, long length, ref FileInfo fileInfo) =>
        mode == FallocateMode.Allocate && offset >= 0 && length > 0 && fileInfo.Handle != 0 && !path.IsEmpty ? Errno.None : Errno.EOPNOTSUPP;

    [CopyFileRange]
    private static long CopyFileRange(
        ReadOnlySpan<byte> pathIn, ref FileInfo fileInfoIn, long offsetIn,
        ReadOnlySpan<byte> pathOut, ref FileInfo fileInfoOut, long offsetOut,
        long size, int flags) =>
        flags != 0 || fileInfoIn.Handle == fileInfoOut.Handle || pathIn.SequenceEqual(pathOut) ? -(long)Errno.EXDEV : size - offsetIn - offsetOut;

    [Lseek]
    private static long Lseek(ReadOnlySpan<byte> path, long offset, Whence whence, ref FileInfo fileInfo) =>
        whence == Whence.Data && fileInfo.Handle != 0 && !path.IsEmpty ? offset : -(long)Errno.ENXIO;

    [Statx]
    private static Errno Statx(ReadOnlySpan<byte> path, StatxFlags flags, StatxMask mask, ref Statx statx, ref FileInfo fileInfo)
    {
        statx.Size = path.Length;
        return (flags & StatxFlags.EmptyPath) != 0 && !fileInfo.IsPresent || mask == StatxMask.None ? Errno.EINVAL : Errno.None;
    }

    [Syncfs]
    private static Errno Syncfs(ReadOnlySpan<byte> path) => path.IsEmpty ? Errno.EINVAL : Errno.None;

    [Getxattr]
    private static ReadOnlySpan<byte> Getxattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name) =>
        name.SequenceEqual("user.path"u8) ? path : throw new FuseException(Errno.ENODATA);

    [Listxattr]
    private static System.Collections.Generic.IEnumerable<string> Listxattr(ReadOnlySpan<byte> path) =>
        path.IsEmpty ? Array.Empty<string>() : new[] { "user.path" };

    [Lock]
    private static Errno Lock(ReadOnlySpan<byte> path, ref FileInfo fileInfo, LockCommand command, ref FileLock lockInfo)
    {
        if (command == LockCommand.Get && fileInfo.IsPresent && !path.IsEmpty)
        {
            lockInfo.Type = LockType.Unlock;
        }

        return Errno.None;
    }

    [Ioctl]
    private static Errno Ioctl(ReadOnlySpan<byte> path, uint command, nint argument, ref FileInfo fileInfo, uint flags, Span<byte> data)
    {
        data.Clear();
        return command == 0 || argument == 0 || flags != 0 || !fileInfo.IsPresent || path.IsEmpty ? Errno.ENOTTY : Errno.None;
    }

    [Poll]
    private static Errno Poll(ReadOnlySpan<byte> path, ref FileInfo fileInfo, PollHandle pollHandle, ref PollEvents events)
    {
        events = fileInfo.IsPresent && !path.IsEmpty ? PollEvents.In | PollEvents.Out : PollEvents.None;
        pollHandle.Dispose();
        return Errno.None;
    }

    [WriteBuf]
    private static int WriteBuf(ReadOnlySpan<byte> path, FuseBufferVector data, long offset, ref FileInfo fileInfo) =>
        path.IsEmpty || offset < 0 ? -(int)Errno.EINVAL : (int)data.WriteTo((int)fileInfo.Handle, offset);

    [ReadBuf]
    private static Errno ReadBuf(ReadOnlySpan<byte> path, FuseBufferReply reply, long size, long offset, ref FileInfo fileInfo)
    {
        reply.FromFile((int)fileInfo.Handle, offset, path.IsEmpty ? 0 : size);
        return Errno.None;
    }
}

// Every operation of the inode API the generator binds, on an inode table's node objects and typed handles: the
// canonical shapes and the alternatives that fit one class. Inputs/InodeFormsFs.cs has the other return forms.
using System;
using System.Collections.Generic;
using UnixFileMode = System.IO.UnixFileMode;
using FuseGen;

namespace Samples.Inode;

public sealed class Node
{
}

public sealed class OpenFile : IDisposable
{
    public void Dispose()
    {
    }
}

[FuseInodeFileSystem]
public sealed partial class InodeFs
{
    [Init]
    private void Init(FuseConnectionInfo connection)
    {
    }

    [Destroy]
    private static void Destroy()
    {
    }

    [Lookup]
    private Errno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry, FuseContext caller) => Errno.ENOENT;

    [Forget]
    private void Forget(Node node, ulong count)
    {
    }

    [Getattr]
    private Stat Getattr(Node node) => default;

    [Setattr]
    private Stat Setattr(Node node, AttributeChanges changes, OpenFile? file)
    {
        var stat = default(Stat);
        changes.ApplyTo(ref stat);
        return stat;
    }

    [Readlink]
    private string Readlink(ulong node) => "target";

    [Mknod]
    private Errno Mknod(ulong parent, string name, FileType type, uint mode, ulong device, ref InodeEntry entry) => Errno.EPERM;

    [Mkdir]
    private InodeEntry Mkdir(Node parent, ReadOnlySpan<byte> name, UnixFileMode mode) => default;

    [Unlink]
    private int Unlink(Node parent, ReadOnlySpan<byte> name) => 0;

    [Rmdir]
    private void Rmdir(Node parent, string name)
    {
    }

    [Symlink]
    private Errno Symlink(Node parent, ReadOnlySpan<byte> name, string target, ref InodeEntry entry) => Errno.EPERM;

    [Rename]
    private Errno Rename(Node parent, ReadOnlySpan<byte> name, Node newParent, string newName, RenameFlags flags) => Errno.None;

    [Link]
    private Errno Link(Node node, Node newParent, ReadOnlySpan<byte> newName, ref InodeEntry entry) => Errno.EPERM;

    [Open]
    private OpenFile Open(Node node, FileInfo fileInfo) => new();

    [Read]
    private int Read(Node node, OpenFile file, Span<byte> buffer, long offset) => 0;

    [Write]
    private int Write(Node node, OpenFile file, ReadOnlySpan<byte> data, long offset) => data.Length;

    [Flush]
    private Errno Flush(Node node, OpenFile file) => Errno.None;

    [Release]
    private void Release(Node node, OpenFile file) => file.Dispose();

    [Fsync]
    private Errno Fsync(Node node, OpenFile file, bool dataOnly) => Errno.None;

    [Opendir]
    private Errno Opendir(ulong node, FileInfo fileInfo) => Errno.None;

    [Readdir]
    private void Readdir(Node node, ref InodeDirectoryFiller entries)
    {
    }

    [Releasedir]
    private void Releasedir(ulong node)
    {
    }

    [Fsyncdir]
    private int Fsyncdir(ulong node, bool dataOnly) => 0;

    [Statfs]
    private StatVfs Statfs(Node node) => default;

    [Setxattr]
    private Errno Setxattr(Node node, string name, ReadOnlySpan<byte> value, XattrFlags flags) => Errno.ENOTSUP;

    [Getxattr]
    private byte[]? Getxattr(Node node, ReadOnlySpan<byte> name) => null;

    [Listxattr]
    private IEnumerable<string> Listxattr(Node node) => Array.Empty<string>();

    [Removexattr]
    private Errno Removexattr(Node node, string name) => Errno.ENODATA;

    [Access]
    private Errno Access(Node node, AccessMode mask) => Errno.None;

    [Create]
    private OpenFile Create(Node parent, ReadOnlySpan<byte> name, UnixFileMode mode, FileInfo fileInfo, ref InodeEntry entry) => new();

    [Getlk]
    private FileLock Getlk(Node node, OpenFile file, FileInfo fileInfo, ref FileLock lockInfo) => lockInfo with { Type = LockType.Unlock };

    [Setlk]
    private Errno Setlk(Node node, OpenFile file, FileInfo fileInfo, FileLock lockInfo, bool wait) => Errno.None;

    [Ioctl]
    private int Ioctl(Node node, OpenFile file, uint command, nint argument, uint flags, ReadOnlySpan<byte> input, Span<byte> output) => 0;

    [Poll]
    private PollEvents Poll(Node node, OpenFile file, PollHandle pollHandle) => PollEvents.In;

    [WriteBuf]
    private long WriteBuf(Node node, OpenFile file, FuseBufferVector data, long offset) => data.Size;

    [RetrieveReply]
    private void RetrieveReply(Node node, ulong cookie, long offset, FuseBufferVector data)
    {
    }

    [ForgetMulti]
    private void ForgetMulti(ReadOnlySpan<InodeForget> forgets)
    {
    }

    [Bmap]
    private ulong Bmap(Node node, long blockSize, ulong index) => index;

    [Flock]
    private Errno Flock(Node node, OpenFile file, FlockOperation operation) => Errno.None;

    [Fallocate]
    private Errno Fallocate(Node node, OpenFile file, FallocateMode mode, long offset, long length) => Errno.None;

    [Readdirplus]
    private void Readdirplus(Node node, ref InodeDirectoryFiller entries)
    {
    }

    [CopyFileRange]
    private long CopyFileRange(Node nodeIn, OpenFile fileIn, long offsetIn, Node nodeOut, OpenFile fileOut, long offsetOut, long size) => 0;

    [Lseek]
    private long Lseek(Node node, OpenFile file, long offset, Whence whence) => offset;

    [Statx]
    private Errno Statx(Node node, StatxFlags flags, StatxMask mask, ref Statx statx, OpenFile? file) => Errno.None;

    [Tmpfile]
    private Errno Tmpfile(Node parent, UnixFileMode mode, FileInfo fileInfo, ref InodeEntry entry) => Errno.EOPNOTSUPP;
}

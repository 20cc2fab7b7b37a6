using System;
using System.Collections.Generic;
using UnixFileMode = System.IO.UnixFileMode;

namespace FuseGen.Testing.InodeApi;

/// <summary>How <see cref="MisbehavingInodeFs"/> answers.</summary>
public enum Misbehavior
{
    /// <summary>Plausible values.</summary>
    None,

    /// <summary>Every method throws.</summary>
    Throw,

    /// <summary>Values no filesystem should return: nulls, huge counts, errnos that do not exist.</summary>
    Garbage,

    /// <summary>Negative counts and errnos, beyond-range numbers.</summary>
    OutOfRange,
}

/// <summary>
/// Every operation of the inode API the generator binds (a test in FuseGen.Generators.Tests keeps it so), each
/// answering as <see cref="Behavior"/> says: the exactly-one-reply test calls every entry point of its table.
/// </summary>
[FuseInodeFileSystem]
public sealed partial class MisbehavingInodeFs
{
    public Misbehavior Behavior { get; set; }

    private T Answer<T>(T normal, T garbage, T outOfRange) => Behavior switch
    {
        Misbehavior.Throw => throw new InvalidOperationException("misbehaving on purpose"),
        Misbehavior.Garbage => garbage,
        Misbehavior.OutOfRange => outOfRange,
        _ => normal,
    };

    private Errno Status() => Answer(Errno.None, (Errno)int.MaxValue, (Errno)(-7));

    private void Nothing() => Answer(0, 0, 0);

    private InodeEntry Entry() => Answer(new InodeEntry(2, new Stat { Inode = 2, Type = FileType.Regular }), default, new InodeEntry(ulong.MaxValue, new Stat { Size = -1 }));

    [Init]
    private void Init(FuseConnectionInfo connection) => Nothing();

    [Destroy]
    private void Destroy() => Nothing();

    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        entry = Entry();
        return Status();
    }

    [Forget]
    private void Forget(ulong node, ulong count) => Nothing();

    [Getattr]
    private Stat Getattr(ulong node) => Answer(new Stat { Inode = node, Type = FileType.Directory }, default, new Stat { Size = -1, Inode = ulong.MaxValue });

    [Setattr]
    private Errno Setattr(ulong node, AttributeChanges changes, OpenFile? file, ref Stat stat)
    {
        stat = Answer(new Stat { Inode = node, Type = FileType.Regular, Size = changes.Size ?? 0 }, default, new Stat { Size = long.MinValue, Mode = uint.MaxValue });
        return Status();
    }

    [Readlink]
    private string Readlink(ulong node) => Answer("target", null!, new string('x', 1 << 16));

    [Mknod]
    private Errno Mknod(ulong parent, ReadOnlySpan<byte> name, FileType type, uint mode, ulong device, ref InodeEntry entry)
    {
        entry = Entry();
        return Status();
    }

    [Mkdir]
    private InodeEntry Mkdir(ulong parent, ReadOnlySpan<byte> name, UnixFileMode mode) => Entry();

    [Unlink]
    private int Unlink(ulong parent, ReadOnlySpan<byte> name) => Answer(0, int.MaxValue, int.MinValue);

    [Rmdir]
    private void Rmdir(ulong parent, ReadOnlySpan<byte> name) => Nothing();

    [Symlink]
    private Errno Symlink(ulong parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, ref InodeEntry entry)
    {
        entry = Entry();
        return Status();
    }

    [Rename]
    private Errno Rename(ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, RenameFlags flags) => Status();

    [Link]
    private Errno Link(ulong node, ulong newParent, ReadOnlySpan<byte> newName, ref InodeEntry entry)
    {
        entry = Entry();
        return Status();
    }

    [Open]
    private OpenFile? Open(ulong node, FileInfo info) => Answer<OpenFile?>(new OpenFile(), null, new OpenFile());

    [Read]
    private int Read(ulong node, OpenFile? file, Span<byte> buffer, long offset) => Answer(buffer.Length, int.MaxValue, int.MinValue);

    [Write]
    private long Write(ulong node, OpenFile? file, ReadOnlySpan<byte> data, long offset) => Answer(data.Length, long.MaxValue, long.MinValue);

    [Flush]
    private Errno Flush(ulong node, OpenFile? file) => Status();

    [Release]
    private void Release(ulong node, OpenFile? file) => Nothing();

    [Fsync]
    private Errno Fsync(ulong node, OpenFile? file, bool dataOnly) => Status();

    [Opendir]
    private Errno Opendir(ulong node, FileInfo info) => Status();

    [Readdir]
    private void Readdir(ulong node, ref InodeDirectoryFiller entries)
    {
        Nothing();
        while (entries.Add("entry"u8, 2, FileType.Regular))
        {
        }
    }

    [Releasedir]
    private int Releasedir(ulong node) => Answer(0, int.MaxValue, int.MinValue);

    [Fsyncdir]
    private Errno Fsyncdir(ulong node, bool dataOnly) => Status();

    [Statfs]
    private StatVfs Statfs(ulong node) => Answer(default(StatVfs), default, default);

    [Setxattr]
    private Errno Setxattr(ulong node, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, XattrFlags flags) => Status();

    [Getxattr]
    private byte[]? Getxattr(ulong node, ReadOnlySpan<byte> name) => Answer<byte[]?>(new byte[4], null, new byte[1 << 20]);

    [Listxattr]
    private IEnumerable<string> Listxattr(ulong node) => Answer<IEnumerable<string>>(new[] { "user.a" }, null!, new[] { new string('n', 1 << 16) });

    [Removexattr]
    private Errno Removexattr(ulong node, ReadOnlySpan<byte> name) => Status();

    [Access]
    private Errno Access(ulong node, AccessMode mask) => Status();

    [Create]
    private OpenFile? Create(ulong parent, ReadOnlySpan<byte> name, UnixFileMode mode, FileInfo info, ref InodeEntry entry)
    {
        entry = Entry();
        return Answer<OpenFile?>(new OpenFile(), null, new OpenFile());
    }

    [Getlk]
    private Errno Getlk(ulong node, OpenFile? file, ref FileLock lockInfo)
    {
        lockInfo = Answer(new FileLock { Type = LockType.Unlock }, new FileLock { Type = (LockType)short.MaxValue, Start = -1 }, new FileLock { Start = long.MinValue, Length = long.MinValue });
        return Status();
    }

    [Setlk]
    private Errno Setlk(ulong node, OpenFile? file, FileLock lockInfo, bool wait) => Status();

    [Ioctl]
    private int Ioctl(ulong node, OpenFile? file, uint command, ReadOnlySpan<byte> input, Span<byte> output)
    {
        output.Fill(0xAA);
        return Answer(0, int.MaxValue, int.MinValue);
    }

    [Poll]
    private PollEvents Poll(ulong node, OpenFile? file, PollHandle pollHandle)
    {
        pollHandle.Dispose();
        return Answer(PollEvents.In, (PollEvents)uint.MaxValue, (PollEvents)0);
    }

    [WriteBuf]
    private long WriteBuf(ulong node, OpenFile? file, FuseBufferVector data, long offset)
    {
        var copy = new byte[Math.Max(0, data.Size)];
        return Answer(data.CopyTo(copy), long.MaxValue, long.MinValue);
    }

    [RetrieveReply]
    private void RetrieveReply(ulong node, ulong cookie, long offset, FuseBufferVector data) => Nothing();

    [ForgetMulti]
    private void ForgetMulti(ReadOnlySpan<InodeForget> forgets) => Nothing();

    [Bmap]
    private ulong Bmap(ulong node, long blockSize, ulong index) => Answer(index, ulong.MaxValue, ulong.MaxValue);

    [Flock]
    private Errno Flock(ulong node, OpenFile? file, FlockOperation operation) => Status();

    [Fallocate]
    private Errno Fallocate(ulong node, OpenFile? file, FallocateMode mode, long offset, long length) => Status();

    [Readdirplus]
    private void Readdirplus(ulong node, ref InodeDirectoryFiller entries)
    {
        Nothing();
        while (entries.Add("entry"u8, Entry()))
        {
        }
    }

    [CopyFileRange]
    private long CopyFileRange(ulong nodeIn, OpenFile? fileIn, long offsetIn, ulong nodeOut, OpenFile? fileOut, long offsetOut, long size) => Answer(size, long.MaxValue, long.MinValue);

    [Lseek]
    private long Lseek(ulong node, OpenFile? file, long offset, Whence whence) => Answer(offset, long.MaxValue, long.MinValue);

    [Tmpfile]
    private Errno Tmpfile(ulong parent, UnixFileMode mode, FileInfo info, ref InodeEntry entry)
    {
        entry = Entry();
        return Status();
    }

    [Statx]
    private Errno Statx(ulong node, StatxFlags flags, StatxMask mask, ref Statx statx)
    {
        statx.SetBasicStats(Answer(new Stat { Inode = node, Type = FileType.Regular }, default, new Stat { Size = -1, Inode = ulong.MaxValue }));
        return Status();
    }

    /// <summary>The handle open and create return.</summary>
    public sealed class OpenFile
    {
    }
}

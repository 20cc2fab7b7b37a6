using System;
using System.IO;
using FuseGen.Interop;
using LockTable = global::MirrorFs.PosixLockTable;
using SourceFile = global::MirrorFs.OpenFile;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// The unlock libfuse sends at every close (flush), on a table with no lock in it: answered without touching the file
/// (the descriptor here is not even open), where it used to fstat the file to identify it on every close.
/// </summary>
public sealed class PosixLockTableTests : IDisposable
{
    private const int ClosedDescriptor = 1 << 30;
    private readonly string path = Path.Combine(Path.GetTempPath(), "fusegen-locktable-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void An_unlock_with_no_lock_held_succeeds_without_the_file()
    {
        var table = new LockTable();
        var unlock = Unlock();

        Assert.Equal(Errno.None, table.Apply(new SourceFile(ClosedDescriptor, 2), owner: 1, LockCommand.Set, ref unlock));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void While_a_lock_is_held_an_unlock_identifies_its_file()
    {
        File.WriteAllText(path, "locked");
        var table = new LockTable();
        using var file = new SourceFile(Posix.Open(path, 2), 2);
        var writeLock = new FileLock { Type = LockType.Write, Whence = Whence.Set, Start = 0, Length = 0 };
        Assert.Equal(Errno.None, table.Apply(file, owner: 1, LockCommand.Set, ref writeLock));
        Assert.Equal(1, table.Count);

        // Another file's unlock now has to find out which file it is: with no descriptor, it cannot.
        var unlock = Unlock();
        Assert.Equal(Errno.EBADF, table.Apply(new SourceFile(ClosedDescriptor, 2), owner: 1, LockCommand.Set, ref unlock));

        unlock = Unlock();
        Assert.Equal(Errno.None, table.Apply(file, owner: 1, LockCommand.Set, ref unlock));
        Assert.Equal(0, table.Count);
    }

    public void Dispose() => File.Delete(path);

    private static FileLock Unlock() => new() { Type = LockType.Unlock, Whence = Whence.Set, Start = 0, Length = 0 };
}

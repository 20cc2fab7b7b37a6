// Async operations of the inode API: every task form (ValueTask, ValueTask<T>, Task, Task<T>), async and non-async
// methods returning them, the request's buffer (Memory<byte>), listing (AsyncDirectoryFiller) and kept file info
// (an async open's flags and handle), the kernel's interrupt as a CancellationToken, and synchronous operations
// beside them.
using System;
using System.Threading;
using System.Threading.Tasks;
using FuseGen;

namespace Samples.Remote;

public sealed class RemoteFile
{
}

[FuseInodeFileSystem]
public sealed partial class AsyncInodeFs
{
    [Lookup]
    private async ValueTask<InodeEntry> LookupAsync(ulong parent, string name, CancellationToken cancellation)
    {
        await Task.Yield();
        return default;
    }

    [Getattr]
    private ValueTask<Stat> GetattrAsync(ulong node) => new(default(Stat));

    [Readlink]
    private static Task<string> ReadlinkAsync(ulong node, CancellationToken cancellation) => Task.FromResult("target");

    [Mkdir]
    private Task<InodeEntry> MkdirAsync(ulong parent, ReadOnlySpan<byte> name, System.IO.UnixFileMode mode, FuseContext caller, CancellationToken cancellation) => Task.FromResult(default(InodeEntry));

    [Unlink]
    private ValueTask<Errno> UnlinkAsync(ulong parent, ReadOnlySpan<byte> name) => new(Errno.None);

    [Rmdir]
    private ValueTask<int> RmdirAsync(ulong parent, string name) => new(0);

    [Rename]
    private async Task RenameAsync(ulong parent, string name, ulong newParent, string newName, RenameFlags flags, CancellationToken cancellation) =>
        await Task.Delay(1, cancellation).ConfigureAwait(false);

    // FileInfo is a ref struct: a method that takes it sets the flags before returning its task (not async itself).
    [Open]
    private Task<RemoteFile> OpenAsync(ulong node, FileInfo fileInfo, CancellationToken cancellation)
    {
        fileInfo.KeepCache = true;
        return OpenRemoteAsync(cancellation);
    }

    private static async Task<RemoteFile> OpenRemoteAsync(CancellationToken cancellation)
    {
        await Task.Delay(1, cancellation).ConfigureAwait(false);
        return new RemoteFile();
    }

    [Opendir]
    private ValueTask OpendirAsync(ulong node) => ValueTask.CompletedTask;

    [Read]
    private async ValueTask<int> ReadAsync(ulong node, RemoteFile file, Memory<byte> buffer, long offset, CancellationToken cancellation)
    {
        await Task.Delay(1, cancellation).ConfigureAwait(false);
        return buffer.Length;
    }

    [Write]
    private ValueTask<int> WriteAsync(ulong node, RemoteFile file, ReadOnlySpan<byte> data, long offset) => new(data.Length);

    [Flush]
    private ValueTask FlushAsync(ulong node, RemoteFile file) => ValueTask.CompletedTask;

    [Release]
    private void Release(ulong node, RemoteFile file)
    {
    }

    [Fsync]
    private Task FsyncAsync(ulong node, RemoteFile file, bool dataOnly, CancellationToken cancellation) => Task.CompletedTask;

    [Readdir]
    private async ValueTask ReaddirAsync(ulong node, AsyncDirectoryFiller entries, CancellationToken cancellation)
    {
        await Task.Yield();
        entries.Add("."u8, 1, FileType.Directory);
    }

    [Readdirplus]
    private Task ReaddirplusAsync(ulong node, AsyncDirectoryFiller entries)
    {
        entries.Add("."u8, new InodeEntry(1, default));
        return Task.CompletedTask;
    }

    [Statfs]
    private ValueTask<StatVfs> StatfsAsync(ulong node) => new(default(StatVfs));

    [Lseek]
    private Task<long> LseekAsync(ulong node, RemoteFile file, long offset, Whence whence) => Task.FromResult(offset);
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace FuseGen.Tests.InodeApi;

/// <summary>The handle an <see cref="AsyncOpenInodeFs"/> open returns.</summary>
public sealed class OpenedFile(ulong node)
{
    public ulong Node { get; } = node;

    public bool Released { get; set; }
}

/// <summary>
/// An inode filesystem whose open completes later (held by <see cref="OpenGate"/>), setting keep_cache on the file
/// info before it returns its task: the deferred open reply must carry the handle from the request's kept copy.
/// </summary>
[FuseInodeFileSystem]
public sealed partial class AsyncOpenInodeFs
{
    private int opens;

    public TaskCompletionSource OpenGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Opens => Volatile.Read(ref opens);

    [Lookup]
    private static Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    // FileInfo is a ref struct: the flags are set before the task is returned.
    [Open]
    private Task<OpenedFile> OpenAsync(ulong node, FileInfo fileInfo)
    {
        fileInfo.KeepCache = true;
        Interlocked.Increment(ref opens);
        return OpenLaterAsync(node);
    }

    [Read]
    private static int Read(ulong node, OpenedFile file, Span<byte> buffer, long offset)
    {
        buffer[0] = (byte)file.Node;
        return 1;
    }

    [Release]
    private static void Release(ulong node, OpenedFile file) => file.Released = true;

    private async Task<OpenedFile> OpenLaterAsync(ulong node)
    {
        await OpenGate.Task.ConfigureAwait(false);
        return new OpenedFile(node);
    }
}

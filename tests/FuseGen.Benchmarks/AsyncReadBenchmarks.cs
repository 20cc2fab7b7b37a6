using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FuseGen.Marshalling;
using FuseGen.Testing;

namespace FuseGen.Benchmarks;

/// <summary>
/// An inode read and getattr whose method returns a task that is already complete (the cached case of an async
/// filesystem) against the same method written synchronously, each through its generated trampoline as libfuse calls
/// it (KernelFreeInodeSession: fake requests and replies). Issue 14: within noise of the synchronous method, 0 B per call.
/// </summary>
/// <remarks>One session at a time exists, so each benchmark sets up the filesystem it measures.</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class AsyncReadBenchmarks
{
    private const ulong File = 2;
    private const nuint ReadSize = 4096;
    private const long ReadOffset = 8192;

    private KernelFreeInodeSession session = null!;

    [GlobalSetup(Targets = new[] { nameof(ReadSync), nameof(GetattrSync) })]
    public void SetupSync() => Serve(new SyncInodeFs());

    [GlobalSetup(Targets = new[] { nameof(ReadValueTask), nameof(GetattrValueTask) })]
    public void SetupValueTask() => Serve(new ValueTaskInodeFs());

    [GlobalSetup(Targets = new[] { nameof(ReadValueTaskToken), nameof(GetattrValueTaskToken) })]
    public void SetupValueTaskToken() => Serve(new ValueTaskTokenInodeFs());

    [GlobalSetup(Targets = new[] { nameof(ReadAsyncMethod), nameof(GetattrAsyncMethod) })]
    public void SetupAsyncMethod() => Serve(new AsyncMethodInodeFs());

    [GlobalCleanup]
    public void Cleanup()
    {
        if (AsyncInodeRequest.Outstanding != 0 || AsyncInodeRequest.Deferred != 0)
        {
            throw new InvalidOperationException($"{AsyncInodeRequest.Outstanding} requests outstanding, {AsyncInodeRequest.Deferred} deferred: the benchmark measured something else than inline completion");
        }

        session.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read 4 KiB")]
    public void ReadSync() => session.Operations->read(session.NewRequest(), File, ReadSize, ReadOffset, null);

    [Benchmark]
    [BenchmarkCategory("read 4 KiB")]
    public void ReadValueTask() => session.Operations->read(session.NewRequest(), File, ReadSize, ReadOffset, null);

    [Benchmark]
    [BenchmarkCategory("read 4 KiB")]
    public void ReadValueTaskToken() => session.Operations->read(session.NewRequest(), File, ReadSize, ReadOffset, null);

    [Benchmark]
    [BenchmarkCategory("read 4 KiB")]
    public void ReadAsyncMethod() => session.Operations->read(session.NewRequest(), File, ReadSize, ReadOffset, null);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("getattr")]
    public void GetattrSync() => session.Operations->getattr(session.NewRequest(), File, null);

    [Benchmark]
    [BenchmarkCategory("getattr")]
    public void GetattrValueTask() => session.Operations->getattr(session.NewRequest(), File, null);

    [Benchmark]
    [BenchmarkCategory("getattr")]
    public void GetattrValueTaskToken() => session.Operations->getattr(session.NewRequest(), File, null);

    [Benchmark]
    [BenchmarkCategory("getattr")]
    public void GetattrAsyncMethod() => session.Operations->getattr(session.NewRequest(), File, null);

    private void Serve(IFuseInodeFileSystem fileSystem)
    {
        session = new KernelFreeInodeSession(fileSystem) { RecordReplies = false };
        var request = session.NewRequest();
        session.Operations->read(request, File, ReadSize, ReadOffset, null);
        if (session.ReplyCount != 1)
        {
            throw new InvalidOperationException("the read was not answered inline");
        }
    }
}

/// <summary>The data every benchmark filesystem serves: 64 KiB, one regular file (inode 2).</summary>
internal static class AsyncBenchData
{
    public static readonly byte[] Content = CreateContent();

    public static Stat FileStat => new() { Inode = 2, Type = FileType.Regular, Links = 1, Size = Content.Length };

    public static int Copy(Span<byte> buffer, long offset)
    {
        var count = (int)Math.Min(buffer.Length, Math.Max(0, Content.Length - offset));
        Content.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    private static byte[] CreateContent()
    {
        var content = new byte[64 * 1024];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = (byte)(i * 31);
        }

        return content;
    }
}

/// <summary>The synchronous methods: the baseline.</summary>
[FuseInodeFileSystem]
internal sealed partial class SyncInodeFs
{
    [Lookup]
    private static Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    [Getattr]
    private static Stat Getattr(ulong node) => AsyncBenchData.FileStat;

    [Read]
    private static int Read(ulong node, Span<byte> buffer, long offset) => AsyncBenchData.Copy(buffer, offset);
}

/// <summary>The same, returning completed <c>ValueTask</c>s (a method that answers from a cache without awaiting).</summary>
[FuseInodeFileSystem]
internal sealed partial class ValueTaskInodeFs
{
    [Lookup]
    private static Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    [Getattr]
    private static System.Threading.Tasks.ValueTask<Stat> GetattrAsync(ulong node) => new(AsyncBenchData.FileStat);

    [Read]
    private static System.Threading.Tasks.ValueTask<int> ReadAsync(ulong node, Memory<byte> buffer, long offset) => new(AsyncBenchData.Copy(buffer.Span, offset));
}

/// <summary>The same with a <c>CancellationToken</c> (not an <c>async</c> method): what the token costs FuseGen alone.</summary>
[FuseInodeFileSystem]
internal sealed partial class ValueTaskTokenInodeFs
{
    [Lookup]
    private static Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    [Getattr]
    private static System.Threading.Tasks.ValueTask<Stat> GetattrAsync(ulong node, System.Threading.CancellationToken token) => new(AsyncBenchData.FileStat);

    [Read]
    private static System.Threading.Tasks.ValueTask<int> ReadAsync(ulong node, Memory<byte> buffer, long offset, System.Threading.CancellationToken token) => new(AsyncBenchData.Copy(buffer.Span, offset));
}

/// <summary>An <c>async</c> method with a token whose awaits are all already complete (the cache hit of a method that may wait).</summary>
[FuseInodeFileSystem]
internal sealed partial class AsyncMethodInodeFs
{
    [Lookup]
    private static Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    [Getattr]
    private static async System.Threading.Tasks.ValueTask<Stat> GetattrAsync(ulong node, System.Threading.CancellationToken token)
    {
        await System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        return AsyncBenchData.FileStat;
    }

    [Read]
    private static async System.Threading.Tasks.ValueTask<int> ReadAsync(ulong node, Memory<byte> buffer, long offset, System.Threading.CancellationToken token)
    {
        await System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        return AsyncBenchData.Copy(buffer.Span, offset);
    }
}

using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// FUSE019: an operation method of either API that blocks its libfuse worker on a task (<c>.Result</c>,
/// <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>); not where the task is known to be complete, not in a lambda or
/// local function, not on <c>await</c>, not outside operation methods.
/// </summary>
public class BlockingWaitTests
{
    private static string Inode(string members) =>
        Sources.Usings + "using System.Threading;\npublic sealed class OpenFile { }\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" + members + "\n}\n";

    private const string Lookup = """
        [Lookup]
        async ValueTask<InodeEntry> Lookup(ulong parent, string name, CancellationToken token) { await Task.Yield(); return default; }
        """;

    private const string Fetch = """
        static Task<int> Fetch() => Task.FromResult(0);
        static ValueTask<int> FetchValue() => new(0);
        """;

    [Fact]
    public async Task Each_way_of_blocking_in_a_path_operation_is_a_warning_pointing_to_the_inode_api()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem(Fetch + """
            [Getattr]
            Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) { {|FUSE019:Fetch().Wait()|}; return Errno.None; }
            [Read]
            int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset) => {|FUSE019:Fetch().Result|};
            [Write]
            int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset) => {|FUSE019:FetchValue().ConfigureAwait(false).GetAwaiter().GetResult()|} + {|FUSE019:Fetch().GetAwaiter().GetResult()|};
            [Flush]
            Errno Flush(ReadOnlySpan<byte> path) { {|FUSE019:Task.WaitAll(Fetch(), Fetch())|}; return Errno.None; }
            """));

        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(
            "Method 'Read' ([Read]) blocks its libfuse worker on '.Result' until the task completes, which stalls other requests and can deadlock; path-API operations answer libfuse when they return, on libfuse's thread; for async code use the inode API ([FuseInodeFileSystem]), whose methods may return ValueTask or Task and await",
            diagnostics[1].GetMessage());
        Assert.Equal("Method 'Getattr' ([Getattr]) blocks its libfuse worker on '.Wait()'", diagnostics[0].GetMessage().Substring(0, 67));
        Assert.Contains("on '.GetAwaiter().GetResult()'", diagnostics[2].GetMessage());
        Assert.Contains("on 'Task.WaitAll()'", diagnostics[4].GetMessage());
    }

    [Fact]
    public async Task Blocking_in_a_sync_or_async_inode_operation_suggests_awaiting()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + Fetch + """
            [Getattr]
            Stat Getattr(ulong node) => new Stat { Size = {|FUSE019:Fetch().Result|} };
            [Open]
            OpenFile Open(ulong node, FileInfo info) => new();
            [Read]
            async ValueTask<int> Read(ulong node, OpenFile file, Memory<byte> buffer, long offset, CancellationToken token) { await Task.Yield(); return {|FUSE019:FetchValue().Result|}; }
            [Release]
            void Release(ulong node, OpenFile file) { }
            [Flush]
            async ValueTask Flush(ulong node, OpenFile file)
            {
                // Awaited or checked only after the wait: still a wait.
                var pending = Fetch();
                var early = {|FUSE019:pending.Result|};
                await pending;
                _ = pending.IsCompleted;
            }
            """));

        Assert.Equal(
            "Method 'Getattr' ([Getattr]) blocks its libfuse worker on '.Result' until the task completes, which stalls other requests and can deadlock; return ValueTask or Task from the method and await the task: FuseGen replies when it completes, and the worker serves other requests meanwhile",
            diagnostics[0].GetMessage());
        Assert.Contains("Method 'Read' ([Read])", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Await_completed_tasks_lambdas_and_methods_without_an_operation_draw_nothing()
    {
        await AnalyzerVerifier.VerifyCleanAsync(Inode(Lookup + Fetch + """
            [Getattr]
            async ValueTask<Stat> Getattr(ulong node)
            {
                var size = Fetch();
                var links = Fetch();
                await Task.WhenAll(size, links);
                return new Stat { Size = size.Result, Links = links.Result + await Fetch() };
            }
            [Open]
            OpenFile Open(ulong node, FileInfo info) => new();
            [Read]
            ValueTask<int> Read(ulong node, OpenFile file, Memory<byte> buffer, long offset)
            {
                var read = FetchValue();
                return read.IsCompletedSuccessfully ? new(read.Result) : Slow(read);
                static async ValueTask<int> Slow(ValueTask<int> pending) => await pending + Fetch().Result;
            }
            [Flush]
            ValueTask Flush(ulong node, OpenFile file) => new(Fetch().ContinueWith(t => t.Result));
            [Release]
            void Release(ulong node, OpenFile file) { }
            int Helper() => Fetch().Result + FetchValue().GetAwaiter().GetResult();
            """));
    }
}

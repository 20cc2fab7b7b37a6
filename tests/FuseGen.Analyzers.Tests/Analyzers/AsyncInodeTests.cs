using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// Async methods on the inode API: accepted when they return a task of an awaitable shape (FUSE006 is for the path
/// API and async void); parameters that do not outlive the call (spans to fill, ref locals, FileInfo) refused on a
/// task-returning method, and the async-only ones (Memory&lt;byte&gt;, AsyncDirectoryFiller, CancellationToken)
/// refused on a synchronous one (FUSE001).
/// </summary>
public class AsyncInodeTests
{
    private static string Inode(string members) =>
        Sources.Usings + "using System.Threading;\npublic sealed class OpenFile { }\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" + members + "\n}\n";

    private const string Lookup = """
        [Lookup]
        async ValueTask<InodeEntry> Lookup(ulong parent, string name, CancellationToken token) { await Task.Yield(); return default; }
        """;

    [Fact]
    public async Task Async_inode_methods_of_every_task_form_have_no_diagnostics()
    {
        await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Getattr]
            ValueTask<Stat> Getattr(ulong node) => new(default(Stat));
            [Open]
            OpenFile Open(ulong node, FileInfo info) => new();
            [Read]
            async Task<int> Read(ulong node, OpenFile file, Memory<byte> buffer, long offset, CancellationToken token) { await Task.Delay(1, token); return 0; }
            [Flush]
            ValueTask Flush(ulong node, OpenFile file) => default;
            [Release]
            void Release(ulong node, OpenFile file) { }
            [Readdir]
            async Task Readdir(ulong node, AsyncDirectoryFiller entries, CancellationToken token) { await Task.Yield(); entries.Add("."u8, 1, FileType.Directory); }
            """));
    }

    [Fact]
    public async Task An_async_void_inode_method_is_reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Flush]
            async void {|FUSE006:Flush|}(ulong node) => await Task.Yield();
            """));

        Assert.Equal("Method 'Flush' cannot implement [Flush]: it is async void (nothing would wait for its work: return ValueTask or Task, and FuseGen replies when it completes)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_span_to_fill_is_refused_on_a_task_returning_read()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Read]
            ValueTask<int> Read(ulong node, Span<byte> {|FUSE001:buffer|}, long offset) => new(0);
            """));

        Assert.Equal("Method 'Read' cannot implement [Read]: parameter 'System.Span<byte> buffer' cannot be used by a method that returns a task: it does not outlive the call, and the reply is sent when the task completes; take 'Memory<byte> buffer' instead", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task What_a_task_returning_method_may_still_take_lists_only_the_task_forms()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Read]
            ValueTask<int> Read(ulong node, Memory<byte> buffer, int {|FUSE001:offset|}) => new(0);
            """));

        Assert.EndsWith("parameter 'int offset' does not fit [Read], which expects here long offset; long size (optional); FileInfo fileInfo (optional)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task An_entry_to_fill_is_refused_on_a_task_returning_lookup_and_the_task_of_the_entry_named()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode("""
            [Lookup]
            ValueTask<InodeEntry> Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry {|FUSE001:entry|}) => new(entry);
            """));

        Assert.EndsWith("cannot be used by a method that returns a task: it does not outlive the call, and the reply is sent when the task completes; return 'ValueTask<InodeEntry>' instead", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Ref_file_info_on_a_task_returning_read_is_refused_and_the_copy_named()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Read]
            ValueTask<int> Read(ulong node, Memory<byte> buffer, long offset, ref FileInfo {|FUSE001:fileInfo|}) => new(0);
            """));

        Assert.EndsWith("and the reply is sent when the task completes; take 'FileInfo fileInfo' instead", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Async_only_parameters_are_refused_on_a_synchronous_method()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Read]
            int Read(ulong node, Memory<byte> {|FUSE001:buffer|}, long offset) => 0;
            [Getattr]
            Stat Getattr(ulong node, CancellationToken {|FUSE001:token|}) => default;
            """));

        Assert.All(diagnostics, d => Assert.EndsWith("is only for a method that returns a task (ValueTask or Task)", d.GetMessage()));
    }

    [Fact]
    public async Task A_task_of_a_result_written_to_a_ref_local_is_refused_and_the_async_form_named()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode("""
            [Lookup]
            {|FUSE001:ValueTask<Errno>|} Lookup(ulong parent, ReadOnlySpan<byte> name) => new(Errno.ENOENT);
            """));

        Assert.Contains("or, async, 'ValueTask<InodeEntry>' or 'Task<InodeEntry>'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_release_cannot_return_a_task()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Open]
            OpenFile Open(ulong node) => new();
            [Release]
            {|FUSE001:ValueTask|} Release(ulong node, OpenFile file) => default;
            """));

        Assert.StartsWith("Method 'Release' cannot implement [Release]: [Release] cannot return a task", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_task_on_the_path_api_points_to_the_inode_api()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            {|FUSE001:ValueTask<Errno>|} Unlink(string path) => new(Errno.None);
            """));

        Assert.EndsWith("a task is accepted only by [FuseInodeFileSystem] operations, whose replies may be deferred (the path API answers libfuse when the method returns)", diagnostics[0].GetMessage());
    }
}

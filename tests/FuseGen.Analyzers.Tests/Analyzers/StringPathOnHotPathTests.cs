using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE012: a string path, allocated on every call, on an operation called for every transfer or lookup.</summary>
public class StringPathOnHotPathTests
{
    [Fact]
    public async Task A_string_path_on_getattr_read_and_write_is_a_suggestion_on_each_parameter()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno Getattr(string {|FUSE012:path|}, ref Stat stat) => Errno.None;
            [Read]
            int Read(string {|FUSE012:name|}, Span<byte> buffer, long offset) => 0;
            [Write]
            int Write(string {|FUSE012:path|}, ReadOnlySpan<byte> data, long offset) => data.Length;
            """));

        Assert.Equal(
            "Method 'Read' takes its path as a string, which allocates on every [Read] call; take 'ReadOnlySpan<byte> name' (UTF-8) to keep the call allocation-free",
            diagnostics[1].GetMessage());
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public async Task Span_paths_and_string_paths_on_other_operations_draw_nothing()
    {
        await AnalyzerVerifier.VerifyCleanAsync(Sources.FileSystem("""
            [Getattr]
            Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
            [Read]
            int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset) => 0;
            [Unlink]
            Errno Unlink(string path) => Errno.None;
            [Rename]
            Errno Rename(string path, string newPath) => Errno.None;
            """));
    }
}

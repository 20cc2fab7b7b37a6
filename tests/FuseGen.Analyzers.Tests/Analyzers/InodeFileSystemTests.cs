using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// The path API's rules applied to [FuseInodeFileSystem] types through the inode catalog (signatures, duplicates,
/// unsupported operations, handle flow), and the inode API's own: FUSE013 (an attribute of the other API), FUSE014
/// (no [Lookup]), FUSE015 ([Forget] without [Lookup]).
/// </summary>
public class InodeFileSystemTests
{
    private static string Inode(string members) =>
        Sources.Usings + "public sealed class Node { }\npublic sealed class OpenFile { }\npublic sealed class OtherFile { }\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" + members + "\n}\n";

    private const string Lookup = """
        [Lookup]
        Errno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
        """;

    [Fact]
    public async Task A_valid_inode_filesystem_has_no_diagnostics()
    {
        await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Forget]
            void Forget(Node node, ulong count) { }
            [Getattr]
            Stat Getattr(Node node) => default;
            [Open]
            OpenFile Open(Node node, FileInfo info) => new();
            [Read]
            int Read(Node node, OpenFile file, Span<byte> buffer, long offset) => 0;
            [Release]
            void Release(Node node, OpenFile file) { }
            [Readdirplus]
            void Readdirplus(ulong node, ref InodeDirectoryFiller entries) { }
            """));
    }

    [Fact]
    public async Task A_signature_that_does_not_fit_the_inode_operation_is_reported()
    {
        // A path where the inode goes: [Getattr] of the inode API takes the node first.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Getattr]
            Errno Getattr(ReadOnlySpan<byte> {|FUSE001:path|}, ref Stat stat) => Errno.None;
            """));

        Assert.Contains("[Getattr]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_second_implementation_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Getattr]
            Stat Getattr(Node node) => default;
            [{|FUSE004:Getattr|}]
            Stat GetattrAgain(ulong node) => default;
            """));
    }

    [Fact]
    public async Task A_handle_of_another_type_than_open_returns_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Open]
            OpenFile Open(Node node) => new();
            [Read]
            int Read(Node node, OtherFile {|FUSE008:file|}, Span<byte> buffer, long offset) => 0;
            [Release]
            void Release(Node node, OpenFile file) { }
            """));
    }

    [Fact]
    public async Task An_attribute_of_the_path_api_on_an_inode_filesystem_is_reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [{|FUSE013:Chmod|}]
            Errno Chmod(ReadOnlySpan<byte> path, uint mode) => Errno.None;
            """));

        Assert.Equal("Method 'Chmod' has [Chmod], which a [FuseInodeFileSystem] type does not have, so the operation is never bound", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task An_attribute_of_the_inode_api_on_a_path_filesystem_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
            [{|FUSE013:Lookup|}]
            Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
            """));
    }

    [Fact]
    public async Task An_inode_filesystem_without_lookup_is_warned_on_its_name()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseInodeFileSystem]
            public partial class {|FUSE014:Fs|}
            {
                [Getattr]
                Stat Getattr(ulong node) => default;
            }
            """);

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task Forget_without_lookup_is_warned()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseInodeFileSystem]
            public partial class {|FUSE014:{|FUSE015:Fs|}|}
            {
                [Forget]
                void Forget(ulong node, ulong count) { }
            }
            """);
    }

    [Fact]
    public async Task A_handle_nothing_opens_and_a_handle_nothing_releases_are_warned_as_on_the_path_api()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup + """
            [Opendir]
            {|FUSE010:OtherFile|} Opendir(Node node) => new();
            [Read]
            int Read(Node node, OpenFile {|FUSE009:file|}, Span<byte> buffer, long offset) => 0;
            """), advice: true);

        Assert.Equal("[Opendir] returns 'OtherFile', but no [Releasedir] method takes it and it is not IDisposable: whatever it holds is never closed when the file is released", diagnostics[0].GetMessage());
        Assert.Equal("Method 'Read' takes a 'OpenFile' handle, but no [Open] or [Create] or [Tmpfile] method returns one, so it always receives null", diagnostics[1].GetMessage());
    }

    [Theory]
    [InlineData("Lookup", "Node parent, ReadOnlySpan<byte> name")]
    [InlineData("Mkdir", "Node parent, ReadOnlySpan<byte> name, uint mode")]
    public async Task An_operation_that_answers_an_entry_but_takes_none_is_told_where_it_goes(string operation, string parameters)
    {
        // Errno.None alone would answer no inode: the entry is returned, or written into the parameter.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(Lookup.Replace("[Lookup]", operation == "Lookup" ? "" : "[Lookup]", System.StringComparison.Ordinal).Replace("Errno Lookup(", operation == "Lookup" ? "Errno LookupUnused(" : "Errno Lookup(", System.StringComparison.Ordinal) + $$"""

            [{{operation}}]
            Errno {|FUSE001:{{operation}}|}({{parameters}}) => Errno.ENOENT;
            """));

        Assert.Equal($"Method '{operation}' cannot implement [{operation}]: returning 'Errno' needs the parameter 'ref InodeEntry entry' to write into", diagnostics[0].GetMessage());
    }
}

using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE011: operations the kernel reaches only through a lookup, in a filesystem without [Getattr].</summary>
public class MissingGetattrTests
{
    [Fact]
    public async Task A_filesystem_that_writes_creates_and_lists_without_getattr_is_warned_once_on_its_name()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseFileSystem]
            public partial class {|FUSE011:Fs|}
            {
                [Create]
                int Create(ReadOnlySpan<byte> path, uint mode) => 0;
                [Write]
                int Write(ReadOnlySpan<byte> data, long offset) => data.Length;
                [Readdir]
                void Readdir(ref DirectoryFiller entries) { }
            }
            """);

        // Operations are listed in fuse_operations order, whatever the order of the methods.
        Assert.Equal(
            "Type 'Fs' implements [Write], [Readdir], [Create] but no [Getattr]: the kernel looks up every path with getattr first, so they are never reached (lookups fail with ENOSYS)",
            diagnostics[0].GetMessage());
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task The_warning_lands_on_the_declaration_that_carries_the_attribute()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public partial class Fs
            {
                [Unlink]
                Errno Unlink(ReadOnlySpan<byte> path) => Errno.None;
            }

            [FuseFileSystem]
            public partial class {|FUSE011:Fs|}
            {
            }
            """);
    }

    [Theory]
    [InlineData("""
        [Getattr]
        Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
        [Write]
        int Write(ReadOnlySpan<byte> data, long offset) => data.Length;
        """)]
    [InlineData("""
        [Statfs]
        Errno Statfs(ref StatVfs stat) => Errno.None;
        [Init]
        void Init() { }
        [Destroy]
        void Destroy() { }
        """)]
    public async Task A_filesystem_with_getattr_or_without_lookups_draws_nothing(string members)
    {
        await AnalyzerVerifier.VerifyCleanAsync(Sources.FileSystem(members));
    }

    [Fact]
    public async Task A_getattr_with_a_wrong_signature_is_reported_for_its_signature_not_as_missing()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno Getattr(ReadOnlySpan<byte> path, Stat {|FUSE001:stat|}) => Errno.None;
            [Unlink]
            Errno Unlink(ReadOnlySpan<byte> path) => Errno.None;
            """), advice: true);
    }
}

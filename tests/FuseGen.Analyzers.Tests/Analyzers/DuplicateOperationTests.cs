using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE004: the second method bound to an operation, reported on its attribute.</summary>
public class DuplicateOperationTests
{
    [Fact]
    public async Task The_second_implementation_is_reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;

            [{|FUSE004:Getattr|}]
            Errno GetAttributes(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;

            [{|FUSE004:Getattr|}]
            int GetAttributesAgain(ref Stat stat) => 0;
            """));

        Assert.Equal("[Getattr] is already implemented by 'GetAttr'; 'GetAttributes' is ignored", diagnostics[0].GetMessage());
        Assert.Equal("[Getattr] is already implemented by 'GetAttr'; 'GetAttributesAgain' is ignored", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task A_method_that_does_not_fit_does_not_count()
    {
        // The first method is never bound, so the second is the implementation: the generator agrees.
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, Stat {|FUSE001:stat|}) => Errno.None;

            [Getattr]
            Errno GetAttributes(string path, ref Stat stat) => Errno.None;
            """));
    }

    [Fact]
    public async Task Implementations_in_two_partial_declarations()
    {
        // The markup of the second file places the diagnostic there (/0/Test1.cs), at the second declaration.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(new[]
        {
            Sources.FileSystem("[Unlink]\nErrno Unlink(string path) => Errno.None;"),
            Sources.Usings + """
                partial class Fs
                {
                    [{|FUSE004:Unlink|}]
                    Errno Remove(string path) => Errno.None;
                }
                """,
        });

        Assert.Equal("/0/Test1.cs", Assert.Single(diagnostics).Location.SourceTree!.FilePath);
    }

    [Fact]
    public async Task Different_operations_with_the_same_shape_are_not_duplicates()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Flush]
            Errno Flush(string path) => Errno.None;

            [Release]
            Errno Release(string path) => Errno.None;

            [Releasedir]
            Errno ReleaseDir(string path) => Errno.None;
            """));
    }

    [Fact]
    public async Task Overloads_are_named_by_their_parameters()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;

            [{|FUSE004:Getattr|}]
            Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
            """));

        Assert.Equal("[Getattr] is already implemented by 'GetAttr(string, ref Stat)'; 'GetAttr(ReadOnlySpan<byte>, ref Stat)' is ignored", diagnostics[0].GetMessage());
    }
}

using System.Linq;
using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE017: a filesystem in a project without AllowUnsafeBlocks is told so once, at its name.</summary>
public class UnsafeCodeTests
{
    private static readonly string Source = Sources.FileSystem("""
        [Getattr]
        Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
        """);

    [Fact]
    public async Task Without_unsafe_code_the_filesystem_is_reported_at_its_name()
    {
        var compilation = WithoutUnsafe(TestCompilation.Create(Source));

        var diagnostic = Assert.Single(await TestCompilation.AnalyzeAsync(compilation, advice: true));

        Assert.Equal(DiagnosticIds.UnsafeCodeDisabled, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Filesystem 'Fs' needs unsafe code, which this project does not allow: the generated entry points take native pointers; set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project (the FuseGen package's build props set it unless the project turns it off)",
            diagnostic.GetMessage());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("/0/Test0.cs", 6, 21, 23), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Character));
        Assert.Equal("Fs", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public async Task The_compiler_alone_would_only_reject_the_generated_code()
    {
        // What FUSE017 explains: without it, the user sees CS0227 in a file they did not write.
        var run = TestCompilation.RunGenerator(WithoutUnsafe(TestCompilation.Create(Source)));

        Assert.Contains(run.OutputErrors, e => e.Id == "CS0227" && e.Location.SourceTree!.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal));
        Assert.DoesNotContain(run.InputErrors, e => e.Id == "CS0227");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task With_unsafe_code_nothing_is_reported()
    {
        Assert.True(((CSharpCompilationOptions)TestCompilation.Create(Source).Options).AllowUnsafe);
        Assert.Empty((await TestCompilation.AnalyzeAsync(TestCompilation.Create(Source), advice: true)).Where(d => d.Id == DiagnosticIds.UnsafeCodeDisabled));
    }

    private static Compilation WithoutUnsafe(Compilation compilation) =>
        compilation.WithOptions(((CSharpCompilationOptions)compilation.Options).WithAllowUnsafe(false));
}

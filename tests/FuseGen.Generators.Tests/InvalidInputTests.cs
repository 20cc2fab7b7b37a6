using System.Collections.Generic;
using System.Linq;
using FuseGen.Generators.Tests.Infrastructure;
using FuseGen.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>
/// Invalid filesystems never crash the generator and never make it emit code that does not compile: what cannot be
/// bound is left out (the analyzers report it). Each case keeps one valid method so a filesystem is still generated.
/// </summary>
public sealed class InvalidInputTests
{
    private const string Usings = "using System;\nusing System.Threading.Tasks;\nusing FuseGen;\n\nnamespace Invalid;\n\n";

    private const string Valid = """
            [Unlink]
            private static Errno Valid(ReadOnlySpan<byte> path) => path.IsEmpty ? Errno.ENOENT : Errno.None;
        """;

    /// <summary>Methods that must be skipped, each named <c>Skipped</c>, beside <see cref="Valid"/>.</summary>
    public static TheoryData<string, string> SkippedMethods => new()
    {
        { "wrong return type", "[Getattr] private static string Skipped(ReadOnlySpan<byte> path, ref Stat stat) => \"\";" },
        { "Stat not by ref", "[Getattr] private static Errno Skipped(ReadOnlySpan<byte> path, Stat stat) => Errno.None;" },
        { "Span where ReadOnlySpan is required", "[Write] private static int Skipped(ReadOnlySpan<byte> path, Span<byte> data, long offset) => data.Length;" },
        { "generic method", "[Getattr] private static Errno Skipped<T>(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;" },
        { "async Task method", "[Mkdir] private static async Task<Errno> Skipped(string path) { await Task.Yield(); return Errno.None; }" },
        { "async void method", "[Rmdir] private static async void Skipped(string path) => await Task.Yield();" },
        { "two operation attributes", "[Rmdir, Open] private static Errno Skipped(ReadOnlySpan<byte> path) => Errno.None;" },
        { "operation bound twice", "[Unlink] private static Errno Skipped(ReadOnlySpan<byte> path) => Errno.None;" },
        { "missing required parameter", "[Read] private static int Skipped(ReadOnlySpan<byte> path, long offset) => 0;" },
        { "parameter out of order", "[Rename] private static Errno Skipped(RenameFlags flags, ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath) => Errno.None;" },
        { "extra parameter", "[Unlink] private static Errno Skipped(ReadOnlySpan<byte> path, int extra) => Errno.None;" },
        { "iterator", "[Readdir] private static System.Collections.Generic.IEnumerable<string> Skipped(string path) { yield return \".\"; }" },
        { "optional parameter with nothing to bind to", "[Rmdir] private static Errno Skipped(ReadOnlySpan<byte> path, int retries = 3) => Errno.None;" },
        { "params parameter", "[Rmdir] private static Errno Skipped(params string[] paths) => Errno.None;" },
        { "returns by ref", "[Lseek] private static ref long Skipped(ReadOnlySpan<byte> path, long offset, Whence whence) => ref Field;\n    private static long Field;" },
        { "readlink int without buffer", "[Readlink] private static int Skipped(ReadOnlySpan<byte> path) => 0;" },
        { "readlink span with buffer", "[Readlink] private static ReadOnlySpan<byte> Skipped(ReadOnlySpan<byte> path, Span<byte> buffer) => default;" },
        { "operation not bindable yet", "[Getxattr] private static int Skipped(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name) => 0;" },
        { "extern method", "[Rmdir] [System.Runtime.InteropServices.DllImport(\"libc\")] private static extern Errno Skipped(ReadOnlySpan<byte> path);" },
        { "attributed local function", "private static Errno Other(ReadOnlySpan<byte> path) { return Skipped(path); [Rmdir] static Errno Skipped(ReadOnlySpan<byte> path) => Errno.None; }" },
        { "same-named attribute not FuseGen's", "private sealed class GetattrAttribute : Attribute { }\n    [Getattr] private static Errno Skipped(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;" },
    };

    /// <summary>Filesystem types the generator must ignore altogether.</summary>
    public static TheoryData<string, string> IgnoredTypes => new()
    {
        { "non-partial class", "[FuseFileSystem] public sealed class Skipped { " + Valid + " }" },
        { "generic class", "[FuseFileSystem] public sealed partial class Skipped<T> { " + Valid + " }" },
        { "static class", "[FuseFileSystem] public static partial class Skipped { " + Valid + " }" },
        { "inside a non-partial class", "public class Outer { [FuseFileSystem] public sealed partial class Skipped { " + Valid + " } }" },
        { "inside a generic class", "public partial class Outer<T> { [FuseFileSystem] public sealed partial class Skipped { " + Valid + " } }" },
        { "struct", "[FuseFileSystem] public partial struct Skipped { " + Valid + " }" },
        { "abstract class (abstract operations included)", "[FuseFileSystem] public abstract partial class Skipped { " + Valid + " [Rmdir] protected abstract Errno Rmdir(ReadOnlySpan<byte> path); }" },
    };

    [Theory]
    [MemberData(nameof(SkippedMethods))]
    public void Invalid_method_is_skipped(string description, string member)
    {
        var source = Usings + $"[FuseFileSystem]\npublic sealed partial class FileSystem\n{{\n{Valid}\n\n    {member}\n}}\n";

        var run = RunWithoutNewErrors(source, description);

        Assert.Empty(run.InputErrors);
        var generated = run.SingleSource.SourceText.ToString();
        Assert.Contains(".Valid(", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Skipped", generated, System.StringComparison.Ordinal);
        Assert.Equal(new[] { "unlink" }, run.BoundNativeNames);
    }

    [Theory]
    [MemberData(nameof(IgnoredTypes))]
    public void Invalid_type_is_ignored(string description, string declaration)
    {
        var run = RunWithoutNewErrors(Usings + declaration + "\n", description);

        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Cases_are_otherwise_valid()
    {
        // Guards the theories above: the same filesystem with only the valid method produces code.
        var run = RunWithoutNewErrors(Usings + "[FuseFileSystem] public sealed partial class FileSystem { " + Valid + " }\n", "valid");

        Assert.Equal(new[] { "unlink" }, run.BoundNativeNames);
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void Source_that_does_not_compile_does_not_crash_the_generator()
    {
        var run = RunWithoutNewErrors(Usings + "[FuseFileSystem] public partial class Broken { [Getattr] private static Errno GetAttr(ReadOnlySpan<byte> path, ref Missing stat) => Errno.None; " +
            "[Unlink] private static Errno Unlink(ReadOnlySpan<byte> path) => Errno.None }\n", "syntax and binding errors");

        Assert.DoesNotContain("GetAttr", run.SingleSource.SourceText.ToString(), System.StringComparison.Ordinal);
    }

    /// <summary>Runs the generator and asserts it neither failed nor added a compiler error to those the input already has.</summary>
    private static GeneratorRun RunWithoutNewErrors(string source, string description)
    {
        var run = GeneratorRunner.Run(source);

        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        var added = Messages(run.OutputErrors).Except(Messages(run.InputErrors)).ToList();
        Assert.True(added.Count == 0, $"{description}: the generated code adds errors:\n{string.Join("\n", added)}");
        return run;
    }

    private static HashSet<string> Messages(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(d => d.ToString()).ToHashSet();
}

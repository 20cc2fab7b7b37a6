using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// Shapes a native entry point cannot call the way they read: iterators (FUSE006), optional parameters with nothing
/// to bind to and ref structs where a class or another ref-ness is needed (FUSE001).
/// </summary>
public class UnbindableShapeTests
{
    [Fact]
    public async Task An_iterator_is_reported_on_its_name()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Readdir]
            IEnumerable<string> {|FUSE006:Readdir|}(string path)
            {
                yield return ".";
            }
            """));

        Assert.Equal("Method 'Readdir' cannot implement [Readdir]: it is an iterator (its body would run lazily, after the native call has returned)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_yield_inside_a_local_function_or_lambda_does_not_make_the_method_an_iterator()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Readdir]
            void Readdir(ref DirectoryFiller entries)
            {
                foreach (var name in Names())
                {
                    entries.Add(name);
                }

                static IEnumerable<string> Names()
                {
                    yield return ".";
                }
            }
            """));
    }

    [Fact]
    public async Task An_optional_parameter_with_nothing_to_bind_to_is_reported_on_the_parameter()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path, int {|FUSE001:retries|} = 3) => Errno.None;
            """));

        Assert.Equal(
            "Method 'Unlink' cannot implement [Unlink]: optional parameter 'int retries = 3' fits nothing [Unlink] passes, and a native entry point never leaves an argument out; [Unlink] expects here no further parameters",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task An_optional_parameter_that_binds_is_accepted()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Read]
            int Read(Span<byte> buffer, long offset = 0) => 0;
            """));
    }

    [Fact]
    public async Task A_ref_struct_handle_is_not_a_handle()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Open]
            {|FUSE001:Cursor|} Open(string path) => default;

            public ref struct Cursor { }
            """));

        Assert.StartsWith("Method 'Open' cannot implement [Open]: the return type 'Fs.Cursor' is not accepted", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_buffer_span_by_ref_is_a_ref_kind_problem()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Read]
            int Read(ref Span<byte> {|FUSE001:buffer|}, long offset) => 0;
            """));

        Assert.Equal("Method 'Read' cannot implement [Read]: parameter 'buffer' must be declared 'Span<byte> buffer' for [Read]", diagnostics[0].GetMessage());
    }
}

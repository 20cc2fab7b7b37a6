using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE006: a method a native entry point cannot call directly, reported on its name.</summary>
public class UncallableMethodTests
{
    [Fact]
    public async Task A_generic_method()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            Errno {|FUSE006:Unlink|}<T>(string path) => Errno.None;
            """));

        Assert.Equal("Method 'Unlink' cannot implement [Unlink]: it is generic", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task An_async_method()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            async Task<Errno> {|FUSE006:Unlink|}(string path) { await Task.Yield(); return Errno.None; }
            """));

        Assert.Equal("Method 'Unlink' cannot implement [Unlink]: it is async (the path API answers libfuse when the method returns, on libfuse's thread; for async operations, with cancellation by the kernel, use the inode API: [FuseInodeFileSystem] methods may return ValueTask or Task)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task An_async_void_method()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            async void {|FUSE006:Unlink|}(string path) => await Task.Yield();
            """));
    }

    [Fact]
    public async Task A_params_method()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            Errno {|FUSE006:Unlink|}(string path, params object[] rest) => Errno.None;
            """));

        Assert.EndsWith("it is declared with a params parameter", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_params_span_method()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Write]
            int {|FUSE006:Write|}(params ReadOnlySpan<byte> data) => data.Length;
            """));
    }

    [Fact]
    public async Task An_extern_method()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            [System.Runtime.InteropServices.DllImport("libc")]
            static extern Errno {|FUSE006:Unlink|}(string path);
            """));
    }

    [Fact]
    public async Task An_abstract_method()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseFileSystem]
            public abstract partial class {|FUSE002:Fs|}
            {
                [Unlink]
                protected abstract Errno {|FUSE006:Unlink|}(string path);
            }
            """);
    }

    [Fact]
    public async Task A_property_accessor()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            Errno Status { [Destroy] {|FUSE006:get|} => Errno.None; }
            """));

        Assert.EndsWith("it is not an ordinary method", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task An_operator()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            public static Fs operator {|FUSE006:+|}(Fs left, Fs right) => left;
            """));
    }

    [Fact]
    public async Task An_explicit_interface_implementation()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public interface IRemove
            {
                Errno Unlink(string path);
            }

            [FuseFileSystem]
            public partial class Fs : IRemove
            {
                [Unlink]
                Errno IRemove.{|FUSE006:Unlink|}(string path) => Errno.None;
            }
            """);
    }

    [Fact]
    public async Task A_local_function()
    {
        // Not a member of the filesystem: the generator never sees it.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            void Helper()
            {
                [Unlink]
                static Errno {|FUSE006:Unlink|}(string path) => Errno.None;
            }
            """));

        Assert.Equal("Method 'Unlink' cannot implement [Unlink]: it is a local function (only methods of the [FuseFileSystem] type are bound)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_local_function_outside_a_filesystem()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            static class Program
            {
                static void Main()
                {
                    [Unlink, Rmdir]
                    static Errno {|FUSE006:Remove|}(string path) => Errno.None;
                }
            }
            """);
    }

    [Fact]
    public async Task A_lambda()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            static readonly Func<string, Errno> Unlink = [{|FUSE006:Unlink|}] (string path) => Errno.None;
            """));

        Assert.Equal("Method '(lambda)' cannot implement [Unlink]: it is a lambda (only methods of the [FuseFileSystem] type are bound)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Local_functions_and_lambdas_without_operation_attributes_are_left_alone()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path)
            {
                Func<int, int> twice = [Obsolete] (int x) => 2 * x;
                return Check(twice(1));

                [Obsolete]
                static Errno Check(int value) => value > 0 ? Errno.None : Errno.EIO;
            }
            """));
    }

    [Fact]
    public async Task A_method_obsolete_as_an_error()
    {
        // The generated call would be error CS0619, which no pragma can silence.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            [Obsolete("Use Remove", true)]
            Errno {|FUSE006:Unlink|}(string path) => Errno.None;
            """));

        Assert.EndsWith("it is obsolete as an error ([Obsolete(..., true)] forbids every call, the generated one too)", diagnostics[0].GetMessage());
        var run = TestCompilation.RunGenerator(TestCompilation.Create(Sources.FileSystem("""
            [Unlink]
            [Obsolete("Use Remove", true)]
            Errno Unlink(string path) => Errno.None;
            """)));
        Assert.Empty(TestCompilation.Errors(run.Output.GetDiagnostics()));
    }

    [Fact]
    public async Task Static_and_instance_methods_of_any_accessibility_are_callable()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Unlink]
            public static Errno Unlink(string path) => Errno.None;

            [Rmdir]
            private Errno Rmdir(string path) => Errno.None;

            [Flush]
            protected internal virtual Errno Flush(string path) => Errno.None;

            [Obsolete("Bound anyway")]
            [Access]
            internal void Access(string path) { }

            [Obsolete("Bound anyway", false)]
            [Fsync]
            void Fsync(string path) { }
            """));
    }

    [Fact]
    public async Task A_method_with_an_optional_parameter_is_callable()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Read]
            int Read(Span<byte> buffer, long offset = 0) => 0;
            """));
    }
}

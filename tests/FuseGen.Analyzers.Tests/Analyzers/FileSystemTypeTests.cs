using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE002: a [FuseFileSystem] type the generator cannot extend, reported on its name.</summary>
public class FileSystemTypeTests
{
    private const string Getattr = """
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;
        """;

    [Fact]
    public async Task A_class_that_is_not_partial()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            [FuseFileSystem]
            public sealed class {|FUSE002:Fs|}
            {
            {{Getattr}}
            }
            """);

        Assert.Equal("Type 'Fs' cannot be a FUSE filesystem: it must be declared 'partial' so the generator can add the native entry points", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_generic_class()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            [FuseFileSystem]
            public partial class {|FUSE002:Fs|}<T>
            {
            {{Getattr}}
            }
            """);

        Assert.Equal("Type 'Fs' cannot be a FUSE filesystem: it must not be generic ([UnmanagedCallersOnly] entry points cannot live in generic types)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_static_class()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseFileSystem]
            public static partial class {|FUSE002:Fs|}
            {
                [Getattr]
                static Errno GetAttr(string path, ref Stat stat) => Errno.None;
            }
            """);

        Assert.Contains("it must not be static", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_class_nested_in_a_class_that_is_not_partial()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            public class Outer
            {
                [FuseFileSystem]
                public partial class {|FUSE002:Fs|}
                {
                {{Getattr}}
                }
            }
            """);

        Assert.Equal("Type 'Fs' cannot be a FUSE filesystem: the containing type 'Outer' must be declared 'partial'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_class_nested_two_levels_deep_in_a_class_that_is_not_partial()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public class Outer
            {
                public partial class Middle
                {
                    [FuseFileSystem]
                    public partial class {|FUSE002:Fs|}
                    {
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_class_nested_in_a_generic_class()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public partial class Outer<T>
            {
                [FuseFileSystem]
                public partial class {|FUSE002:Fs|}
                {
                }
            }
            """);

        Assert.Contains("the containing type 'Outer' must not be generic", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_partial_record_class_is_a_filesystem()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            [FuseFileSystem]
            public partial record Fs
            {
            {{Getattr}}
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_file_local_class()
    {
        // The generated half lives in another file, where a file-local type does not exist.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            [FuseFileSystem]
            file partial class {|FUSE002:Fs|}
            {
            {{Getattr}}
            }
            """);

        Assert.Contains("it must not be file-local", diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("public class Fs")]
    [InlineData("public partial class Fs<T>")]
    [InlineData("public static partial class Fs")]
    [InlineData("file partial class Fs")]
    public void The_generator_leaves_such_types_alone(string declaration)
    {
        var compilation = TestCompilation.Create(Sources.Usings + $$"""
            [FuseFileSystem]
            {{declaration}}
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;
            }
            """);
        var run = TestCompilation.RunGenerator(compilation);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public async Task Methods_of_a_type_that_cannot_be_extended_are_still_checked()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseFileSystem]
            public class {|FUSE002:Fs|}
            {
                [Getattr]
                Errno GetAttr(string path, Stat {|FUSE001:stat|}) => Errno.None;
            }
            """);
    }

    [Fact]
    public async Task A_class_nested_in_partial_types_of_every_kind_is_valid()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.Usings + $$"""
            namespace Outer.Space;

            public partial class A
            {
                partial struct B
                {
                    partial record C
                    {
                        partial record struct D
                        {
                            partial interface E
                            {
                                [FuseFileSystem]
                                sealed partial class Fs
                                {
                                {{Getattr}}
                                }
                            }
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Keyword_names_are_valid()
    {
        // The generated half must write them @class, @event; a hint name must not contain '@' at all.
        await AnalyzerVerifier.VerifyValidAsync(Sources.Usings + """
            namespace Files.@event;

            public partial class @struct
            {
                [FuseFileSystem]
                public partial class @class
                {
                    [Unlink]
                    static Errno @delegate(string path) => Errno.None;
                }
            }
            """);
    }

    [Fact]
    public async Task An_abstract_class()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            [FuseFileSystem]
            public abstract partial class {|FUSE002:Fs|}
            {
            {{Getattr}}
            }
            """);

        Assert.Equal(
            "Type 'Fs' cannot be a FUSE filesystem: it must not be abstract (only its own methods are bound, never a derived class's; mark the concrete class [FuseFileSystem])",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_class_split_over_two_files_is_valid()
    {
        var compilation = TestCompilation.Create(
            Sources.Usings + "[FuseFileSystem]\npartial class Fs\n{\n" + Getattr + "\n}\n",
            Sources.Usings + "partial class Fs\n{\n    [Unlink]\n    Errno Unlink(string path) => Errno.None;\n}\n");
        Assert.Empty(await TestCompilation.AnalyzeAsync(compilation));
        var run = TestCompilation.RunGenerator(compilation);
        Assert.Empty(TestCompilation.Errors(run.Output.GetDiagnostics()));
        Assert.Equal(new[] { "getattr", "unlink" }, GeneratedBindings.FilledOperations(Assert.Single(run.GeneratedTrees)));
    }
}

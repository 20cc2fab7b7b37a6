using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE003: an operation attribute in a type the generator never looks at, reported on the attribute.</summary>
public class OperationOutsideFileSystemTests
{
    [Fact]
    public async Task A_class_without_the_attribute()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public partial class Fs
            {
                [{|FUSE003:Getattr|}]
                Errno GetAttr(string path, ref Stat stat) => Errno.None;
            }
            """);

        Assert.Equal("Method 'GetAttr' has [Getattr] but type 'Fs' is not marked [FuseFileSystem], so the operation is never bound", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_class_with_an_inode_only_operation_is_told_the_inode_marker()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public partial class Fs
            {
                [{|FUSE003:Lookup|}]
                Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
                [{|FUSE003:Getattr|}]
                Stat Getattr(ulong node) => default;
            }
            """);

        Assert.All(diagnostics, d => Assert.Contains("but type 'Fs' is not marked [FuseInodeFileSystem], so the operation is never bound", d.GetMessage()));
    }

    [Fact]
    public async Task A_class_implementing_the_inode_interface_is_told_the_inode_marker()
    {
        // The README's inode example, unmarked: its Inodes member names the inode API.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public partial class Fs : IFuseInodeFileSystem
            {
                InodeTable? IFuseInodeFileSystem.Inodes => null;
                unsafe void IFuseInodeFileSystem.FillOperations(FuseGen.Marshalling.FuseLowLevelOperations* operations) { }
                [{|FUSE003:Getattr|}]
                Stat Getattr(ulong node) => default;
            }
            """);

        Assert.Equal("Method 'Getattr' has [Getattr] but type 'Fs' is not marked [FuseInodeFileSystem], so the operation is never bound", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Every_operation_attribute_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            class Fs
            {
                [{|FUSE003:Getattr|}]
                Errno GetAttr(string path, ref Stat stat) => Errno.None;

                [Obsolete, {|FUSE003:FuseGen.Unlink|}]
                Errno Unlink(string path) => Errno.None;

                [{|FUSE003:Rmdir()|}]
                Errno Rmdir(string path) => Errno.None;
            }
            """);
    }

    [Fact]
    public async Task Signatures_are_not_checked_outside_a_filesystem()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            class Fs
            {
                [{|FUSE003:Getattr|}]
                Task<int> GetAttr(string path) => throw null!;
            }
            """);
    }

    [Theory]
    [InlineData("struct")]
    [InlineData("record")]
    [InlineData("interface")]
    public async Task Other_kinds_of_types(string keyword)
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + $$"""
            {{keyword}} Fs
            {
                [{|FUSE003:Unlink|}]
                static Errno Unlink(string path) => Errno.None;
            }
            """);
    }

    [Fact]
    public async Task A_class_deriving_from_a_filesystem_is_not_one()
    {
        // [FuseFileSystem] is not inherited: the derived class's operations would never be bound.
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseFileSystem]
            public partial class Base;

            public partial class Derived : Base
            {
                [{|FUSE003:Unlink|}]
                Errno Unlink(string path) => Errno.None;
            }
            """);
    }

    [Fact]
    public async Task A_class_nested_in_a_filesystem_is_not_one()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            [FuseFileSystem]
            public partial class Fs
            {
                public class Inner
                {
                    [{|FUSE003:Unlink|}]
                    Errno Unlink(string path) => Errno.None;
                }
            }
            """);
    }

    [Fact]
    public async Task Classes_without_operation_attributes_are_left_alone()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            class Helper
            {
                [Obsolete]
                Errno Unlink(string path) => Errno.None;
            }

            class GetattrAttribute : Attribute;

            class Lookalike
            {
                [Getattr]
                Errno GetAttr(string path) => Errno.None;
            }
            """.Replace("using FuseGen;", ""));
    }

    [Fact]
    public async Task Nothing_is_reported_when_FuseGen_is_not_referenced()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoFuseGen",
            new[] { TestCompilation.Parse("class GetattrAttribute : System.Attribute; class C { [Getattr] void M() { } }", "/0/Test.cs") },
            new[] { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        Assert.Empty(await TestCompilation.AnalyzeAsync(compilation));
    }
}

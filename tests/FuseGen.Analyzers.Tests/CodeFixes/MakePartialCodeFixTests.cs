extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

public class MakePartialCodeFixTests
{
    private const string Key = nameof(MakePartialCodeFix);

    [Fact]
    public async Task Adds_partial_after_the_other_modifiers()
    {
        await CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(), """
            using FuseGen;

            [FuseFileSystem]
            public sealed class {|FUSE002:Fs|}
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;
            }
            """, """
            using FuseGen;

            [FuseFileSystem]
            public sealed partial class Fs
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;
            }
            """, Key, title: "Make the type partial");
    }

    [Fact]
    public async Task A_type_with_attributes_but_no_modifiers()
    {
        await CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(), """
            using FuseGen;

            namespace Files
            {
                /// <summary>A filesystem.</summary>
                [FuseFileSystem]
                class {|FUSE002:Fs|}
                {
                }
            }
            """, """
            using FuseGen;

            namespace Files
            {
                /// <summary>A filesystem.</summary>
                [FuseFileSystem]
                partial class Fs
                {
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Every_type_around_it_too()
    {
        await CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(), """
            using FuseGen;

            // The program.
            static class Program
            {
                internal class Outer
                {
                    /// <summary>A filesystem.</summary>
                    [FuseFileSystem]
                    internal sealed class {|FUSE002:Fs|}
                    {
                    }
                }
            }
            """, """
            using FuseGen;

            // The program.
            static partial class Program
            {
                internal partial class Outer
                {
                    /// <summary>A filesystem.</summary>
                    [FuseFileSystem]
                    internal sealed partial class Fs
                    {
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Only_the_containing_type_that_is_not_partial()
    {
        await CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(), """
            using FuseGen;

            public struct Outer
            {
                [FuseFileSystem]
                public partial class {|FUSE002:Fs|}
                {
                }
            }
            """, """
            using FuseGen;

            public partial struct Outer
            {
                [FuseFileSystem]
                public partial class Fs
                {
                }
            }
            """, Key);
    }

    [Theory]
    [InlineData("public static class")]
    [InlineData("public class Fs<T> //")]
    [InlineData("file class")]
    public async Task Not_offered_when_partial_would_not_help(string declaration)
    {
        // "partial" would leave these just as wrong; each has a problem only the author can solve.
        await CodeFixVerifier.VerifyNoFixAsync(new MakePartialCodeFix(), $$"""
            using FuseGen;

            [FuseFileSystem]
            {{declaration}} {|FUSE002:Fs|}
            {
            }
            """.Replace("Fs<T> // {|FUSE002:Fs|}", "{|FUSE002:Fs|}<T>"));
    }

    [Fact]
    public async Task Fix_all_makes_every_filesystem_partial()
    {
        await CodeFixVerifier.VerifyFixAllAsync(new MakePartialCodeFix(), """
            using FuseGen;

            [FuseFileSystem]
            public class {|FUSE002:First|}
            {
            }

            [FuseFileSystem]
            class {|FUSE002:Second|}
            {
            }
            """, """
            using FuseGen;

            [FuseFileSystem]
            public partial class First
            {
            }

            [FuseFileSystem]
            partial class Second
            {
            }
            """, Key);
    }
}

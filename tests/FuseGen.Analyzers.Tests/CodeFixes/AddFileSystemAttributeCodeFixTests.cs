extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

public class AddFileSystemAttributeCodeFixTests
{
    private const string Key = nameof(AddFileSystemAttributeCodeFix);

    [Fact]
    public async Task Adds_the_attribute_and_partial()
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            public sealed class Fs
            {
                [{|FUSE003:Unlink|}]
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
            """, Key, title: "Add [FuseFileSystem] to the type");
    }

    [Fact]
    public async Task A_type_with_inode_only_operations_gets_the_inode_marker()
    {
        // [Lookup] exists only on the inode API: [FuseFileSystem] would trade FUSE003 for FUSE013.
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using System;
            using FuseGen;

            public sealed class Fs
            {
                [{|FUSE003:Lookup|}]
                Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
                [{|FUSE003:Getattr|}]
                Stat Getattr(ulong node) => default;
            }
            """, """
            using System;
            using FuseGen;

            [FuseInodeFileSystem]
            public sealed partial class Fs
            {
                [Lookup]
                Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
                [Getattr]
                Stat Getattr(ulong node) => default;
            }
            """, Key + "FuseInodeFileSystem", title: "Add [FuseInodeFileSystem] to the type");
    }

    [Fact]
    public async Task Without_a_using_the_name_is_qualified()
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            public class Fs
            {
                [{|FUSE003:FuseGen.Unlink|}]
                static FuseGen.Errno Unlink(string path) => FuseGen.Errno.None;
            }
            """, """
            [FuseGen.FuseFileSystem]
            public partial class Fs
            {
                [FuseGen.Unlink]
                static FuseGen.Errno Unlink(string path) => FuseGen.Errno.None;
            }
            """, Key);
    }

    [Fact]
    public async Task Before_the_other_attributes_below_the_documentation()
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using System;
            using FuseGen;

            namespace Files
            {
                /// <summary>A filesystem.</summary>
                [Obsolete]
                internal class Fs
                {
                    [{|FUSE003:Unlink|}]
                    static Errno Unlink(string path) => Errno.None;
                }
            }
            """, """
            using System;
            using FuseGen;

            namespace Files
            {
                /// <summary>A filesystem.</summary>
                [FuseFileSystem]
                [Obsolete]
                internal partial class Fs
                {
                    [Unlink]
                    static Errno Unlink(string path) => Errno.None;
                }
            }
            """, Key);
    }

    [Fact]
    public async Task A_documented_type_without_modifiers()
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            namespace Files
            {
                // A comment.
                /// <summary>A filesystem.</summary>
                class Fs
                {
                    [{|FUSE003:Unlink|}]
                    static Errno Unlink(string path) => Errno.None;
                }
            }
            """, """
            using FuseGen;

            namespace Files
            {
                // A comment.
                /// <summary>A filesystem.</summary>
                [FuseFileSystem]
                partial class Fs
                {
                    [Unlink]
                    static Errno Unlink(string path) => Errno.None;
                }
            }
            """, Key);
    }

    [Fact]
    public async Task A_documented_type_with_modifiers()
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            namespace Files;

            /// <summary>A filesystem.</summary>
            public sealed class Fs
            {
                [{|FUSE003:Unlink|}]
                static Errno Unlink(string path) => Errno.None;
            }
            """, """
            using FuseGen;

            namespace Files;

            /// <summary>A filesystem.</summary>
            [FuseFileSystem]
            public sealed partial class Fs
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;
            }
            """, Key);
    }

    [Fact]
    public async Task A_nested_type_makes_the_types_around_it_partial()
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            public class Outer
            {
                public class Fs
                {
                    [{|FUSE003:Unlink|}]
                    static Errno Unlink(string path) => Errno.None;
                }
            }
            """, """
            using FuseGen;

            public partial class Outer
            {
                [FuseFileSystem]
                public partial class Fs
                {
                    [Unlink]
                    static Errno Unlink(string path) => Errno.None;
                }
            }
            """, Key);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Keeps_the_document_line_breaks(string lineBreak)
    {
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            class Fs
            {
                [{|FUSE003:Unlink|}]
                static Errno Unlink(string path) => Errno.None;
            }
            """.Replace("\n", lineBreak, System.StringComparison.Ordinal), """
            using FuseGen;

            [FuseFileSystem]
            partial class Fs
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;
            }
            """.Replace("\n", lineBreak, System.StringComparison.Ordinal), Key);
    }

    [Theory]
    [InlineData("struct")]
    [InlineData("interface")]
    [InlineData("record")]
    public async Task Not_offered_for_types_that_cannot_be_filesystems(string keyword)
    {
        await CodeFixVerifier.VerifyNoFixAsync(new AddFileSystemAttributeCodeFix(), $$"""
            using FuseGen;

            {{keyword}} Fs
            {
                [{|FUSE003:Unlink|}]
                static Errno Unlink(string path) => Errno.None;
            }
            """);
    }

    [Fact]
    public async Task Fix_all_adds_the_attribute_once_per_type()
    {
        await CodeFixVerifier.VerifyFixAllAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            class First
            {
                [{|FUSE003:Unlink|}]
                static Errno Unlink(string path) => Errno.None;

                [{|FUSE003:Rmdir|}]
                static Errno Rmdir(string path) => Errno.None;
            }

            class Second
            {
                [{|FUSE003:Unlink|}]
                static Errno Unlink(string path) => Errno.None;
            }
            """, """
            using FuseGen;

            [FuseFileSystem]
            partial class First
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;

                [Rmdir]
                static Errno Rmdir(string path) => Errno.None;
            }

            [FuseFileSystem]
            partial class Second
            {
                [Unlink]
                static Errno Unlink(string path) => Errno.None;
            }
            """, Key);
    }

    [Fact]
    public async Task A_type_passed_to_fuse_main_gets_the_marker()
    {
        // The call does not compile (CS1503) until the generator implements IFuseFileSystem on the marked type.
        await CodeFixVerifier.VerifyAsync(new AddFileSystemAttributeCodeFix(), """
            using FuseGen;

            public static class Program
            {
                public static int Main(string[] args) => Fuse.Main({|FUSE016:{|CS1503:new Fs()|}|}, args);
            }

            public sealed class Fs
            {
            }
            """, """
            using FuseGen;

            public static class Program
            {
                public static int Main(string[] args) => Fuse.Main(new Fs(), args);
            }

            [FuseFileSystem]
            public sealed partial class Fs
            {
            }
            """, "FuseGen.AddFuseFileSystem", title: "Add [FuseFileSystem] to the type");
    }
}

extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

public class AddOperationMethodCodeFixTests
{
    [Fact]
    public async Task A_missing_getattr_is_added_at_the_end_of_the_type()
    {
        await CodeFixVerifier.VerifyAsync(
            new AddOperationMethodCodeFix(),
            Sources.Usings + """
                [FuseFileSystem]
                public partial class {|FUSE011:Fs|}
                {
                    [Unlink]
                    Errno Unlink(ReadOnlySpan<byte> path) => Errno.None;
                }
                """,
            Sources.Usings + """
                [FuseFileSystem]
                public partial class Fs
                {
                    [Unlink]
                    Errno Unlink(ReadOnlySpan<byte> path) => Errno.None;

                    [Getattr]
                    private Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat)
                    {
                        throw new NotImplementedException();
                    }
                }
                """,
            "FuseGen.AddGetattr",
            title: "Add a [Getattr] method");
    }

    [Fact]
    public async Task A_release_taking_the_handle_is_added_after_the_open_that_returns_it()
    {
        await CodeFixVerifier.VerifyAsync(
            new AddOperationMethodCodeFix(),
            Sources.FileSystem("""
                public sealed class OpenFile { }

                [Getattr]
                Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
                [Open]
                {|FUSE010:OpenFile|} Open(ReadOnlySpan<byte> path) => new();
                [Unlink]
                Errno Unlink(ReadOnlySpan<byte> path) => Errno.None;
                """),
            Sources.FileSystem("""
                public sealed class OpenFile { }

                [Getattr]
                Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
                [Open]
                OpenFile Open(ReadOnlySpan<byte> path) => new();

                [Release]
                private Errno Release(ReadOnlySpan<byte> path, OpenFile handle)
                {
                    throw new NotImplementedException();
                }
                [Unlink]
                Errno Unlink(ReadOnlySpan<byte> path) => Errno.None;
                """),
            "FuseGen.AddRelease",
            title: "Add a [Release] method");
    }

    [Fact]
    public async Task A_directory_handle_gets_a_releasedir()
    {
        await CodeFixVerifier.VerifyAsync(
            new AddOperationMethodCodeFix(),
            Sources.FileSystem("""
                public sealed class Listing { }

                [Getattr]
                Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
                [Opendir]
                {|FUSE010:Listing|} Opendir(ReadOnlySpan<byte> path) => new();
                """),
            Sources.FileSystem("""
                public sealed class Listing { }

                [Getattr]
                Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
                [Opendir]
                Listing Opendir(ReadOnlySpan<byte> path) => new();

                [Releasedir]
                private Errno Releasedir(ReadOnlySpan<byte> path, Listing handle)
                {
                    throw new NotImplementedException();
                }
                """),
            "FuseGen.AddReleasedir");
    }

    [Fact]
    public async Task A_release_without_the_handle_takes_it_instead_of_a_second_release()
    {
        // A second [Release] would be FUSE004; the fixed filesystem compiles with the generated code (the verifier
        // compiles every fixed state with the generator) and draws no diagnostic.
        await CodeFixVerifier.VerifyAsync(
            new AddOperationMethodCodeFix(),
            Sources.FileSystem("""
                public sealed class OpenFile { }

                [Getattr]
                Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
                [Open]
                {|FUSE010:OpenFile|} Open(ReadOnlySpan<byte> path) => new();
                [Release]
                Errno Release(ReadOnlySpan<byte> path, FileInfo info) => Errno.None;
                """),
            Sources.FileSystem("""
                public sealed class OpenFile { }

                [Getattr]
                Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
                [Open]
                OpenFile Open(ReadOnlySpan<byte> path) => new();
                [Release]
                Errno Release(ReadOnlySpan<byte> path, FileInfo info, OpenFile handle) => Errno.None;
                """),
            "FuseGen.TakeHandleInRelease",
            title: "Take the handle in the [Release] method");
    }

    [Fact]
    public async Task An_inode_filesystem_without_lookup_gets_one()
    {
        await CodeFixVerifier.VerifyAsync(
            new AddOperationMethodCodeFix(),
            Sources.Usings + """
                [FuseInodeFileSystem]
                public partial class {|FUSE014:Fs|}
                {
                    [Getattr]
                    Stat Getattr(ulong node) => default;
                }
                """,
            Sources.Usings + """
                [FuseInodeFileSystem]
                public partial class Fs
                {
                    [Getattr]
                    Stat Getattr(ulong node) => default;

                    [Lookup]
                    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
                    {
                        throw new NotImplementedException();
                    }
                }
                """,
            "FuseGen.AddLookup",
            title: "Add a [Lookup] method");
    }

    [Fact]
    public async Task An_inode_release_takes_the_handle_before_its_file_info()
    {
        await CodeFixVerifier.VerifyAsync(
            new AddOperationMethodCodeFix(),
            Sources.Usings + """
                public sealed class OpenFile { }

                [FuseInodeFileSystem]
                public partial class Fs
                {
                    [Lookup]
                    Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
                    [Open]
                    {|FUSE010:OpenFile|} Open(ulong node, FileInfo info) => new();
                    [Release]
                    void Release(ulong node, FileInfo info) { }
                }
                """,
            Sources.Usings + """
                public sealed class OpenFile { }

                [FuseInodeFileSystem]
                public partial class Fs
                {
                    [Lookup]
                    Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
                    [Open]
                    OpenFile Open(ulong node, FileInfo info) => new();
                    [Release]
                    void Release(ulong node, OpenFile handle, FileInfo info) { }
                }
                """,
            "FuseGen.TakeHandleInRelease");
    }
}

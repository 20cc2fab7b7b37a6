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
}

using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE016: a type without a filesystem marker passed to Fuse.Main or Fuse.Mount, reported on the argument.</summary>
public class UnmarkedFileSystemTests
{
    [Fact]
    public async Task A_plain_class_passed_to_main_is_told_to_be_marked()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public static class Program
            {
                public static int Main(string[] args) => Fuse.Main({|FUSE016:new Fs()|}, args);
            }

            public sealed class Fs { }
            """);

        Assert.Equal(
            "Type 'Fs', passed to Fuse.Main, is not marked [FuseFileSystem]: FuseGen generates no filesystem for it, so it does not implement 'IFuseFileSystem'; mark it [FuseFileSystem]",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_class_with_inode_operations_passed_to_mount_is_told_the_inode_marker()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public static class Program
            {
                public static void Run(Fs fs) => Fuse.Mount(mountPoint: "/mnt", fileSystem: {|FUSE016:fs|}).Dispose();
            }

            public sealed class Fs
            {
                [{|FUSE003:Lookup|}]
                Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
            }
            """);

        Assert.Equal(
            "Type 'Fs', passed to Fuse.Mount, is not marked [FuseInodeFileSystem]: FuseGen generates no filesystem for it, so it does not implement 'IFuseInodeFileSystem'; mark it [FuseInodeFileSystem]",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Marked_types_and_types_not_of_the_project_are_not_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.Usings + """
            public static class Program
            {
                public static int Main(string[] args) => Fuse.Main(new Fs(), args);
                public static int Other(string[] args) => Fuse.Main(new object(), args);
                public static int Another(string[] args) => Fuse.Main(null!, args);
            }

            [FuseFileSystem]
            public partial class Fs { }
            """);
    }
}

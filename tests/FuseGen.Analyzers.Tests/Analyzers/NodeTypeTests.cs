using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// FUSE018: the inode table holds one node type, so every inode operation takes its inode as that type (or as its
/// number); the typical slip is a handle put first, where the inode goes, which binds it as the node.
/// </summary>
public class NodeTypeTests
{
    private static string Inode(string members) =>
        Sources.Usings + "public sealed class Node { }\npublic sealed class Other { }\npublic sealed class OpenFile : IDisposable { public void Dispose() { } }\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" + members + "\n}\n";

    private const string LookupAndOpen = """
        [Lookup]
        Errno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
        [Getattr]
        Stat Getattr(Node node) => default;
        [Open]
        OpenFile Open(Node node) => new();
        """;

    [Fact]
    public async Task A_handle_taken_where_the_inode_goes_is_reported_with_the_order_to_use()
    {
        // The handle is disposable, so nothing else (FUSE010) points at the slip: it would fail at run time only.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(LookupAndOpen + """
            [Release]
            void Release(OpenFile {|FUSE018:file|}) { }
            """));

        Assert.Equal(
            "Method 'Release' takes its inode as 'OpenFile', but [Lookup] ('Lookup') takes 'Node': the inode table holds one node type, " +
            "so every call of one of them fails; take 'Node node' as the first parameter, then the 'OpenFile' handle [Open] returns",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Another_class_as_the_node_is_reported_against_the_lookup()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Inode(LookupAndOpen + """
            [Mkdir]
            InodeEntry Mkdir(Other {|FUSE018:parent|}, string name) => default;
            """));

        Assert.Equal(
            "Method 'Mkdir' takes its inode as 'Other', but [Lookup] ('Lookup') takes 'Node': the inode table holds one node type, " +
            "so every call of one of them fails; take 'Node parent' as the first parameter",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Without_lookup_the_type_most_methods_take_is_the_reference()
    {
        await AnalyzerVerifier.VerifyAsync(Inode("""
            [Getattr]
            Stat Getattr(Node node) => default;
            [Readlink]
            string Readlink(Node node) => "";
            [Statfs]
            StatVfs Statfs(Other {|FUSE018:node|}) => default;
            """).Replace("public partial class Fs", "public partial class {|FUSE014:Fs|}"));
    }

    [Fact]
    public async Task Numbers_and_one_node_type_are_fine_and_the_node_may_be_its_own_handle()
    {
        await AnalyzerVerifier.VerifyAsync(Inode("""
            [Lookup]
            Errno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;
            [Getattr]
            Stat Getattr(ulong node) => default;
            [Open]
            Node Open(Node node) => node;
            [Read]
            int Read(Node node, Node handle, Span<byte> buffer, long offset) => 0;
            [Release]
            void Release(Node node, Node handle) { }
            [Rename]
            Errno Rename(Node parent, string name, Node newParent, string newName) => Errno.None;
            """));
    }
}

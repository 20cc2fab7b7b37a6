extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

public class FixSignatureCodeFixTests
{
    private const string Signature = "FuseGen.FixSignature";
    private const string ReturnType = "FuseGen.FixReturnType";

    [Fact]
    public async Task Stat_by_value_becomes_ref_keeping_names_and_body()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, Stat {|FUSE001:stat|})
            {
                stat.Size = path.Length;
                return Errno.None;
            }
            """), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat)
            {
                stat.Size = path.Length;
                return Errno.None;
            }
            """), Signature, title: "Use the [Getattr] signature");
    }

    [Fact]
    public async Task A_wrong_return_type_offers_the_narrow_fix()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Read]
            {|FUSE001:Task<int>|} Read(string path, Span<byte> buffer, long offset) => throw new NotSupportedException();
            """), Sources.FileSystem("""
            [Read]
            int Read(string path, Span<byte> buffer, long offset) => throw new NotSupportedException();
            """), ReturnType, title: "Return int");
    }

    [Fact]
    public async Task The_return_type_fix_keeps_the_parameters_as_they_are()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Getattr]
            /* status */ {|FUSE001:string|} GetAttr(ReadOnlySpan<byte> path, out Stat stat, FuseContext caller) => throw new NotSupportedException();
            """), Sources.FileSystem("""
            [Getattr]
            /* status */ Errno GetAttr(ReadOnlySpan<byte> path, out Stat stat, FuseContext caller) => throw new NotSupportedException();
            """), ReturnType, title: "Return Errno");
    }

    [Fact]
    public async Task The_signature_fix_also_fixes_the_return_type()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Read]
            {|FUSE001:Task<int>|} {|FUSE001:Read|}(string path) => throw new NotSupportedException();
            """), Sources.FileSystem("""
            [Read]
            int Read(string path, Span<byte> buffer) => throw new NotSupportedException();
            """), Signature);
    }

    /// <summary>An inode filesystem with its lookup, and <paramref name="members"/>.</summary>
    private static string Inode(string members) =>
        Sources.Usings + "public sealed class Node { }\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" +
        "[Lookup]\nErrno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;\n" + members + "\n}\n";

    [Fact]
    public async Task Inode_getattr_stat_by_value_becomes_ref()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Inode("""
            [Getattr]
            Errno Getattr(Node node, Stat {|FUSE001:stat|}) => Errno.None;
            """), Inode("""
            [Getattr]
            Errno Getattr(Node node, ref Stat stat) => Errno.None;
            """), Signature, title: "Use the [Getattr] signature");
    }

    [Fact]
    public async Task Inode_lookup_returning_its_node_returns_the_status_that_goes_with_its_entry()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Inode("""
            [Mkdir]
            {|FUSE001:Node|} Mkdir(Node parent, string name, ref InodeEntry entry) => throw new NotSupportedException();
            """), Inode("""
            [Mkdir]
            Errno Mkdir(Node parent, string name, ref InodeEntry entry) => throw new NotSupportedException();
            """), ReturnType, title: "Return Errno");
    }

    [Fact]
    public async Task Inode_async_read_span_becomes_memory()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Inode("""
            [Read]
            ValueTask<int> Read(Node node, Span<byte> {|FUSE001:buffer|}, long offset) => new(0);
            """), Inode("""
            [Read]
            ValueTask<int> Read(Node node, Memory<byte> buffer, long offset) => new(0);
            """), Signature, title: "Use the [Read] signature");
    }

    [Fact]
    public async Task Inode_async_mkdir_loses_the_entry_it_returns_in_its_task()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Inode("""
            [Mkdir]
            ValueTask<InodeEntry> Mkdir(Node parent, string name, ref InodeEntry {|FUSE001:entry|}) => throw new NotSupportedException();
            """), Inode("""
            [Mkdir]
            ValueTask<InodeEntry> Mkdir(Node parent, string name) => throw new NotSupportedException();
            """), Signature, title: "Use the [Mkdir] signature");
    }

    [Fact]
    public async Task Read_missing_its_buffer_gets_one()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Read]
            int Read(string path, long {|FUSE001:offset|}) => (int)offset;
            """), Sources.FileSystem("""
            [Read]
            int Read(string path, Span<byte> buffer, long offset) => (int)offset;
            """), Signature);
    }

    [Fact]
    public async Task Write_data_becomes_read_only()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Write]
            static int Write(ReadOnlySpan<byte> path, Span<byte> {|FUSE001:data|}, long offset) => data.Length;
            """), Sources.FileSystem("""
            [Write]
            static int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset) => data.Length;
            """), Signature);
    }

    [Fact]
    public async Task Parameters_out_of_order_are_put_in_order()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(ref Stat stat, FuseContext caller, string {|FUSE001:path|}) => Errno.None;
            """), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat, FuseContext caller) => Errno.None;
            """), Signature);
    }

    [Fact]
    public async Task A_typed_handle_moves_to_its_place()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            public sealed class OpenFile;

            [Open]
            OpenFile Open(string path) => new();

            [Read]
            int Read(OpenFile {|FUSE001:file|}, Span<byte> buffer, long offset) => 0;
            """), Sources.FileSystem("""
            public sealed class OpenFile;

            [Open]
            OpenFile Open(string path) => new();

            [Read]
            int Read(Span<byte> buffer, long offset, OpenFile file) => 0;
            """), Signature);
    }

    [Fact]
    public async Task Readlink_returning_int_gets_its_buffer()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Readlink]
            int {|FUSE001:ReadLink|}(string path) => 0;
            """), Sources.FileSystem("""
            [Readlink]
            int ReadLink(string path, Span<byte> buffer) => 0;
            """), Signature);
    }

    [Fact]
    public async Task Readlink_returning_the_target_loses_the_buffer()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Readlink]
            string {|FUSE001:ReadLink|}(string path, Span<byte> buffer) => "target";
            """), Sources.FileSystem("""
            [Readlink]
            string ReadLink(string path) => "target";
            """), Signature);
    }

    [Fact]
    public async Task The_return_type_fix_picks_the_type_that_goes_with_the_parameters()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Readlink]
            {|FUSE001:long|} ReadLink(string path, Span<byte> buffer) => 0;
            """), Sources.FileSystem("""
            [Readlink]
            int ReadLink(string path, Span<byte> buffer) => 0;
            """), ReturnType, title: "Return int");
    }

    [Fact]
    public async Task Kept_parameters_keep_their_attributes_and_nullability_but_not_defaults_that_no_longer_compile()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            public sealed class OpenFile;

            [Open]
            OpenFile Open(string path) => new();

            [Read]
            int Read([System.Diagnostics.CodeAnalysis.AllowNull] OpenFile? {|FUSE001:file|}, Span<byte> buffer, long offset = 0) => 0;
            """), Sources.FileSystem("""
            public sealed class OpenFile;

            [Open]
            OpenFile Open(string path) => new();

            [Read]
            int Read(Span<byte> buffer, long offset, [System.Diagnostics.CodeAnalysis.AllowNull] OpenFile? file) => 0;
            """), Signature);
    }

    [Fact]
    public async Task Defaults_that_still_compile_stay()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Read]
            int Read(string path, long {|FUSE001:offset|} = 0) => 0;
            """), Sources.FileSystem("""
            [Read]
            int Read(string path, Span<byte> buffer, long offset = 0) => 0;
            """), Signature);
    }

    [Fact]
    public async Task Getxattr_returning_int_gets_its_buffer()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Getxattr]
            int {|FUSE001:GetXattr|}(string path, string name) => 0;
            """), Sources.FileSystem("""
            [Getxattr]
            int GetXattr(string path, string name, Span<byte> buffer) => 0;
            """), Signature);
    }

    [Fact]
    public async Task Without_using_System_types_are_qualified()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), """
            using FuseGen;

            [FuseFileSystem]
            partial class Fs
            {
                [Read]
                int Read(string path, long {|FUSE001:offset|}) => 0;
            }
            """, """
            using FuseGen;

            [FuseFileSystem]
            partial class Fs
            {
                [Read]
                int Read(string path, System.Span<byte> buffer, long offset) => 0;
            }
            """, Signature);
    }

    [Fact]
    public async Task A_parameter_list_over_several_lines_keeps_its_layout()
    {
        await CodeFixVerifier.VerifyAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Read]
            int Read(
                string path,
                long {|FUSE001:offset|}) => 0;
            """), Sources.FileSystem("""
            [Read]
            int Read(
                string path,
                Span<byte> buffer,
                long offset) => 0;
            """), Signature);
    }

    [Fact]
    public async Task Fix_all_rewrites_every_signature()
    {
        await CodeFixVerifier.VerifyFixAllAsync(new FixSignatureCodeFix(), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, Stat {|FUSE001:stat|}) => Errno.None;

            [Read]
            {|FUSE001:Task<int>|} {|FUSE001:Read|}(string path) => throw new NotSupportedException();

            [Write]
            int Write(string path, Span<byte> {|FUSE001:data|}) => data.Length;
            """), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;

            [Read]
            int Read(string path, Span<byte> buffer) => throw new NotSupportedException();

            [Write]
            int Write(string path, ReadOnlySpan<byte> data) => data.Length;
            """), Signature);
    }
}

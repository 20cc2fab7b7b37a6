extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

/// <summary>FUSE019 in an async inode operation: the blocking wait becomes an await; no fix in a synchronous method.</summary>
public class AwaitTaskCodeFixTests
{
    private const string Key = nameof(AwaitTaskCodeFix);

    // Members indented as in a real file: the fix's formatting indents what it touches.
    private static string Inode(string members) =>
        Sources.Usings + "using System.Threading;\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" + Sources.Indent(members) + "}\n";

    private const string Helpers = """
        [Lookup]
        async ValueTask<InodeEntry> Lookup(ulong parent, string name, CancellationToken token) { await Task.Yield(); return default; }
        static Task<int> Fetch() => Task.FromResult(0);
        static ValueTask<long> FetchValue() => new(0L);
        """;

    [Fact]
    public async Task Each_blocking_wait_in_an_async_method_becomes_an_await()
    {
        await CodeFixVerifier.VerifyFixAllAsync(new AwaitTaskCodeFix(), Inode(Helpers + """
            [Getattr]
            async ValueTask<Stat> Getattr(ulong node)
            {
                {|FUSE019:Fetch().Wait()|};
                var links = {|FUSE019:Fetch().ConfigureAwait(false).GetAwaiter().GetResult()|};
                return new Stat { Size = {|FUSE019:FetchValue().Result|}, Links = (ulong)({|FUSE019:Fetch().Result|}.GetHashCode() + links) };
            }
            """), Inode(Helpers + """
            [Getattr]
            async ValueTask<Stat> Getattr(ulong node)
            {
                await Fetch();
                var links = await Fetch().ConfigureAwait(false);
                return new Stat { Size = await FetchValue(), Links = (ulong)((await Fetch()).GetHashCode() + links) };
            }
            """), Key);
    }

    [Fact]
    public async Task A_synchronous_method_gets_no_fix()
    {
        await CodeFixVerifier.VerifyNoFixAsync(new AwaitTaskCodeFix(), Inode(Helpers + """
            [Getattr]
            Stat Getattr(ulong node) => new Stat { Size = {|FUSE019:FetchValue().Result|} };
            """));
    }
}

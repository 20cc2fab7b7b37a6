using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>Signatures the analyzer must accept: each draws no diagnostic, and the generator binds it.</summary>
public class ValidSignatureTests
{
    [Theory]
    [InlineData("Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;")]
    [InlineData("int GetAttr(string path, out Stat stat) { stat = default; return 0; }")]
    [InlineData("void GetAttr(string? path, ref Stat stat) { }")]
    [InlineData("static Errno GetAttr(ref Stat stat) => Errno.None;")]
    [InlineData("private static Errno GetAttr(string path, ref Stat stat, ref FileInfo fileInfo) => Errno.None;")]
    [InlineData("internal Errno GetAttr(string path, ref Stat stat, FileInfo fileInfo) => Errno.None;")]
    [InlineData("Errno GetAttr(FuseContext caller, string path, ref Stat stat) => Errno.None;")]
    [InlineData("Errno GetAttr(string path, FuseContext caller, ref Stat stat) => Errno.None;")]
    [InlineData("Errno GetAttr(string path, ref Stat stat, FuseContext caller) => Errno.None;")]
    [InlineData("Errno GetAttr(string path, scoped ref Stat stat) => Errno.None;")]
    public async Task Getattr_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Getattr]\n" + method));

    [Theory]
    [InlineData("int Read(Span<byte> buffer, long offset) => 0;")]
    [InlineData("int Read(string path, Span<byte> buffer) => 0;")]
    [InlineData("int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset, ref FileInfo fileInfo) => 0;")]
    [InlineData("int Read(FuseContext caller, Span<byte> buffer, FuseContext again) => 0;")]
    public async Task Read_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Read]\n" + method));

    [Theory]
    [InlineData("int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset) => data.Length;")]
    [InlineData("int Write(ReadOnlySpan<byte> data, long offset) => data.Length;")]
    [InlineData("int Write(ReadOnlySpan<byte> data) => data.Length;")]
    public async Task Write_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Write]\n" + method));

    [Fact]
    public async Task Write_data_without_a_path_binds_as_the_data()
    {
        // A leading ReadOnlySpan<byte> could be the (optional) path; only binding it as the data fits the rest.
        var run = TestCompilation.RunGenerator(TestCompilation.Create(Sources.FileSystem("""
            [Write]
            static int Write(ReadOnlySpan<byte> data, long offset) => data.Length;
            """)));

        Assert.Contains(
            "global::Fs.Write(global::FuseGen.Marshalling.NativeBuffer.AsReadOnlySpan(buf, size), offset)",
            Assert.Single(run.GeneratedTrees).ToString());
    }

    [Theory]
    [InlineData("Errno Statx(ReadOnlySpan<byte> path, StatxFlags flags, StatxMask mask, ref Statx statx, ref FileInfo fileInfo) => Errno.None;")]
    [InlineData("int Statx(string path, int flags, int mask, ref Statx statx) => 0;")]
    [InlineData("void Statx(ref Statx statx) => statx.BirthTime = TimeSpec.UtcNow;")]
    [InlineData("static Errno Statx(string path, StatxMask mask, ref Statx statx, FileInfo fileInfo, FuseContext caller) => Errno.None;")]
    public async Task Statx_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Getattr]\nErrno GetAttr(string path, ref Stat stat) => Errno.None;\n[Statx]\n" + method));

    [Theory]
    [InlineData("Errno Syncfs(ReadOnlySpan<byte> path) => Errno.None;")]
    [InlineData("int Syncfs(string path) => 0;")]
    [InlineData("static void Syncfs() { }")]
    public async Task Syncfs_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Syncfs]\n" + method));

    [Theory]
    [InlineData("ReadOnlySpan<byte> ReadLink(ReadOnlySpan<byte> path) => default;")]
    [InlineData("string ReadLink(string path) => \"target\";")]
    [InlineData("int ReadLink(string path, Span<byte> buffer) => 0;")]
    public async Task Readlink_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Readlink]\n" + method));

    [Theory]
    [InlineData("byte[]? GetXattr(string path, string name) => null;")]
    [InlineData("ReadOnlySpan<byte> GetXattr(string path, ReadOnlySpan<byte> name) => default;")]
    [InlineData("int GetXattr(string path, string name, Span<byte> buffer) => 0;")]
    public async Task Getxattr_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Getxattr]\n" + method));

    [Theory]
    [InlineData("IEnumerable<string> ListXattr(string path) => Array.Empty<string>();")]
    [InlineData("int ListXattr(string path, Span<byte> buffer) => 0;")]
    public async Task Listxattr_shapes(string method) =>
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("[Listxattr]\n" + method));

    [Fact]
    public async Task Typed_handles_open_returns_a_class_and_later_operations_take_it()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            public sealed class OpenFile
            {
                public long Position;
            }

            public interface IDirectory;

            private sealed class Directory : IDirectory;

            [Open]
            OpenFile Open(string path, ref FileInfo fileInfo) => new();

            [Create]
            static OpenFile? Create(string path, System.IO.UnixFileMode mode) => null;

            [Read]
            int Read(Span<byte> buffer, long offset, OpenFile file) => (int)file.Position;

            [Write]
            int Write(ReadOnlySpan<byte> data, long offset, ref FileInfo fileInfo, OpenFile file) => data.Length;

            [Release]
            void Release(OpenFile? file) { }

            [Opendir]
            IDirectory OpenDir(string path) => new Directory();

            [Readdir]
            void ReadDir(ref DirectoryFiller entries, IDirectory directory) { }
            """));
    }

    [Fact]
    public async Task Operations_with_the_same_signature_do_not_clash()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Open]
            Errno Open(string path, ref FileInfo fileInfo) => Errno.None;

            [Opendir]
            Errno OpenDir(string path, ref FileInfo fileInfo) => Errno.None;

            [Unlink]
            Errno Unlink(string path) => Errno.None;

            [Rmdir]
            Errno Rmdir(string path) => Errno.None;
            """));
    }

    [Fact]
    public async Task Methods_without_operation_attributes_are_ignored()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Obsolete]
            Task<int> Helper<T>(params T[] values) => Task.FromResult(values.Length);

            int Count { get; set; }
            """));
    }

    [Fact]
    public async Task A_method_split_over_partial_declarations_is_bound_once()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Getattr]
            private partial Errno GetAttr(string path, ref Stat stat);

            private partial Errno GetAttr(string path, ref Stat stat) => Errno.None;
            """));
    }
}

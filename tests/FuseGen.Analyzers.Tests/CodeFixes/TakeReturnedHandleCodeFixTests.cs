extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

public class TakeReturnedHandleCodeFixTests
{
    private const string Key = nameof(TakeReturnedHandleCodeFix);

    private static string FileSystem(string members) => Sources.FileSystem("""
        public sealed class OpenFile { }
        public sealed class OtherFile { }

        [Getattr]
        Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
        [Open]
        OpenFile Open(ReadOnlySpan<byte> path) => new();
        [Release]
        void Release(OpenFile file) { }

        """ + members);

    [Fact]
    public async Task The_parameter_takes_the_type_open_returns()
    {
        await CodeFixVerifier.VerifyAsync(
            new TakeReturnedHandleCodeFix(),
            FileSystem("""
                [Read]
                int Read(Span<byte> buffer, long offset, OtherFile {|FUSE008:file|}) => 0;
                """),
            FileSystem("""
                [Read]
                int Read(Span<byte> buffer, long offset, OpenFile file) => 0;
                """),
            Key,
            title: "Take 'OpenFile'");
    }

    [Fact]
    public async Task Fix_all_retypes_every_mismatched_handle()
    {
        await CodeFixVerifier.VerifyFixAllAsync(
            new TakeReturnedHandleCodeFix(),
            FileSystem("""
                [Read]
                int Read(Span<byte> buffer, long offset, OtherFile {|FUSE008:file|}) => 0;
                [Flush]
                void Flush(/* the handle */ OtherFile {|FUSE008:file|}) { }
                """),
            FileSystem("""
                [Read]
                int Read(Span<byte> buffer, long offset, OpenFile file) => 0;
                [Flush]
                void Flush(/* the handle */ OpenFile file) { }
                """),
            Key);
    }
}

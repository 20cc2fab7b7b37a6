using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// FUSE008, FUSE009, FUSE010: typed handles flow from the operation that makes them ([Open], [Create], [Opendir]) to
/// the ones that take them, and something frees what they hold. Every source here has a [Getattr], so no other advice
/// applies.
/// </summary>
public class HandleFlowTests
{
    private const string Types = """
        public sealed class OpenFile { }
        public sealed class OtherFile { }
        public class BaseFile { }
        public sealed class DerivedFile : BaseFile { }
        public interface IFileHandle { }
        public class ConcreteFile : IFileHandle { }
        public sealed class DisposableFile : IDisposable { public void Dispose() { } }
        public sealed class OtherDisposableFile : IDisposable { public void Dispose() { } }
        public sealed class OpenDirectory { }

        """;

    private const string Getattr = """
            [Getattr]
            Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
        """;

    private static string FileSystem(string members) => Sources.Usings + Types + $$"""
        [FuseFileSystem]
        public partial class Fs
        {
        {{Getattr}}
        {{members}}
        }
        """;

    [Fact]
    public async Task A_handle_parameter_of_a_type_open_never_returns_is_an_error_on_the_parameter()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                OpenFile Open(ReadOnlySpan<byte> path) => new();
                [Read]
                int Read(Span<byte> buffer, long offset, OtherFile {|FUSE008:file|}) => 0;
                [Release]
                void Release(OpenFile file) { }
            """));

        Assert.Equal(
            "Method 'Read' takes a 'OtherFile' handle, but [Open] ('Open') returns 'OpenFile', which is never a 'OtherFile': [Read] would fail with EBADF on every file [Open] opens",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Each_creator_whose_handle_never_fits_is_named()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                DisposableFile Open(ReadOnlySpan<byte> path) => new();
                [Create]
                OtherDisposableFile Create(ReadOnlySpan<byte> path, uint mode) => new();
                [Read]
                int Read(Span<byte> buffer, long offset, DisposableFile {|FUSE008:file|}) => 0;
            """));

        Assert.Contains("[Create] ('Create') returns 'OtherDisposableFile'", diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("DerivedFile", "BaseFile")]
    [InlineData("DerivedFile", "DerivedFile")]
    [InlineData("IFileHandle", "ConcreteFile")]
    [InlineData("BaseFile", "IFileHandle")]
    public async Task A_handle_that_can_be_the_parameter_type_is_accepted(string returned, string taken)
    {
        await AnalyzerVerifier.VerifyCleanAsync(FileSystem($$"""
                [Open]
                {{returned}} Open(ReadOnlySpan<byte> path) => throw null!;
                [Read]
                int Read(Span<byte> buffer, long offset, {{taken}} file) => 0;
                [Release]
                void Release({{returned}} file) { }
            """));
    }

    [Fact]
    public async Task Directory_handles_are_checked_against_opendir_not_open()
    {
        await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                OpenFile Open(ReadOnlySpan<byte> path) => new();
                [Release]
                void Release(OpenFile file) { }
                [Opendir]
                OpenDirectory Opendir(ReadOnlySpan<byte> path) => new();
                [Readdir]
                void Readdir(ref DirectoryFiller entries, OpenFile {|FUSE008:directory|}) { }
                [Releasedir]
                void Releasedir(OpenDirectory directory) { }
            """));
    }

    [Fact]
    public async Task A_handle_parameter_without_any_creator_is_a_warning_on_the_parameter()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Read]
                int Read(Span<byte> buffer, long offset, OpenFile {|FUSE009:file|}) => 0;
            """));

        Assert.Equal("Method 'Read' takes a 'OpenFile' handle, but no [Open] or [Create] method returns one, so it always receives null", diagnostics[0].GetMessage());
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task A_directory_handle_without_opendir_is_a_warning_even_when_open_returns_handles()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                DisposableFile Open(ReadOnlySpan<byte> path) => new();
                [Readdir]
                void Readdir(ref DirectoryFiller entries, OpenDirectory {|FUSE009:directory|}) { }
            """));

        Assert.Contains("no [Opendir] method returns one", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_handle_nothing_releases_or_disposes_is_a_warning_on_the_return_type()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                {|FUSE010:OpenFile|} Open(ReadOnlySpan<byte> path) => new();
                [Read]
                int Read(Span<byte> buffer, long offset, OpenFile file) => 0;
            """));

        Assert.Equal(
            "[Open] returns 'OpenFile', but no [Release] method takes it and it is not IDisposable: whatever it holds is never closed when the file is released",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_release_method_that_does_not_take_the_handle_does_not_release_it()
    {
        await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                {|FUSE010:OpenFile|} Open(ReadOnlySpan<byte> path) => new();
                [Release]
                void Release(ReadOnlySpan<byte> path) { }
            """));
    }

    [Fact]
    public async Task Every_creator_of_an_unreleased_handle_is_reported_and_directories_name_releasedir()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                {|FUSE010:OpenFile|} Open(ReadOnlySpan<byte> path) => new();
                [Create]
                {|FUSE010:OpenFile|} Create(ReadOnlySpan<byte> path, uint mode) => new();
                [Opendir]
                {|FUSE010:OpenDirectory|} Opendir(ReadOnlySpan<byte> path) => new();
            """));

        Assert.StartsWith("[Opendir] returns 'OpenDirectory', but no [Releasedir] method takes it", diagnostics[2].GetMessage());
    }

    [Theory]
    [InlineData("""
        [Open]
        OpenFile Open(ReadOnlySpan<byte> path) => new();
        [Release]
        void Release(OpenFile file) { }
        """)]
    [InlineData("""
        [Open]
        DisposableFile Open(ReadOnlySpan<byte> path) => new();
        """)]
    [InlineData("""
        [Open]
        DisposableFile Open(ReadOnlySpan<byte> path) => new();
        [Release]
        void Release(ReadOnlySpan<byte> path) { }
        """)]
    [InlineData("""
        [Open]
        int Open(ReadOnlySpan<byte> path) => 0;
        """)]
    [InlineData("""
        [Opendir]
        OpenDirectory Opendir(ReadOnlySpan<byte> path) => new();
        [Releasedir]
        void Releasedir(OpenDirectory directory) { }
        [Readdir]
        void Readdir(ref DirectoryFiller entries, OpenDirectory directory) { }
        """)]
    public async Task Handles_that_are_released_or_disposed_draw_nothing(string members)
    {
        await AnalyzerVerifier.VerifyCleanAsync(FileSystem(members));
    }

    [Fact]
    public async Task Open_and_create_of_different_types_are_told_how_one_release_takes_both()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                [Open]
                OpenFile Open(ReadOnlySpan<byte> path) => new();
                [Create]
                OtherFile Create(ReadOnlySpan<byte> path, uint mode) => new();
                [Release]
                void Release(OpenFile {|FUSE008:file|}) { }
            """));

        Assert.Equal(
            "Method 'Release' takes a 'OpenFile' handle, but [Create] ('Create') returns 'OtherFile', which is never a 'OpenFile': [Release] would fail with EBADF on every file [Create] opens; " +
            "one [Release] takes the handles of [Open] and [Create] when they return one class or interface ('OpenFile' and 'OtherFile' derive from a class or implement an interface of the filesystem's own) and its parameter is declared as it",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Open_and_create_sharing_an_interface_are_told_to_take_it()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(FileSystem("""
                public sealed class OtherConcreteFile : IFileHandle { }

                [Open]
                ConcreteFile Open(ReadOnlySpan<byte> path) => new();
                [Create]
                OtherConcreteFile Create(ReadOnlySpan<byte> path, uint mode) => new();
                [Release]
                void Release(ConcreteFile {|FUSE008:file|}) { }
            """));

        Assert.Equal(
            "Method 'Release' takes a 'ConcreteFile' handle, but [Create] ('Create') returns 'OtherConcreteFile', which is never a 'ConcreteFile': [Release] would fail with EBADF on every file [Create] opens; " +
            "one [Release] takes the handles of [Open] and [Create] when its parameter is declared 'IFileHandle', which all of them are",
            diagnostics[0].GetMessage());
    }
}

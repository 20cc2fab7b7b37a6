using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE001: a signature that fits none of its operation's shapes, reported where the problem is.</summary>
public class SignatureMismatchTests
{
    private const string RestOfReadOrWrite = "; long offset (optional); ref FileInfo fileInfo or FileInfo fileInfo (optional); THandle handle (optional)";

    [Theory]
    [InlineData("Task<int>")]
    [InlineData("string")]
    [InlineData("long")]
    [InlineData("Errno?")]
    [InlineData("object")]
    public async Task Getattr_with_a_wrong_return_type_is_reported_on_the_return_type(string returnType)
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            [Getattr]
            {|FUSE001:{{returnType}}|} GetAttr(string path, ref Stat stat) => throw null!;
            """));

        var message = diagnostics[0].GetMessage();
        Assert.StartsWith("Method 'GetAttr' cannot implement [Getattr]: the return type", message);
        Assert.Contains("'Errno' (Errno.None on success, otherwise the error) or 'int' (0 on success, otherwise -errno) or 'void' (success unless it throws)", message);
    }

    [Theory]
    [InlineData("ref Stat", "stat")]
    [InlineData("out Statx", "statx")]
    [InlineData("Statx", "statx")]
    public async Task Statx_takes_its_buffer_only_by_reference(string type, string name)
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;

            [Statx]
            Errno Statx(string path, {{type}} {|FUSE001:{{name}}|}) => throw null!;
            """));

        Assert.StartsWith("Method 'Statx' cannot implement [Statx]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_ref_return_is_reported_on_the_return_type()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            private static int _count;

            [Read]
            {|FUSE001:ref int|} Read(Span<byte> buffer, long offset) => ref _count;
            """));
    }

    [Fact]
    public async Task Write_data_as_a_writable_span_is_reported_on_the_parameter()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Write]
            int Write(string path, Span<byte> {|FUSE001:data|}, long offset) => data.Length;
            """));

        Assert.Equal(
            "Method 'Write' cannot implement [Write]: parameter 'System.Span<byte> data' does not fit [Write], which expects here ReadOnlySpan<byte> data" + RestOfReadOrWrite,
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Read_buffer_as_a_read_only_span_is_reported_on_the_parameter()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Read]
            int Read(string path, ReadOnlySpan<byte> {|FUSE001:buffer|}, long offset) => 0;
            """));

        Assert.Equal(
            "Method 'Read' cannot implement [Read]: parameter 'System.ReadOnlySpan<byte> buffer' does not fit [Read], which expects here Span<byte> buffer" + RestOfReadOrWrite,
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Stat_by_value_is_reported_with_the_ref_form()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, Stat {|FUSE001:stat|}) => Errno.None;
            """));

        Assert.Equal(
            "Method 'GetAttr' cannot implement [Getattr]: parameter 'stat' must be declared 'ref Stat stat' or 'out Stat stat' for [Getattr]",
            diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("in Stat stat")]
    [InlineData("ref readonly Stat stat")]
    public async Task Stat_as_a_read_only_reference_is_reported(string parameter)
    {
        var name = parameter.Split(' ')[^1];
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            [Getattr]
            Errno GetAttr(string path, {{parameter.Substring(0, parameter.Length - name.Length)}}{|FUSE001:{{name}}|}) => Errno.None;
            """));
    }

    [Fact]
    public async Task A_missing_required_parameter_is_reported_on_the_method_name()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno {|FUSE001:GetAttr|}(string path) => Errno.None;
            """));

        Assert.Equal(
            "Method 'GetAttr' cannot implement [Getattr]: the required parameter 'ref Stat stat or out Stat stat' (attributes to fill in) is missing",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Read_without_its_buffer_is_reported_on_the_first_parameter_that_does_not_fit()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Read]
            int Read(string path, long {|FUSE001:offset|}) => 0;
            """));

        Assert.Equal(
            "Method 'Read' cannot implement [Read]: parameter 'long offset' does not fit [Read], which expects here Span<byte> buffer" + RestOfReadOrWrite,
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_parameter_of_the_right_type_in_the_wrong_place_is_a_position_problem()
    {
        // Not "must be declared 'long offset'": it is declared so, only too early.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Read]
            int Read(string path, long {|FUSE001:offset|}, Span<byte> buffer) => 0;
            """));

        Assert.Equal(
            "Method 'Read' cannot implement [Read]: parameter 'long offset' does not fit [Read], which expects here Span<byte> buffer" + RestOfReadOrWrite,
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task File_info_by_out_is_reported_with_both_accepted_forms()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Open]
            Errno Open(string path, out FileInfo {|FUSE001:fileInfo|}) { fileInfo = default; return Errno.None; }
            """));

        Assert.Equal(
            "Method 'Open' cannot implement [Open]: parameter 'fileInfo' must be declared 'ref FileInfo fileInfo' or 'FileInfo fileInfo' for [Open]",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_wrong_return_type_and_a_missing_parameter_are_both_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Read]
            {|FUSE001:Task<int>|} {|FUSE001:Read|}(string path) => throw null!;
            """));
    }

    [Fact]
    public async Task Parameters_out_of_order_are_reported_on_the_first_one_that_does_not_fit()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(ref Stat stat, string {|FUSE001:path|}) => Errno.None;
            """));

        Assert.Equal(
            "Method 'GetAttr' cannot implement [Getattr]: parameter 'string path' does not fit [Getattr], which expects here ref FileInfo fileInfo or FileInfo fileInfo (optional); THandle handle (optional)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_parameter_after_the_last_slot_is_reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path, int {|FUSE001:extra|}) => Errno.None;
            """));

        Assert.EndsWith("which expects here no further parameters", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task A_path_given_twice_is_reported_on_the_second()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path, string {|FUSE001:again|}) => Errno.None;
            """));
    }

    [Fact]
    public async Task The_caller_context_by_reference_is_not_ambient()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            Errno Unlink(in FuseContext {|FUSE001:caller|}, string path) => Errno.None;
            """));
    }

    [Fact]
    public async Task Readlink_returning_int_without_a_buffer_is_reported_on_the_method_name()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Readlink]
            int {|FUSE001:ReadLink|}(string path) => 0;
            """));

        Assert.Equal(
            "Method 'ReadLink' cannot implement [Readlink]: returning 'int' needs the parameter 'Span<byte> buffer' to write into",
            diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("string")]
    [InlineData("ReadOnlySpan<byte>")]
    public async Task Readlink_returning_the_target_with_a_buffer_is_reported(string returnType)
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            [Readlink]
            {{returnType}} {|FUSE001:ReadLink|}(string path, Span<byte> buffer) => throw null!;
            """));

        Assert.EndsWith("the parameter 'Span<byte> buffer' is only used with the 'int' return type", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Getxattr_returning_int_without_a_buffer_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getxattr]
            int {|FUSE001:GetXattr|}(string path, string name) => 0;
            """));
    }

    [Theory]
    [InlineData("object")]
    [InlineData("string")]
    [InlineData("Task<Handle>")]
    [InlineData("Handle[]")]
    [InlineData("Stat")]
    public async Task Open_returning_something_that_cannot_be_a_handle_is_reported(string returnType)
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            public sealed class Handle;

            [Open]
            {|FUSE001:{{returnType}}|} Open(string path) => throw null!;
            """));

        Assert.Contains("'THandle' (a handle object that later operations on this file receive)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Only_open_create_and_opendir_may_return_a_handle()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            public sealed class Handle;

            [Getattr]
            {|FUSE001:Handle|} GetAttr(string path, ref Stat stat) => throw null!;
            """));
    }

    [Fact]
    public async Task A_handle_before_the_buffer_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            public sealed class Handle;

            [Read]
            int Read(Handle {|FUSE001:handle|}, Span<byte> buffer, long offset) => 0;
            """));
    }

    [Theory]
    [InlineData("object")]
    [InlineData("string")]
    [InlineData("FuseException")]
    [InlineData("Task")]
    public async Task A_handle_parameter_must_be_a_class_of_the_filesystem(string type)
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            [Release]
            Errno Release(string path, {{type}} {|FUSE001:handle|}) => Errno.None;
            """));
    }

    [Fact]
    public async Task Init_with_a_return_value_is_reported()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Init]
            {|FUSE001:int|} Init(FuseConnectionInfo connection) => 0;
            """));
    }

    [Fact]
    public async Task Each_method_is_checked_on_its_own()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, Stat {|FUSE001:stat|}) => Errno.None;

            [Unlink]
            Errno Unlink(string path) => Errno.None;

            [Read]
            {|FUSE001:long|} Read(Span<byte> buffer, long offset) => 0;
            """));
    }

    [Fact]
    public async Task Write_blames_the_parameter_no_order_of_slots_fits()
    {
        // Read slot by slot, the data would be the optional path and the offset where the data goes; the parameter
        // that fits no order is the string at the end.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Write]
            int Write(ReadOnlySpan<byte> data, long offset, string {|FUSE001:file|}) => 0;
            """));

        Assert.Equal(
            "Method 'Write' cannot implement [Write]: parameter 'string file' does not fit [Write], which expects here ref FileInfo fileInfo or FileInfo fileInfo (optional); THandle handle (optional)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Open_returning_object_is_told_what_a_handle_type_may_be()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Open]
            {|FUSE001:object|} Open(string path) => new();
            """));

        Assert.Equal(
            "Method 'Open' cannot implement [Open]: the return type 'object' is not accepted; [Open] returns " + OpenResults + "; " +
            "'object' cannot be a handle, which is a class or interface of the filesystem's own (not object, string, a struct, a task or a FuseGen type): it says nothing of what the handle is",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Release_taking_object_is_told_why_it_is_no_handle()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Release]
            void Release(object {|FUSE001:file|}) { }
            """));

        Assert.Equal(
            "Method 'Release' cannot implement [Release]: parameter 'object file' does not fit [Release], which expects here ReadOnlySpan<byte> path or string path (optional); ref FileInfo fileInfo or FileInfo fileInfo (optional); THandle handle (optional); " +
            "'object' cannot be a handle, which is a class or interface of the filesystem's own (not object, string, a struct, a task or a FuseGen type): it says nothing of what the handle is",
            diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("OwnHandle", "a struct would be copied, not handed back")]
    [InlineData("Task<OpenFile>", "a task is not the handle it completes with")]
    [InlineData("FuseException", "FuseGen's own types are not handles")]
    [InlineData("int", null)]
    [InlineData("Stat", null)]
    public async Task What_one_may_take_for_a_handle_is_told_why_it_is_none(string type, string? why)
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem($$"""
            public struct OwnHandle;
            public sealed class OpenFile;

            [Release]
            void Release({{type}} {|FUSE001:file|}) { }
            """));

        var message = diagnostics[0].GetMessage();
        if (why is null)
        {
            Assert.DoesNotContain("cannot be a handle", message, System.StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith($"; '{type}' cannot be a handle, which is a class or interface of the filesystem's own (not object, string, a struct, a task or a FuseGen type): {why}", message, System.StringComparison.Ordinal);
        }
    }

    private const string OpenResults =
        "'Errno' (Errno.None on success, otherwise the error) or 'int' (0 on success, otherwise -errno) or 'void' (success unless it throws) or 'THandle' (a handle object that later operations on this file receive)";
}

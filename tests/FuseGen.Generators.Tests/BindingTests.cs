using FuseGen.Generators.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>How parameters bind to an operation's slots when optional slots are left out.</summary>
public sealed class BindingTests
{
    [Theory]
    [InlineData("[Write] static int M(ReadOnlySpan<byte> data, long offset) => data.Length;", "write")]
    [InlineData("[Write] static int M(ReadOnlySpan<byte> data) => data.Length;", "write")]
    [InlineData("[Setxattr] static void M(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) { }", "setxattr")]
    [InlineData("[Removexattr] static void M(string name) { }", "removexattr")]
    [InlineData("[Symlink] static void M(string target, string path) { }", "symlink")]
    [InlineData("[Read] static int M(Span<byte> buffer, FuseContext caller) => caller.Pid;", "read")]
    public void A_leading_span_fills_the_first_slot_it_can_complete_the_signature_with(string method, string expected)
    {
        var run = GeneratorRunner.Run($$"""
            using System;
            using FuseGen;

            [FuseFileSystem]
            public partial class Fs
            {
                {{method}}
            }
            """);

        Assert.Equal(new[] { expected }, run.BoundNativeNames);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Removexattr_with_one_span_binds_it_to_the_required_name_not_the_optional_path()
    {
        var run = GeneratorRunner.Run("""
            using System;
            using FuseGen;

            [FuseFileSystem]
            public partial class Fs
            {
                [Removexattr] static void M(ReadOnlySpan<byte> name) { }
            }
            """);

        Assert.Contains("NativeText.AsSpan(name)", run.SingleSource.SourceText.ToString());
    }

    [Fact]
    public void A_record_class_is_a_filesystem_too()
    {
        var run = GeneratorRunner.Run("""
            using System;
            using FuseGen;

            [FuseFileSystem]
            public sealed partial record RecordFs(string Name)
            {
                [Getattr] Errno GetAttr(ref Stat stat) => Name.Length > 0 ? Errno.None : Errno.ENOENT;
            }
            """);

        Assert.Equal(new[] { "getattr" }, run.BoundNativeNames);
        Assert.Contains("partial record RecordFs : global::FuseGen.IFuseFileSystem", run.SingleSource.SourceText.ToString());
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
    }
}

using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>FUSE005: one method with several operation attributes, reported on the second.</summary>
public class SeveralOperationsTests
{
    [Fact]
    public async Task Two_attributes_in_one_list()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink, {|FUSE005:Rmdir|}]
            Errno Remove(string path) => Errno.None;
            """));

        Assert.Equal("Method 'Remove' carries [Unlink], [Rmdir]; one method implements one operation", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Two_attribute_lists()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink]
            [Obsolete]
            [{|FUSE005:Rmdir|}]
            Errno Remove(string path) => Errno.None;
            """));
    }

    [Fact]
    public async Task Three_attributes_are_one_diagnostic_naming_all()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink, {|FUSE005:Rmdir|}, Flush]
            Errno Remove(string path) => Errno.None;
            """));

        Assert.Contains("[Unlink], [Rmdir], [Flush]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task The_signature_is_not_checked_against_either_operation()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Getattr, {|FUSE005:Read|}]
            Task<int> Both(string path) => throw null!;
            """));
    }

    [Fact]
    public async Task A_method_with_several_operations_does_not_take_the_operation()
    {
        await AnalyzerVerifier.VerifyAsync(Sources.FileSystem("""
            [Unlink, {|FUSE005:Rmdir|}]
            Errno Remove(string path) => Errno.None;

            [Unlink]
            Errno Unlink(string path) => Errno.None;
            """));
    }

    [Fact]
    public async Task One_operation_among_other_attributes_is_fine()
    {
        await AnalyzerVerifier.VerifyValidAsync(Sources.FileSystem("""
            [Obsolete, Unlink, CLSCompliant(false)]
            [System.Diagnostics.DebuggerStepThrough]
            Errno Remove(string path) => Errno.None;
            """));
    }
}

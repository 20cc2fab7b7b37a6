extern alias codefixes;

using System.Threading.Tasks;
using codefixes::FuseGen.CodeFixes;
using FuseGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Analyzers.Tests.CodeFixes;

public class RemoveAttributeCodeFixTests
{
    private const string Key = nameof(RemoveAttributeCodeFix);

    [Fact]
    public async Task A_duplicate_attribute_on_its_own_line()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;

            /// <summary>Another one.</summary>
            [{|FUSE004:Getattr|}]
            Errno GetAttributes(string path, ref Stat stat) => Errno.None;
            """), Sources.FileSystem("""
            [Getattr]
            Errno GetAttr(string path, ref Stat stat) => Errno.None;

            /// <summary>Another one.</summary>
            Errno GetAttributes(string path, ref Stat stat) => Errno.None;
            """), Key, title: "Remove [Getattr]");
    }

    [Fact]
    public async Task A_duplicate_attribute_among_other_lists()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path) => Errno.None;

            [Obsolete]
            [{|FUSE004:Unlink|}]
            [CLSCompliant(false)]
            Errno Remove(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path) => Errno.None;

            [Obsolete]
            [CLSCompliant(false)]
            Errno Remove(string path) => Errno.None;
            """), Key);
    }

    [Fact]
    public async Task The_second_of_two_attributes_in_one_list()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Unlink, {|FUSE005:Rmdir|}]
            Errno Remove(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Unlink]
            Errno Remove(string path) => Errno.None;
            """), Key, title: "Remove [Rmdir]");
    }

    [Fact]
    public async Task The_middle_of_three_attributes_in_one_list()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Obsolete, Unlink, {|FUSE005:Rmdir|}]
            Errno Remove(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Obsolete, Unlink]
            Errno Remove(string path) => Errno.None;
            """), Key);
    }

    [Fact]
    public async Task A_second_list_on_the_same_line()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Unlink] [{|FUSE005:Rmdir|}] Errno Remove(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Unlink] Errno Remove(string path) => Errno.None;
            """), Key);
    }

    [Fact]
    public async Task A_second_list_on_its_own_line()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Unlink]
            [{|FUSE005:Rmdir|}]
            Errno Remove(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Unlink]
            Errno Remove(string path) => Errno.None;
            """), Key);
    }

    [Fact]
    public async Task The_first_list_of_a_documented_method()
    {
        await CodeFixVerifier.VerifyAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path) => Errno.None;

            /// <summary>Removes.</summary>
            [{|FUSE004:Unlink|}] // the same
            Errno Remove(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path) => Errno.None;

            /// <summary>Removes.</summary>
            Errno Remove(string path) => Errno.None;
            """), Key);
    }

    [Fact]
    public async Task Fix_all_removes_every_duplicate()
    {
        await CodeFixVerifier.VerifyFixAllAsync(new RemoveAttributeCodeFix(), Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path) => Errno.None;

            [{|FUSE004:Unlink|}]
            Errno Remove(string path) => Errno.None;

            [Rmdir, {|FUSE005:Flush|}]
            Errno RemoveDirectory(string path) => Errno.None;
            """), Sources.FileSystem("""
            [Unlink]
            Errno Unlink(string path) => Errno.None;

            Errno Remove(string path) => Errno.None;

            [Rmdir]
            Errno RemoveDirectory(string path) => Errno.None;
            """), Key);
    }
}

using System;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests;

/// <summary>Version-dependent choices: fuse_pkgversion parsing, the operation table size, file info bit positions.</summary>
[Collection(GlobalStateCollection.Name)]
public sealed class LibFuseVersionTests : IDisposable
{
    public void Dispose() => KernelFreeSession.RestoreFileInfoLayout();

    [Theory]
    [InlineData("3.14.0", 3, 14, 0)]
    [InlineData("3.17.4", 3, 17, 4)]
    [InlineData("3.18", 3, 18, 0)]
    [InlineData("3.16.2-rc1", 3, 16, 2)]
    [InlineData("3.10.5~git20240101", 3, 10, 5)]
    [InlineData("3.9.0+dfsg", 3, 9, 0)]
    [InlineData("3", 3, 0, 0)]
    [InlineData("", 0, 0, 0)]
    [InlineData("garbage", 0, 0, 0)]
    public void ParseVersion(string text, int major, int minor, int build)
    {
        Assert.Equal(new Version(major, minor, build), LibFuse.ParseVersion(text));
    }

    [Theory]
    [InlineData("3.0.0", 40)]
    [InlineData("3.3.0", 40)]
    [InlineData("3.4.0", 41)] // copy_file_range
    [InlineData("3.7.0", 41)]
    [InlineData("3.8.0", 42)] // lseek
    [InlineData("3.14.0", 42)]
    [InlineData("3.17.4", 42)]
    [InlineData("3.18.2", 43)] // statx
    [InlineData("3.19.0", 44)] // syncfs
    [InlineData("3.25.0", 44)]
    public void OperationCount(string version, int count)
    {
        Assert.Equal(count, LibFuse.OperationCount(Version.Parse(version)));
    }

    [Theory]
    [InlineData("3.14.0", 42)]
    [InlineData("3.18.0", 43)]
    [InlineData("3.19.0", 44)]
    public unsafe void Operation_table_size_is_a_pointer_per_member_of_the_version(string version, int members)
    {
        Assert.Equal(sizeof(void*) * members, LibFuse.OperationTableSize(Version.Parse(version)));
        Assert.Equal(8 * members, LibFuse.OperationTableSize(Version.Parse(version))); // the x86_64 and arm64 sizes
    }

    [Fact]
    public void Newest_table_is_the_mirror()
    {
        Assert.Equal(44, FuseOperationsSize.NewestMemberCount);
        Assert.Equal(FuseOperationsSize.NewestMemberCount, FuseOperations.Count);
    }

    [Fact]
    public void The_operation_mirror_ends_at_syncfs()
    {
        Assert.Equal(44, FuseOperations.Count);
        Assert.Equal(44, FuseOperationsSize.Members.Length);
        Assert.Equal(("statx", "Statx", new Version(3, 18)), FuseOperationsSize.Members[42]);
        Assert.Equal(("syncfs", "Syncfs", new Version(3, 19)), FuseOperationsSize.Members[43]);
    }

    [Theory]
    [InlineData("3.10.0", 3, 4, 5, 6, 7)]
    [InlineData("3.14.0", 3, 4, 5, 6, 7)]
    [InlineData("3.14.1", 4, 5, 6, 7, 8)] // parallel_direct_writes inserted at bit 3
    [InlineData("3.15.0", 4, 5, 6, 7, 8)]
    [InlineData("3.16.2", 4, 5, 6, 7, 8)]
    [InlineData("3.17.0", 3, 4, 5, 6, 7)] // parallel_direct_writes moved to the end
    [InlineData("3.17.4", 3, 4, 5, 6, 7)]
    [InlineData("3.18.2", 3, 4, 5, 6, 7)]
    public void FileInfoBits_Select(string version, int flush, int nonSeekable, int flockRelease, int cacheReaddir, int noFlush)
    {
        FileInfoBits.Select(Version.Parse(version));

        Assert.Equal(0, FileInfoBits.WritePage);
        Assert.Equal(1, FileInfoBits.DirectIo);
        Assert.Equal(2, FileInfoBits.KeepCache);
        Assert.Equal(flush, FileInfoBits.Flush);
        Assert.Equal(nonSeekable, FileInfoBits.NonSeekable);
        Assert.Equal(flockRelease, FileInfoBits.FlockRelease);
        Assert.Equal(cacheReaddir, FileInfoBits.CacheReaddir);
        Assert.Equal(noFlush, FileInfoBits.NoFlush);
    }

    [Fact]
    public void FileInfoBits_Select_can_go_back()
    {
        FileInfoBits.Select(new Version(3, 16, 2));
        FileInfoBits.Select(new Version(3, 14, 0));

        Assert.Equal(3, FileInfoBits.Flush);
        Assert.Equal(7, FileInfoBits.NoFlush);
    }
}

using System;
using System.IO;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// With the kernel allowed to cache (-o entry_timeout=60,attr_timeout=60), what it caches must be complete: a
/// readdirplus listing hands the kernel full attributes for every entry, which later stat calls are answered from.
/// </summary>
public sealed unsafe class CachingTests : IDisposable
{
    private readonly Lazy<MirrorMount> mount = new(() => MirrorMount.Start("caching", "-o", "entry_timeout=60,attr_timeout=60"));

    private MirrorMount Mount => mount.Value;

    [MountFact(AsRoot = true)]
    public void Attributes_from_a_listing_are_complete()
    {
        Directory.CreateDirectory(Mount.InSource("dir/sub"));
        File.WriteAllBytes(Mount.InSource("dir/file"), new byte[12345]);
        Check(LibC.fchownat(LibC.AT_FDCWD, Mount.InSource("dir/file"), 1000, 2000, 0), "chown");
        Check(LibC.fchmodat(LibC.AT_FDCWD, Mount.InSource("dir/file"), 0x1A0, 0), "chmod");
        File.CreateSymbolicLink(Mount.InSource("dir/link"), "file");

        // The first listing of a directory is a readdirplus: the kernel learns the entries and their attributes.
        var entries = ForwardedOperationTests.ReadDirectory(Mount.At("dir"));
        Assert.Equal(5, entries.Count);

        foreach (var name in new[] { "file", "sub", "link" })
        {
            var source = Stat(Mount.InSource($"dir/{name}"));
            var cached = Stat(Mount.At($"dir/{name}"));
            Assert.Equal(source.Inode, cached.Inode);
            Assert.Equal(source.Mode, cached.Mode);
            Assert.Equal((source.Uid, source.Gid), (cached.Uid, cached.Gid));
            Assert.Equal(source.Size, cached.Size);
            Assert.Equal(source.Links, cached.Links);
            Assert.Equal(source.Stat.ModificationTime, cached.Stat.ModificationTime);
        }
    }

    public void Dispose()
    {
        if (mount.IsValueCreated)
        {
            mount.Value.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// A directory far larger than one readdir reply: MirrorFs lists it statefully (each entry's offset is the source's
/// d_off cookie), so every name comes exactly once, and telldir/seekdir on the mount resume where they should.
/// </summary>
public sealed unsafe class LargeDirectoryTests : IClassFixture<MountFixture>
{
    private const int Count = 5_000;
    private readonly MountFixture fixture;

    public LargeDirectoryTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void Every_entry_of_a_huge_directory_is_listed_once()
    {
        var dir = Populated();
        var names = new List<string>();
        var stream = LibC.opendir(Mount.At(dir));
        Assert.True(stream != 0, $"opendir: {LastErrno}");
        try
        {
            for (var entry = LibC.readdir(stream); entry != null; entry = LibC.readdir(stream))
            {
                names.Add(Marshal.PtrToStringUTF8((nint)(entry + 19))!);
            }
        }
        finally
        {
            LibC.closedir(stream);
        }

        Assert.Equal(Count + 2, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Directory.GetFileSystemEntries(Mount.InSource(dir)).Select(Path.GetFileName).Order(StringComparer.Ordinal), names.Where(n => n is not "." and not "..").Order(StringComparer.Ordinal));
    }

    [MountFact(AsRoot = true)]
    public void Seekdir_resumes_at_a_telldir_position()
    {
        var dir = Populated();
        var stream = LibC.opendir(Mount.At(dir));
        Assert.True(stream != 0, $"opendir: {LastErrno}");
        try
        {
            var first = Read(stream, 2_000);
            var position = LibC.telldir(stream);
            var next = Read(stream, 100);
            Read(stream, 1_500);
            LibC.seekdir(stream, position);
            Assert.Equal(next, Read(stream, 100));

            LibC.seekdir(stream, 0);
            Assert.Equal(first.Take(10), Read(stream, 10));
        }
        finally
        {
            LibC.closedir(stream);
        }
    }

    [MountFact(AsRoot = true)]
    public void Listings_see_changes_in_the_source()
    {
        var dir = fixture.NewDirectory("changes");
        File.WriteAllText(Mount.InSource($"{dir}/one"), "");
        Assert.Equal(new[] { ".", "..", "one" }, ForwardedOperationTests.ReadDirectory(Mount.At(dir)).Keys.Order(StringComparer.Ordinal));
        File.WriteAllText(Mount.InSource($"{dir}/two"), "");
        File.Delete(Mount.InSource($"{dir}/one"));
        Assert.Equal(new[] { ".", "..", "two" }, ForwardedOperationTests.ReadDirectory(Mount.At(dir)).Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>One directory of <see cref="Count"/> files for the class (creating files is slow on some disks).</summary>
    private string Populated()
    {
        lock (fixture)
        {
            var dir = "huge";
            if (!Directory.Exists(Mount.InSource(dir)))
            {
                Directory.CreateDirectory(Mount.InSource(dir + ".tmp"));
                Populate(dir + ".tmp");
                Directory.Move(Mount.InSource(dir + ".tmp"), Mount.InSource(dir));
            }

            return dir;
        }
    }

    /// <summary>Fills the directory with hard links of one file: a new inode per name is what makes creating slow.</summary>
    private void Populate(string dir)
    {
        var source = Open(Mount.InSource(dir), LibC.O_PATH | LibC.O_DIRECTORY);
        try
        {
            LibC.close(Check(LibC.openat(source, "entry-00000", LibC.O_CREAT | LibC.O_WRONLY | LibC.O_CLOEXEC, 0x1A4), "create"));
            for (var i = 1; i < Count; i++)
            {
                Check(LibC.linkat(source, "entry-00000", source, $"entry-{i:D5}-{new string('x', i % 200)}", 0), "link");
            }
        }
        finally
        {
            LibC.close(source);
        }
    }

    private static List<string> Read(nint stream, int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var entry = LibC.readdir(stream);
            Assert.True(entry != null, "the listing ended early");
            names.Add(Marshal.PtrToStringUTF8((nint)(entry + 19))!);
        }

        return names;
    }
}

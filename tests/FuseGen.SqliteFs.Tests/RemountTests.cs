using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.SqliteFs.Tests;

/// <summary>What was written before an unmount is there, byte for byte, after the next mount of the same database.</summary>
public sealed class RemountTests(ITestOutputHelper output)
{
    private static readonly DateTime OldTime = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    [MountFact]
    public void Content_names_modes_times_and_links_survive_unmount_and_remount_byte_for_byte()
    {
        using var database = new SqliteDatabase(output);
        var random = new Random(12);
        var expected = new Dictionary<string, byte[]>
        {
            ["empty"] = Array.Empty<byte>(),
            ["small"] = Bytes(random, 13),
            ["one-block"] = Bytes(random, 64 * 1024),
            ["odd"] = Bytes(random, 200_001),
            ["dir/sub/deep"] = Bytes(random, (1 << 20) + 7),
        };
        string[] listing;
        using (var mounted = database.Mount())
        {
            Directory.CreateDirectory(mounted["dir/sub"]);
            foreach (var (name, content) in expected)
            {
                File.WriteAllBytes(mounted[name], content);
            }

            // An overwrite across a block boundary, a write past the end leaving a hole, a truncation inside a block.
            var patch = Bytes(random, 10_000);
            using (var file = File.OpenHandle(mounted["odd"], FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.Write(file, patch, 60_000);
                RandomAccess.Write(file, patch, 300_000);
            }

            var odd = new byte[310_000];
            expected["odd"].CopyTo(odd, 0);
            patch.CopyTo(odd, 60_000);
            patch.CopyTo(odd, 300_000);
            expected["odd"] = odd;
            using (var file = File.OpenHandle(mounted["one-block"], FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.SetLength(file, 1000);
            }

            expected["one-block"] = expected["one-block"][..1000];

            File.Move(mounted["dir/sub/deep"], mounted["dir/moved"]);
            expected["dir/moved"] = expected["dir/sub/deep"];
            expected.Remove("dir/sub/deep");
            File.CreateSymbolicLink(mounted["link"], "dir/moved");
            File.SetUnixFileMode(mounted["small"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetLastWriteTimeUtc(mounted["small"], OldTime);
            listing = Listing(mounted.MountPoint.Path);
        }

        Assert.Equal("ok", database.IntegrityCheck());

        using (var mounted = database.Mount())
        {
            Assert.Equal(listing, Listing(mounted.MountPoint.Path));
            foreach (var (name, content) in expected)
            {
                Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(mounted[name])), $"{name} differs after the remount");
            }

            Assert.Equal("dir/moved", new System.IO.FileInfo(mounted["link"]).LinkTarget);
            Assert.Equal(expected["dir/moved"], File.ReadAllBytes(mounted["link"]));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(mounted["small"]));
            Assert.Equal(OldTime, File.GetLastWriteTimeUtc(mounted["small"]));
            Assert.False(Directory.Exists(mounted["dir/sub/deep"]));
            Assert.Empty(Directory.GetFileSystemEntries(mounted["dir/sub"]));
        }
    }

    [MountFact]
    public void Rename_over_an_existing_file_replaces_it_whole()
    {
        using var database = new SqliteDatabase(output);
        var random = new Random(5);
        var old = Bytes(random, 150_000);
        var replacement = Bytes(random, 70_000);
        using (var mounted = database.Mount())
        {
            File.WriteAllBytes(mounted["target"], old);
            File.WriteAllBytes(mounted["target.tmp"], replacement);
            File.Move(mounted["target.tmp"], mounted["target"], overwrite: true);
            Assert.Equal(replacement, File.ReadAllBytes(mounted["target"]));
        }

        using (var mounted = database.Mount())
        {
            Assert.Equal(new[] { "target" }, Directory.GetFileSystemEntries(mounted.MountPoint.Path).Select(Path.GetFileName));
            Assert.Equal(replacement, File.ReadAllBytes(mounted["target"]));
        }

        Assert.Equal("ok", database.IntegrityCheck());
    }

    internal static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every path under <paramref name="root"/> with its type and size, in order.</summary>
    private static string[] Listing(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(path => new System.IO.FileInfo(path))
            .Select(info => $"{Path.GetRelativePath(root, info.FullName)} {(info.Attributes.HasFlag(FileAttributes.Directory) ? "dir" : info.LinkTarget is not null ? "link" : info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))}")
            .Order(StringComparer.Ordinal)
            .ToArray();
}

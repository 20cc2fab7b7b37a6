using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using FuseGen.ReliabilityTests.FileSystems;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Names, paths, listings and offsets at and past the limits reach the filesystem (or are stopped by the kernel)
/// with a precise errno, never a crash or a hang.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileInputTests : MountTest
{
    private const int EOVERFLOW = 75;

    public HostileInputTests(ITestOutputHelper output)
        : base(output)
    {
    }

    /// <summary>
    /// Definition: a <c>string</c> path is the kernel's bytes decoded as UTF-8 with each invalid sequence replaced by
    /// U+FFFD (Encoding.UTF8.GetString). Names that differ only in invalid bytes therefore reach such a filesystem as
    /// the same string, and it lists the decoded (valid UTF-8) name.
    /// </summary>
    [MountFact]
    public void Invalid_UTF8_in_names_reaches_a_string_path_filesystem_as_U_FFFD()
    {
        var fs = new StringPathFs();
        using var mount = InProcessMount.Start(fs, new MountOptions { EntryTimeout = 0, AttrTimeout = 0, NegativeTimeout = 0 }, Output);
        byte[] invalid = { (byte)'f', 0xFF, (byte)'g' };
        byte[] truncated = { (byte)'h', 0xE2, 0x82 };
        byte[] otherInvalid = { (byte)'f', 0xFE, (byte)'g' };

        foreach (var name in new[] { invalid, truncated })
        {
            var (fd, errno) = LibC.Open(Under(mount.Path, name), LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL);
            Assert.Equal(0, errno);
            LibC.Close(fd);
            Assert.Contains("/" + Encoding.UTF8.GetString(name), fs.Received);
        }

        Assert.Contains("/f\uFFFDg", fs.Received);
        Assert.Contains("/h\uFFFD", fs.Received);
        var listed = LibC.ListDirectory(mount.Path).Names.Select(Convert.ToHexString).Order().ToArray();
        Assert.Equal(new[] { Convert.ToHexString("f\uFFFDg"u8), Convert.ToHexString("h\uFFFD"u8) }.Order(), listed);
        Assert.Equal(0, LibC.StatAt(Under(mount.Path, otherInvalid)).Errno);
        Output.WriteLine($"string paths: 66 FF 67 and 66 FE 67 both reach the filesystem as \"/f\\uFFFDg\", listed as {listed[0]}; 68 E2 82 as \"/h\\uFFFD\"");
    }

    [MountFact]
    public void Invalid_UTF8_in_names_round_trips_exactly_through_a_span_path_filesystem()
    {
        using var mount = InProcessMount.Start(new BytePathFs(), new MountOptions { EntryTimeout = 0, AttrTimeout = 0, NegativeTimeout = 0 }, Output);
        byte[][] names = { new byte[] { (byte)'f', 0xFF, (byte)'g' }, new byte[] { (byte)'f', 0xFE, (byte)'g' }, new byte[] { (byte)'h', 0xE2, 0x82 }, new byte[] { 0xC0, 0xAF } };
        foreach (var name in names)
        {
            var (fd, errno) = LibC.Open(Under(mount.Path, name), LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL);
            Assert.Equal(0, errno);
            LibC.Close(fd);
        }

        var listed = LibC.ListDirectory(mount.Path).Names.Select(Convert.ToHexString).Order().ToArray();
        Assert.Equal(names.Select(Convert.ToHexString).Order(), listed);
        Assert.All(names, name => Assert.Equal(0, LibC.StatAt(Under(mount.Path, name)).Errno));
        Output.WriteLine($"span paths: {string.Join(", ", listed)} listed exactly as created");
    }

    [MountFact]
    public void Names_of_255_bytes_work_and_longer_ones_are_the_filesystems_to_refuse()
    {
        // MemFs keeps NAME_MAX (255) itself.
        using var memfs = MountedSample.Start("MemFs", Output);
        var results = new[] { 255, 256, 1024, 1025 }.Select(length => (length, errno: Create(memfs.MountPoint.Path, length))).ToArray();
        Output.WriteLine("MemFs: " + string.Join(", ", results.Select(r => $"{r.length} bytes -> {(r.errno == 0 ? "created" : "errno " + r.errno)}")));
        Assert.Equal(0, results[0].errno);
        Assert.All(results.Skip(1), r => Assert.Equal(LibC.ENAMETOOLONG, r.errno));

        // The kernel does not hold FUSE names to 255 bytes: a filesystem that checks nothing gets them all.
        using var mount = InProcessMount.Start(new BytePathFs(), new MountOptions(), Output);
        var unchecked1 = new[] { 255, 256, 1024, 1025, 4000 }.Select(length => (length, errno: Create(mount.Path, length))).ToArray();
        Output.WriteLine("a filesystem that checks nothing: " + string.Join(", ", unchecked1.Select(r => $"{r.length} bytes -> {(r.errno == 0 ? "created" : "errno " + r.errno)}")));
        Assert.All(unchecked1, r => Assert.True(r.errno is 0 or LibC.ENAMETOOLONG, $"{r.length} bytes: errno {r.errno}"));
        Assert.Equal(0, unchecked1[1].errno);

        static int Create(string directory, int length)
        {
            var (fd, errno) = LibC.Open(Path.Combine(directory, new string('n', length)), LibC.O_WRONLY | LibC.O_CREAT);
            if (fd >= 0)
            {
                LibC.Close(fd);
            }

            return errno;
        }
    }

    [MountFact]
    public void A_path_of_4096_bytes_fails_with_ENAMETOOLONG_and_the_filesystem_serves_deeper_paths()
    {
        var fs = new BytePathFs();
        using var mount = InProcessMount.Start(fs, new MountOptions(), Output);

        // Directories of 200-byte names, created relative to each other's descriptors, until the path is 4095 bytes.
        var path = new StringBuilder(mount.Path);
        var (directory, _) = LibC.Open(mount.Path, LibC.O_RDONLY | LibC.O_DIRECTORY);
        while (path.Length + 1 + 200 < 4095 - 10)
        {
            var name = new string('d', 200);
            Assert.Equal(0, LibC.Mkdir(LibC.Bytes(name), directory: directory));
            var (next, errno) = LibC.OpenAt(directory, LibC.Bytes(name), LibC.O_RDONLY | LibC.O_DIRECTORY);
            Assert.Equal(0, errno);
            LibC.Close(directory);
            directory = next;
            path.Append('/').Append(name);
        }

        // The path of the deepest directory as the filesystem sees it (below the mount point, whose length varies).
        var directoryInFileSystem = path.Length - mount.Path.Length;
        var leaf = new string('f', 4095 - path.Length - 1);
        var (file, createErrno) = LibC.OpenAt(directory, LibC.Bytes(leaf), LibC.O_WRONLY | LibC.O_CREAT);
        Assert.Equal(0, createErrno);
        LibC.Close(file);
        path.Append('/').Append(leaf);
        Assert.Equal(4095, Encoding.UTF8.GetByteCount(path.ToString()));

        // The kernel takes paths shorter than PATH_MAX (4096 with its NUL): 4095 bytes works, 4096 does not.
        Assert.Equal(0, LibC.Stat(path.ToString()).Errno);
        Assert.Equal(LibC.ENAMETOOLONG, LibC.Stat(path + "x").Errno);
        Assert.Equal(LibC.ENAMETOOLONG, LibC.Stat(path + "/" + new string('y', 300)).Errno);

        // Relative to a descriptor there is no such limit: the filesystem gets paths longer than 4096 bytes.
        var deeper = directory;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, LibC.Mkdir(LibC.Bytes("deeper" + new string('e', 200)), directory: deeper));
            var (next, _) = LibC.OpenAt(deeper, LibC.Bytes("deeper" + new string('e', 200)), LibC.O_RDONLY | LibC.O_DIRECTORY);
            if (deeper != directory)
            {
                LibC.Close(deeper);
            }

            deeper = next;
        }

        var (deep, deepErrno) = LibC.OpenAt(deeper, LibC.Bytes("leaf"), LibC.O_WRONLY | LibC.O_CREAT);
        Assert.Equal(0, deepErrno);
        LibC.Close(deep);
        Assert.Equal(0, LibC.StatAt(LibC.Bytes("leaf"), deeper).Errno);
        LibC.Close(deeper);
        LibC.Close(directory);
        Output.WriteLine($"a 4095-byte path works, 4096 bytes is ENAMETOOLONG; relative to descriptors the filesystem served paths of up to {fs.LongestPath} bytes");
        var deepestLeaf = directoryInFileSystem + (5 * ("/deeper".Length + 200)) + "/leaf".Length;
        Assert.True(deepestLeaf > 4096, $"the test builds a path of only {deepestLeaf} bytes below the mount point");
        Assert.True(fs.LongestPath >= deepestLeaf, $"the longest path the filesystem saw was {fs.LongestPath} bytes, not the {deepestLeaf} of the deepest leaf");
    }

    [MountFact]
    public void Reads_and_writes_near_long_MaxValue_fail_cleanly_on_MemFs() => AssertHugeOffsets(MountedSample.Start("MemFs", Output), "MemFs");

    [MountFact]
    public void Reads_and_writes_near_long_MaxValue_fail_cleanly_on_MirrorFs()
    {
        using var source = Tmpfs.Mount(64L << 20);
        AssertHugeOffsets(MountedSample.Start("MirrorFs", Output, new[] { source.Path }, Array.Empty<string>()), "MirrorFs");
    }

    [MountFact]
    public void Zero_length_reads_and_writes_succeed_and_change_nothing()
    {
        using var mount = MountedSample.Start("MemFs", Output);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR | LibC.O_CREAT);
        Assert.Equal(0, errno);
        try
        {
            Assert.Equal(5, LibC.PWrite(fd, "hello"u8, 0).Count);
            foreach (var offset in new[] { 0L, 3, 5, 1L << 40, long.MaxValue - 1 })
            {
                Assert.Equal((0L, 0), LibC.PWrite(fd, ReadOnlySpan<byte>.Empty, offset));
                Assert.Equal((0L, 0), LibC.PRead(fd, Span<byte>.Empty, offset));
            }

            Assert.Equal((0L, 0), LibC.Write(fd, ReadOnlySpan<byte>.Empty));
            Assert.Equal((0L, 0), LibC.Read(fd, Span<byte>.Empty));
            Assert.Equal(5, LibC.FStat(fd).Stat.Size);
            var buffer = new byte[10];
            Assert.Equal(5, LibC.PRead(fd, buffer, 0).Count);
            Assert.Equal("hello"u8.ToArray(), buffer[..5]);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private void AssertHugeOffsets(MountedSample mounted, string name)
    {
        using var mount = mounted;
        var (fd, errno) = LibC.Open(mount["huge"], LibC.O_RDWR | LibC.O_CREAT);
        Assert.Equal(0, errno);
        var data = Enumerable.Range(0, 4096).Select(i => (byte)(i * 13)).ToArray();
        var report = new StringBuilder();
        try
        {
            foreach (var offset in new[] { long.MaxValue - 4096, long.MaxValue - 10, long.MaxValue - 1, long.MaxValue, 1L << 62 })
            {
                var (written, writeErrno) = LibC.PWrite(fd, data, offset);
                report.Append($"pwrite 4096 at {offset}: {(writeErrno == 0 ? written + " bytes" : "errno " + writeErrno)}; ");
                Assert.True(writeErrno is 0 or LibC.EFBIG or LibC.EINVAL or LibC.ENOSPC or EOVERFLOW, $"pwrite at {offset}: errno {writeErrno}");
                if (writeErrno == 0)
                {
                    // The kernel caps a write at the largest file size (long.MaxValue); below that it must be whole.
                    Assert.Equal(Math.Min(data.Length, long.MaxValue - offset), written);
                    var back = new byte[written];
                    var (read, readErrno) = LibC.PRead(fd, back, offset);
                    Assert.Equal((written, 0), (read, readErrno));
                    Assert.Equal(data[..(int)written], back);
                }

                var (count, pReadErrno) = LibC.PRead(fd, new byte[4096], offset);
                report.Append($"pread at {offset}: {(pReadErrno == 0 ? count + " bytes" : "errno " + pReadErrno)}; ");
                Assert.True(pReadErrno is 0 or LibC.EINVAL or EOVERFLOW, $"pread at {offset}: errno {pReadErrno}");
            }

            Assert.Equal(LibC.EINVAL, LibC.PRead(fd, new byte[10], -1).Errno);
            Assert.Equal(LibC.EINVAL, LibC.PWrite(fd, data, -4096).Errno);
            var truncate = LibC.FTruncate(fd, long.MaxValue);
            report.Append($"ftruncate to {long.MaxValue}: {(truncate == 0 ? "ok" : "errno " + truncate)}");
            Assert.True(truncate is 0 or LibC.EFBIG or LibC.EINVAL, $"ftruncate: errno {truncate}");
        }
        finally
        {
            LibC.Close(fd);
        }

        Output.WriteLine($"{name}: {report}");
        if (mount.Process.StandardError.Length > 0)
        {
            Output.WriteLine($"{name} reported: {mount.Process.StandardError.Trim()}");
        }

        // Still serving, still the same process.
        Assert.False(mount.Process.HasExited, $"{name} exited: {mount.Process.Describe()}");
        var (small, smallErrno) = LibC.Open(mount["small"], LibC.O_RDWR | LibC.O_CREAT);
        Assert.Equal(0, smallErrno);
        Assert.Equal(4096, LibC.PWrite(small, data, 0).Count);
        LibC.Close(small);
        Assert.Equal(4096, LibC.Stat(mount["small"]).Stat.Size);
        Assert.DoesNotContain("Unhandled exception", mount.Process.StandardError, StringComparison.Ordinal);
    }

    private static byte[] Under(string directory, byte[] name) =>
        LibC.Bytes(Encoding.UTF8.GetBytes(directory + "/").Concat(name).ToArray());
}

using System;
using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>open flags, reads and writes at offsets, truncation.</summary>
public sealed class FileIoTests : PosixSuite
{
    public FileIoTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Open_with_exclusive_create_fails_on_any_existing_name(string target)
    {
        var dir = Directory(target);
        var file = Path.Combine(dir, "f");
        Sys.Close(Sys.Open(file, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL));
        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.Open(file, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL)));

        // O_EXCL does not follow symlinks, not even dangling ones.
        Sys.Symlink("nowhere", Path.Combine(dir, "dangling"));
        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.Open(Path.Combine(dir, "dangling"), LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL)));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.LStat(Path.Combine(dir, "nowhere"))));

        // Without O_EXCL an existing file is opened, not recreated.
        Sys.WriteFile(file, "kept"u8);
        Sys.Close(Sys.Open(file, LibC.O_WRONLY | LibC.O_CREAT));
        Assert.Equal("kept"u8.ToArray(), Sys.ReadFile(file));
    }

    [Theory, Control, Mounted]
    public void Open_with_truncate_empties_the_file(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        Sys.WriteFile(file, new byte[100_000]);
        var fd = Sys.Open(file, LibC.O_WRONLY | LibC.O_TRUNC);
        Assert.Equal(0, Sys.FStat(fd).Size);
        Sys.Write(fd, "new"u8);
        Sys.Close(fd);
        Assert.Equal("new"u8.ToArray(), Sys.ReadFile(file));
    }

    [Theory, Control, Mounted]
    public void Append_writes_go_to_the_end_whoever_writes(string target)
    {
        var file = Path.Combine(Directory(target), "log");
        Sys.WriteFile(file, "0"u8);
        var first = Sys.Open(file, LibC.O_WRONLY | LibC.O_APPEND);
        var second = Sys.Open(file, LibC.O_WRONLY | LibC.O_APPEND);
        var plain = Sys.Open(file, LibC.O_WRONLY);
        Sys.Write(first, "a"u8);
        Sys.Write(second, "bb"u8);
        Sys.Write(first, "ccc"u8);
        Sys.Write(plain, "X"u8); // a plain descriptor writes at its own offset (0)
        Sys.Write(second, "dddd"u8);
        Sys.Close(first);
        Sys.Close(second);
        Sys.Close(plain);
        Assert.Equal("Xabbcccdddd"u8.ToArray(), Sys.ReadFile(file));
    }

    [Theory, Control, Mounted]
    public void Data_reads_back_exactly_at_every_offset(string target)
    {
        var file = Path.Combine(Directory(target), "data");
        var random = new Random(42);
        var data = new byte[3 * 1024 * 1024 + 17];
        random.NextBytes(data);

        var fd = Sys.Open(file, LibC.O_RDWR | LibC.O_CREAT);
        for (var offset = 0; offset < data.Length;)
        {
            var count = Math.Min(random.Next(1, 200_000), data.Length - offset);
            Sys.Write(fd, data.AsSpan(offset, count));
            offset += count;
        }

        // Overwrite a range that straddles chunk and page boundaries.
        var patch = new byte[70_000];
        random.NextBytes(patch);
        Sys.WriteAt(fd, patch, 65_000);
        patch.CopyTo(data, 65_000);

        for (var i = 0; i < 200; i++)
        {
            var offset = random.Next(0, data.Length);
            var count = random.Next(1, 150_000);
            var expected = data.AsSpan(offset, Math.Min(count, data.Length - offset)).ToArray();
            Assert.Equal(expected, Sys.ReadAt(fd, count, offset));
        }

        Assert.Empty(Sys.ReadAt(fd, 10, data.Length));
        Assert.Equal(data.Length, Sys.FStat(fd).Size);
        Sys.Close(fd);
        Assert.Equal(data, Sys.ReadFile(file));
    }

    [Theory, Control, Mounted]
    public void Shrinking_then_growing_leaves_zeros_not_old_data(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        var fd = Sys.Open(file, LibC.O_RDWR | LibC.O_CREAT);
        var ones = new byte[200_000];
        Array.Fill(ones, (byte)0xAB);
        Sys.Write(fd, ones);
        Sys.Truncate(fd, 100);
        Assert.Equal(100, Sys.FStat(fd).Size);
        Sys.Truncate(fd, 200_000);
        var back = Sys.ReadAt(fd, 200_000, 0);
        Assert.Equal(200_000, back.Length);
        Assert.All(back[..100], b => Assert.Equal(0xAB, b));
        Assert.All(back[100..], b => Assert.Equal(0, b));

        // truncate(2) by path too.
        Assert.Equal(0, LibC.truncate(file, 5));
        Assert.Equal(5, Sys.Stat(file).Size);
        Assert.Equal(Errno.EINVAL, Sys.Fails(() => Sys.Truncate(fd, -1)));
        Sys.Close(fd);
    }

    [Theory, Control, Mounted]
    public void Writing_past_the_end_leaves_a_hole_of_zeros(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        var fd = Sys.Open(file, LibC.O_RDWR | LibC.O_CREAT);
        Sys.WriteAt(fd, "end"u8, 1_000_000);
        Assert.Equal(1_000_003, Sys.FStat(fd).Size);
        var all = Sys.ReadAt(fd, 1_100_000, 0);
        Assert.Equal(1_000_003, all.Length);
        Assert.All(all[..1_000_000], b => Assert.Equal(0, b));
        Assert.Equal("end"u8.ToArray(), all[1_000_000..]);
        Sys.Close(fd);
    }

    [Theory, Control, Mounted]
    public void Directories_are_not_files(string target)
    {
        var dir = Directory(target);
        var sub = Path.Combine(dir, "sub");
        Sys.Mkdir(sub);
        Assert.Equal(Errno.EISDIR, Sys.Fails(() => Sys.Open(sub, LibC.O_WRONLY)));
        Sys.WriteFile(Path.Combine(dir, "file"), "x"u8);
        Assert.Equal(Errno.ENOTDIR, Sys.Fails(() => Sys.Open(Path.Combine(dir, "file"), LibC.O_RDONLY | LibC.O_DIRECTORY)));
        Assert.Equal(Errno.ENOTDIR, Sys.Fails(() => Sys.Stat(Path.Combine(dir, "file", "below"))));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Stat(Path.Combine(dir, "missing", "below"))));
    }
}

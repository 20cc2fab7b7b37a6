using System;
using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>Holes, files past 4 GiB, fallocate, SEEK_DATA/SEEK_HOLE and copy_file_range.</summary>
public sealed class SparseFileTests : PosixSuite
{
    private const long MiB = 1 << 20;
    private const long GiB = 1L << 30;

    public SparseFileTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Five_gigabyte_sparse_file_written_at_four_and_a_half(string target)
    {
        var (posix, dir) = Setup(target);
        var file = Path.Combine(dir, "big");
        var data = new byte[MiB];
        new Random(7).NextBytes(data);
        var at = (4 * GiB) + (GiB / 2);

        var fd = Sys.Open(file, LibC.O_RDWR | LibC.O_CREAT);
        Sys.WriteAt(fd, data, at);
        Sys.Truncate(fd, 5 * GiB);
        Sys.Close(fd);

        // Right size and small allocation through the target and, for a pass-through, in its source.
        foreach (var side in new[] { dir, posix.Backing(dir) })
        {
            if (side is null)
            {
                continue;
            }

            var stat = Sys.Stat(Path.Combine(side, "big"));
            Assert.Equal(5 * GiB, stat.Size);
            Assert.InRange(stat.AllocatedBytes, MiB, 8 * MiB);
            var du = long.Parse(Shell.Ok("du -k big", side).Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(du, 1024, 8192);
        }

        fd = Sys.Open(file, LibC.O_RDONLY);
        Assert.Equal(data, Sys.ReadAt(fd, (int)MiB, at));
        Assert.All(Sys.ReadAt(fd, 256 * 1024, at - (128 * 1024))[..(128 * 1024)], b => Assert.Equal(0, b));
        Assert.All(Sys.ReadAt(fd, (int)MiB, 2 * GiB), b => Assert.Equal(0, b));
        var tail = Sys.ReadAt(fd, (int)MiB, (5 * GiB) - 1000);
        Assert.Equal(1000, tail.Length);
        Assert.All(tail, b => Assert.Equal(0, b));
        Assert.Equal(at, Sys.Seek(fd, 0, LibC.SEEK_DATA));
        Assert.Equal(at + MiB, Sys.Seek(fd, at, LibC.SEEK_HOLE));
        Sys.Close(fd);

        if (posix.Backing(file) is { } stored)
        {
            fd = Sys.Open(stored, LibC.O_RDONLY);
            Assert.Equal(data, Sys.ReadAt(fd, (int)MiB, at));
            Assert.Equal(at, Sys.Seek(fd, 0, LibC.SEEK_DATA));
            Sys.Close(fd);
        }
    }

    [Theory, Control, Mounted]
    public void Seek_data_and_seek_hole_find_the_written_ranges(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        var fd = Sys.Open(file, LibC.O_RDWR | LibC.O_CREAT);
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)1);
        Sys.WriteAt(fd, block, MiB);
        Sys.WriteAt(fd, block, 3 * MiB);
        Sys.Truncate(fd, 4 * MiB);

        Assert.Equal(MiB, Sys.Seek(fd, 0, LibC.SEEK_DATA));
        Assert.Equal(MiB + 100, Sys.Seek(fd, MiB + 100, LibC.SEEK_DATA));
        Assert.Equal(MiB + block.Length, Sys.Seek(fd, MiB, LibC.SEEK_HOLE));
        Assert.Equal(3 * MiB, Sys.Seek(fd, MiB + block.Length, LibC.SEEK_DATA));
        Assert.Equal(3 * MiB + block.Length, Sys.Seek(fd, 3 * MiB, LibC.SEEK_HOLE));
        Assert.Equal(0, Sys.Seek(fd, 0, LibC.SEEK_HOLE));
        Assert.Equal(Errno.ENXIO, Sys.Fails(() => Sys.Seek(fd, 3 * MiB + block.Length, LibC.SEEK_DATA)));
        Assert.Equal(Errno.ENXIO, Sys.Fails(() => Sys.Seek(fd, 4 * MiB, LibC.SEEK_HOLE)));

        // The end of the file counts as a hole.
        Sys.Truncate(fd, 3 * MiB + block.Length);
        Assert.Equal(3 * MiB + block.Length, Sys.Seek(fd, 3 * MiB, LibC.SEEK_HOLE));
        Sys.Close(fd);
    }

    [Theory, Control, Mounted]
    public void Fallocate_allocates_punches_and_zeros(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        var fd = Sys.Open(file, LibC.O_RDWR | LibC.O_CREAT);

        // Mode 0 extends the file and allocates.
        Sys.Fallocate(fd, 0, 0, MiB);
        var stat = Sys.FStat(fd);
        Assert.Equal(MiB, stat.Size);
        Assert.True(stat.AllocatedBytes >= MiB, $"allocated {stat.AllocatedBytes}");
        Assert.All(Sys.ReadAt(fd, (int)MiB, 0), b => Assert.Equal(0, b));

        // KEEP_SIZE allocates past the end without growing the file.
        Sys.Fallocate(fd, LibC.FALLOC_FL_KEEP_SIZE, MiB, MiB);
        stat = Sys.FStat(fd);
        Assert.Equal(MiB, stat.Size);
        Assert.True(stat.AllocatedBytes >= 2 * MiB, $"allocated {stat.AllocatedBytes}");

        // PUNCH_HOLE frees and zeros the range.
        var ones = new byte[MiB];
        Array.Fill(ones, (byte)0x5A);
        Sys.WriteAt(fd, ones, 0);
        var before = Sys.FStat(fd).AllocatedBytes;
        Sys.Fallocate(fd, LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, 256 * 1024, 256 * 1024);
        stat = Sys.FStat(fd);
        Assert.Equal(MiB, stat.Size);
        Assert.Equal(before - (256 * 1024), stat.AllocatedBytes);
        var back = Sys.ReadAt(fd, (int)MiB, 0);
        Assert.All(back[..(256 * 1024)], b => Assert.Equal(0x5A, b));
        Assert.All(back[(256 * 1024)..(512 * 1024)], b => Assert.Equal(0, b));
        Assert.All(back[(512 * 1024)..], b => Assert.Equal(0x5A, b));
        Assert.Equal(256 * 1024, Sys.Seek(fd, 0, LibC.SEEK_HOLE));
        Assert.Equal(512 * 1024, Sys.Seek(fd, 256 * 1024, LibC.SEEK_DATA));

        // PUNCH_HOLE needs KEEP_SIZE.
        Assert.Equal(Errno.EOPNOTSUPP, Sys.Fails(() => Sys.Fallocate(fd, LibC.FALLOC_FL_PUNCH_HOLE, 0, 4096)));

        // ZERO_RANGE zeros (unaligned edges too) and may extend the file.
        Sys.Fallocate(fd, LibC.FALLOC_FL_ZERO_RANGE, 600_000, 1000);
        back = Sys.ReadAt(fd, 2000, 599_500);
        Assert.All(back[..500], b => Assert.Equal(0x5A, b));
        Assert.All(back[500..1500], b => Assert.Equal(0, b));
        Assert.All(back[1500..], b => Assert.Equal(0x5A, b));
        Sys.Fallocate(fd, LibC.FALLOC_FL_ZERO_RANGE, MiB - 10, 100);
        Assert.Equal(MiB + 90, Sys.FStat(fd).Size);
        Sys.Close(fd);
    }

    [Theory, Control, Mounted]
    public void Fallocate_collapse_range_is_a_target_trait(string target)
    {
        var (posix, dir) = Setup(target);
        var fd = Sys.Open(Path.Combine(dir, "f"), LibC.O_RDWR | LibC.O_CREAT);
        Sys.Truncate(fd, MiB);
        var result = Sys.Fails(() => Sys.Fallocate(fd, LibC.FALLOC_FL_COLLAPSE_RANGE, 0, 64 * 1024));
        Assert.Equal(posix.Traits.CollapseRange ? Errno.None : Errno.EOPNOTSUPP, result);
        Assert.Equal(posix.Traits.CollapseRange ? MiB - (64 * 1024) : MiB, Sys.FStat(fd).Size);
        Sys.Close(fd);
    }

    [Theory, Control, Mounted]
    public void Seek_data_over_fallocated_range_is_a_target_trait(string target)
    {
        var (posix, dir) = Setup(target);
        var fd = Sys.Open(Path.Combine(dir, "f"), LibC.O_RDWR | LibC.O_CREAT);
        Sys.Fallocate(fd, 0, 0, MiB);
        var result = Sys.Fails(() => Sys.Seek(fd, 0, LibC.SEEK_DATA));
        Assert.Equal(posix.Traits.FallocatedRangesReadAsHoles ? Errno.ENXIO : Errno.None, result);
        Sys.Close(fd);
    }

    [Theory, Control, Mounted]
    public void Copy_file_range_copies_between_files_and_offsets(string target)
    {
        var dir = Directory(target);
        var data = new byte[3 * MiB];
        new Random(3).NextBytes(data);
        var source = Path.Combine(dir, "source");
        Sys.WriteFile(source, data);
        var input = Sys.Open(source, LibC.O_RDONLY);
        var output = Sys.Open(Path.Combine(dir, "target"), LibC.O_RDWR | LibC.O_CREAT);

        long copied = 0;
        while (copied < 2 * MiB)
        {
            var n = Sys.CopyFileRange(input, 100_000 + copied, output, 5000 + copied, (2 * MiB) - copied);
            Assert.True(n > 0);
            copied += n;
        }

        Assert.Equal(5000 + (2 * MiB), Sys.FStat(output).Size);
        Assert.All(Sys.ReadAt(output, 5000, 0), b => Assert.Equal(0, b));
        Assert.Equal(data.AsSpan(100_000, (int)(2 * MiB)).ToArray(), Sys.ReadAt(output, (int)(2 * MiB), 5000));

        // Past the end of the source there is nothing to copy.
        Assert.Equal(0, Sys.CopyFileRange(input, 3 * MiB, output, 0, 100));

        // Within one file, to a range that does not overlap.
        var n2 = Sys.CopyFileRange(output, 5000, output, 3 * MiB, 4096);
        Assert.Equal(4096, n2);
        Assert.Equal(data.AsSpan(100_000, 4096).ToArray(), Sys.ReadAt(output, 4096, 3 * MiB));
        Sys.Close(input);
        Sys.Close(output);
    }
}

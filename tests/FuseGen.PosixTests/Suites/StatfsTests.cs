using System;
using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>statvfs (df): sensible figures, and on an exclusive filesystem, figures that follow what is stored.</summary>
public sealed class StatfsTests : PosixSuite
{
    private const long MiB = 1 << 20;

    public StatfsTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Statvfs_reports_consistent_figures(string target)
    {
        var dir = Directory(target);
        var vfs = Sys.StatVfs(dir);
        Assert.True(vfs.BlockSize >= 512, $"block size {vfs.BlockSize}");
        Assert.True(vfs.Blocks > 0);
        Assert.InRange(vfs.Free, 0UL, vfs.Blocks);
        Assert.InRange(vfs.Available, 0UL, vfs.Free);
        Assert.True(vfs.Files > 0);
        Assert.InRange(vfs.FilesFree, 0UL, vfs.Files);
        Assert.Equal(255UL, vfs.NameMax);
        Assert.Contains(dir.Split('/')[^1], Shell.Ok("df -P . && ls ..", dir), StringComparison.Ordinal);
    }

    [Theory, Control, Mounted]
    public void Free_space_and_inodes_follow_what_is_stored(string target)
    {
        var (posix, dir) = Setup(target);
        var file = Path.Combine(dir, "data");
        var before = Settled(dir);
        var data = new byte[8 * MiB];
        new Random(1).NextBytes(data);
        Sys.WriteFile(file, data);
        var sparse = Sys.Open(Path.Combine(dir, "sparse"), LibC.O_RDWR | LibC.O_CREAT);
        Sys.WriteAt(sparse, "x"u8, 3L << 30);
        Sys.Close(sparse);
        var fd = Sys.Open(file, LibC.O_RDONLY);
        LibC.fsync(fd);
        var during = Sys.StatVfs(dir);

        Sys.Unlink(file);
        var whileOpen = Sys.StatVfs(dir);
        Sys.Close(fd);
        Sys.Unlink(Path.Combine(dir, "sparse"));

        if (!posix.Traits.ExclusiveStatfs)
        {
            // A shared disk moves for other reasons; only the bounds hold.
            Assert.InRange(during.Free, 0UL, during.Blocks);
            return;
        }

        var block = (long)before.BlockSize;
        Assert.Equal((8 * MiB / block) + 1, (long)(before.Free - during.Free));
        Assert.Equal(2UL, before.FilesFree - during.FilesFree);

        // An unlinked file keeps its space while it is open...
        Assert.Equal(during.Free, whileOpen.Free);
        Assert.Equal(during.FilesFree, whileOpen.FilesFree);

        // ...and gives it back at the last close (the kernel sends release after close() returned).
        var after = Sys.StatVfs(dir);
        for (var waited = 0; waited < 100 && (after.Free != before.Free || after.FilesFree != before.FilesFree); waited++)
        {
            System.Threading.Thread.Sleep(20);
            after = Sys.StatVfs(dir);
        }

        Assert.Equal(before.Free, after.Free);
        Assert.Equal(before.FilesFree, after.FilesFree);
    }

    [Theory, Control, Mounted]
    public void Allocating_more_than_is_free_fails_with_ENOSPC_and_changes_nothing(string target)
    {
        var (posix, dir) = Setup(target);
        if (!posix.Traits.ExclusiveStatfs)
        {
            return; // on a shared disk this would fill it for everyone
        }

        var fd = Sys.Open(Path.Combine(dir, "f"), LibC.O_RDWR | LibC.O_CREAT);
        var before = Settled(dir);
        var tooMuch = (long)(before.Available * before.BlockSize) + (1L << 30);
        Assert.Equal(Errno.ENOSPC, Sys.Fails(() => Sys.Fallocate(fd, 0, 0, tooMuch)));
        Assert.Equal(Errno.ENOSPC, Sys.Fails(() => Sys.Fallocate(fd, LibC.FALLOC_FL_KEEP_SIZE, 1L << 40, tooMuch)));
        var stat = Sys.FStat(fd);
        Assert.Equal((0L, 0L), (stat.Size, stat.Blocks));
        Assert.Equal(before.Free, Sys.StatVfs(dir).Free);
        Sys.Close(fd);
    }

    /// <summary>
    /// statvfs once earlier tests' last closes have been processed: the kernel sends release after close() returns,
    /// and an unlinked file's space comes back only then.
    /// </summary>
    private static (ulong BlockSize, ulong Blocks, ulong Free, ulong Available, ulong Files, ulong FilesFree, ulong NameMax) Settled(string dir)
    {
        var last = Sys.StatVfs(dir);
        for (var i = 0; i < 50; i++)
        {
            System.Threading.Thread.Sleep(20);
            var now = Sys.StatVfs(dir);
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}

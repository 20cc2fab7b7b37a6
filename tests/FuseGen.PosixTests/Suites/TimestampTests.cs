using System;
using System.IO;
using System.Threading;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>
/// Which operations change atime, mtime and ctime (POSIX, as Linux applies it). Each check waits a little first so
/// a change shows even with a coarse clock.
/// </summary>
public sealed class TimestampTests : PosixSuite
{
    public TimestampTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void New_entries_stamp_their_parent_and_themselves(string target)
    {
        var dir = Directory(target);
        var before = Tick(dir);
        Sys.WriteFile(Path.Combine(dir, "f"), ReadOnlySpan<byte>.Empty);
        var parent = Sys.Stat(dir);
        Assert.True(parent.ModificationTime > before.ModificationTime, "create: parent mtime");
        Assert.True(parent.ChangeTime > before.ChangeTime, "create: parent ctime");
        var file = Sys.Stat(Path.Combine(dir, "f"));
        Assert.True(file.ModificationTime > before.ModificationTime && file.ChangeTime > before.ChangeTime && file.AccessTime > before.AccessTime, "create: the new file's own times");

        foreach (Action change in new Action[]
        {
            () => Sys.Mkdir(Path.Combine(dir, "d")),
            () => Sys.Symlink("f", Path.Combine(dir, "l")),
            () => Sys.Mknod(Path.Combine(dir, "p"), LibC.S_IFIFO | 0x1A4),
            () => Sys.Rmdir(Path.Combine(dir, "d")),
            () => Sys.Unlink(Path.Combine(dir, "l")),
        })
        {
            before = Tick(dir);
            change();
            var after = Sys.Stat(dir);
            Assert.True(after.ModificationTime > before.ModificationTime && after.ChangeTime > before.ChangeTime, "entry change: parent mtime and ctime");
        }
    }

    [Theory, Control, Mounted]
    public void Write_and_truncate_change_mtime_and_ctime_but_not_atime(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        Sys.WriteFile(file, "x"u8);
        var fd = Sys.Open(file, LibC.O_WRONLY);

        var before = Tick(file);
        Sys.Write(fd, "more"u8);
        var after = Sys.Stat(file);
        Assert.True(after.ModificationTime > before.ModificationTime, "write: mtime");
        Assert.True(after.ChangeTime > before.ChangeTime, "write: ctime");
        Assert.Equal(before.AccessTime, after.AccessTime);

        before = Tick(file);
        Sys.Truncate(fd, 2);
        after = Sys.Stat(file);
        Assert.True(after.ModificationTime > before.ModificationTime && after.ChangeTime > before.ChangeTime, "ftruncate: mtime and ctime");
        Sys.Close(fd);

        before = Tick(file);
        Sys.Close(Sys.Open(file, LibC.O_WRONLY | LibC.O_TRUNC));
        after = Sys.Stat(file);
        Assert.True(after.ModificationTime > before.ModificationTime && after.ChangeTime > before.ChangeTime, "O_TRUNC: mtime and ctime");
    }

    [Theory, Control, Mounted]
    public void Metadata_changes_touch_only_ctime(string target)
    {
        var dir = Directory(target);
        var file = Path.Combine(dir, "f");
        Sys.WriteFile(file, "x"u8);

        foreach (var (what, change) in new (string, Action)[]
        {
            ("chmod", () => Sys.Chmod(file, 0x180)),
            ("chown", () => Sys.Chown(file, 0, 0)),
            ("setxattr", () => Sys.SetXattr(file, "user.t", "v"u8)),
            ("removexattr", () => Sys.RemoveXattr(file, "user.t")),
            ("link", () => Sys.Link(file, Path.Combine(dir, "g"))),
            ("unlink of another name", () => Sys.Unlink(Path.Combine(dir, "g"))),
            ("rename", () => Sys.Rename(file, file = Path.Combine(dir, "renamed"))),
        })
        {
            var before = Tick(file);
            change();
            var after = Sys.Stat(file);
            Assert.True(after.ChangeTime > before.ChangeTime, what + ": ctime");
            Assert.True(after.ModificationTime == before.ModificationTime, what + ": mtime unchanged");
        }
    }

    [Theory, Control, Mounted]
    public void Rename_stamps_both_parents(string target)
    {
        var dir = Directory(target);
        Sys.Mkdir(Path.Combine(dir, "a"));
        Sys.Mkdir(Path.Combine(dir, "b"));
        Sys.WriteFile(Path.Combine(dir, "a", "f"), "x"u8);
        var a = Tick(Path.Combine(dir, "a"));
        var b = Sys.Stat(Path.Combine(dir, "b"));
        Sys.Rename(Path.Combine(dir, "a", "f"), Path.Combine(dir, "b", "f"));
        Assert.True(Sys.Stat(Path.Combine(dir, "a")).ModificationTime > a.ModificationTime, "source directory mtime");
        Assert.True(Sys.Stat(Path.Combine(dir, "b")).ModificationTime > b.ModificationTime, "target directory mtime");
    }

    [Theory, Control, Mounted]
    public void Utimens_sets_exact_times_and_honours_now_and_omit(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        Sys.WriteFile(file, "x"u8);
        const long atime = 1_000_000_000L * 1_000_000_000L + 123_456_789;
        const long mtime = 1_500_000_000L * 1_000_000_000L + 987_654_321;

        var before = Tick(file);
        Sys.SetTimes(file, Sys.Time(atime), Sys.Time(mtime));
        var after = Sys.Stat(file);
        Assert.Equal(atime, after.AccessTime);
        Assert.Equal(mtime, after.ModificationTime);
        Assert.True(after.ChangeTime > before.ChangeTime, "utimens: ctime");

        var start = Now();
        Sys.SetTimes(file, Sys.TimeMarker(LibC.UTIME_OMIT), Sys.TimeMarker(LibC.UTIME_NOW));
        after = Sys.Stat(file);
        Assert.Equal(atime, after.AccessTime);
        Assert.InRange(after.ModificationTime, start - 50_000_000, Now() + 50_000_000);

        Sys.SetTimes(file, Sys.TimeMarker(LibC.UTIME_NOW), Sys.TimeMarker(LibC.UTIME_OMIT));
        Assert.InRange(Sys.Stat(file).AccessTime, start - 50_000_000, Now() + 50_000_000);

        // On a symlink itself (utimensat with AT_SYMLINK_NOFOLLOW).
        Sys.Symlink("f", file + ".link");
        Sys.SetTimes(file + ".link", Sys.Time(atime), Sys.Time(mtime));
        Assert.Equal(mtime, Sys.LStat(file + ".link").ModificationTime);
        Assert.NotEqual(mtime, Sys.Stat(file).ModificationTime);
    }

    /// <summary>relatime, the Linux default (the control is mounted with it; MemFs implements it).</summary>
    [Theory, Control, Mounted]
    public void Read_updates_an_atime_older_than_mtime_once(string target)
    {
        var dir = Directory(target);
        var file = Path.Combine(dir, "f");
        Sys.WriteFile(file, "content"u8);
        var mtime = Sys.Stat(file).ModificationTime;
        Sys.SetTimes(file, Sys.Time(mtime - 100_000_000_000), Sys.TimeMarker(LibC.UTIME_OMIT));
        Thread.Sleep(20);

        var start = Now();
        Assert.Equal("content"u8.ToArray(), Sys.ReadFile(file));
        var atime = Sys.Stat(file).AccessTime;
        Assert.True(atime >= start - 50_000_000, "a read after a change moves atime");

        Thread.Sleep(20);
        Assert.Equal("content"u8.ToArray(), Sys.ReadFile(file));
        Assert.Equal(atime, Sys.Stat(file).AccessTime);

        // Listing a directory is reading it.
        Sys.SetTimes(dir, Sys.Time(mtime - 100_000_000_000), Sys.TimeMarker(LibC.UTIME_OMIT));
        start = Now();
        _ = System.IO.Directory.GetFileSystemEntries(dir);
        Assert.True(Sys.Stat(dir).AccessTime >= start - 50_000_000, "a listing moves the directory's atime");
    }

    /// <summary>The file's times now, after a pause long enough for a coarse clock to move.</summary>
    private static FileStat Tick(string path)
    {
        var stat = Sys.LStat(path);
        Thread.Sleep(30);
        return stat;
    }

    private static long Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
}

using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>flock and POSIX (open file description) record locks between open files and processes.</summary>
public sealed unsafe class LockTests : PosixSuite
{
    public LockTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Flock_excludes_other_open_files_and_processes(string target)
    {
        var dir = Directory(target);
        var file = Path.Combine(dir, "lock");
        Sys.WriteFile(file, "x"u8);
        var first = Sys.Open(file, LibC.O_RDONLY);
        var second = Sys.Open(file, LibC.O_RDONLY);

        Assert.Equal(0, LibC.flock(first, LibC.LOCK_EX | LibC.LOCK_NB));
        Assert.Equal(Errno.EAGAIN, Sys.Fails(() => Sys.Check(LibC.flock(second, LibC.LOCK_SH | LibC.LOCK_NB), "flock")));
        Assert.Equal(1, Shell.Run("flock -n lock true", dir).ExitCode);

        Assert.Equal(0, LibC.flock(first, LibC.LOCK_UN));
        Assert.Equal(0, LibC.flock(second, LibC.LOCK_SH | LibC.LOCK_NB));
        Assert.Equal(0, Shell.Run("flock -n -s lock true", dir).ExitCode);
        Assert.Equal(1, Shell.Run("flock -n -x lock true", dir).ExitCode);
        Sys.Close(second);
        Sys.Close(first);
        Assert.Equal(0, Shell.Run("flock -n -x lock true", dir).ExitCode);
    }

    [Theory, Control, Mounted]
    public void Record_locks_conflict_on_overlapping_ranges(string target)
    {
        var file = Path.Combine(Directory(target), "records");
        Sys.WriteFile(file, new byte[1000]);
        var first = Sys.Open(file, LibC.O_RDWR);
        var second = Sys.Open(file, LibC.O_RDWR);

        Assert.Equal(Errno.None, SetLock(first, LibC.F_WRLCK, 0, 100));
        Assert.Equal(Errno.EAGAIN, SetLock(second, LibC.F_WRLCK, 50, 10));
        Assert.Equal(Errno.EAGAIN, SetLock(second, LibC.F_RDLCK, 99, 1));
        Assert.Equal(Errno.None, SetLock(second, LibC.F_WRLCK, 100, 10));

        var probe = new FuseGen.Testing.LibC.Flock { Type = LibC.F_WRLCK, Whence = (short)LibC.SEEK_SET, Start = 0, Length = 10 };
        Assert.Equal(0, LibC.fcntl(second, LibC.F_OFD_GETLK, &probe));
        Assert.Equal((LibC.F_WRLCK, 0L, 100L), (probe.Type, probe.Start, probe.Length));

        Assert.Equal(Errno.None, SetLock(first, LibC.F_UNLCK, 0, 100));
        Assert.Equal(Errno.None, SetLock(second, LibC.F_WRLCK, 50, 10));
        Sys.Close(first);
        Sys.Close(second);
    }

    private static Errno SetLock(int fd, short type, long start, long length)
    {
        var request = new FuseGen.Testing.LibC.Flock { Type = type, Whence = (short)LibC.SEEK_SET, Start = start, Length = length };
        var result = LibC.fcntl(fd, LibC.F_OFD_SETLK, &request);
        return Sys.Fails(() => Sys.Check(result, "fcntl"));
    }
}

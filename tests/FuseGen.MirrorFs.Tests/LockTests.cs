using System;
using System.Diagnostics;
using System.IO;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// flock and fcntl locks between two processes (this one and a perl or flock(1) child), through the mount and
/// against processes locking the source directly. Exit codes of the children are errno values.
/// </summary>
public sealed unsafe class LockTests : IClassFixture<MountFixture>
{
    // fcntl from another process: perl FILE CMD TYPE START LEN; prints "type start len pid" for F_GETLK.
    private const string Fcntl =
        "my ($path, $cmd, $type, $start, $len) = @ARGV; open(my $fh, '+<', $path) or exit($!+0); " +
        "my $fl = pack('s s x4 q q l x4', $type, SEEK_SET, $start, $len, 0); fcntl($fh, $cmd, $fl) or exit($!+0); " +
        "if ($cmd == F_GETLK) { my ($t, $w, $s, $l, $p) = unpack('s s x4 q q l x4', $fl); print \"$t $s $l $p\\n\"; } exit 0";

    // Takes a write lock on the whole file, says so, and holds it until its stdin closes.
    private const string HoldLock =
        "open(my $fh, '+<', $ARGV[0]) or exit($!+0); my $fl = pack('s s x4 q q l x4', F_WRLCK, SEEK_SET, 0, 0, 0); fcntl($fh, F_SETLK, $fl) or exit($!+0); " +
        "$| = 1; print \"locked\\n\"; my $line = <STDIN>; exit 0";

    private readonly MountFixture fixture;

    public LockTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void Fcntl_locks_of_different_processes_conflict_and_follow_posix_rules()
    {
        var file = NewFile("fcntl");
        var fd = Open(Mount.At(file), LibC.O_RDWR);
        var second = -1;
        try
        {
            Assert.Equal(Errno.None, SetLock(fd, LibC.F_SETLK, LibC.F_WRLCK, 0, 100));

            Assert.Equal(Errno.EAGAIN, Child(Mount.At(file), LibC.F_SETLK, LibC.F_WRLCK, 0, 100));
            Assert.Equal(Errno.EAGAIN, Child(Mount.At(file), LibC.F_SETLK, LibC.F_RDLCK, 50, 10));
            Assert.Equal(Errno.None, Child(Mount.At(file), LibC.F_SETLK, LibC.F_WRLCK, 200, 100));
            Assert.Equal($"{LibC.F_WRLCK} 0 100 {LibC.getpid()}", ChildQuery(Mount.At(file), 0, 100));

            // Held in the source: a process locking the source file directly conflicts too.
            Assert.Equal(Errno.EAGAIN, Child(Mount.InSource(file), LibC.F_SETLK, LibC.F_WRLCK, 0, 1));

            // One process's locks never conflict with each other, whichever descriptor they come through...
            second = Open(Mount.At(file), LibC.O_RDWR);
            Assert.Equal(Errno.None, SetLock(second, LibC.F_SETLK, LibC.F_WRLCK, 50, 100));

            // ...and closing any of its descriptors of the file releases all of them.
            LibC.close(second);
            second = -1;
            Assert.Equal(Errno.None, Child(Mount.At(file), LibC.F_SETLK, LibC.F_WRLCK, 0, 200));
            Assert.Equal(Errno.None, Child(Mount.InSource(file), LibC.F_SETLK, LibC.F_WRLCK, 0, 200));
        }
        finally
        {
            LibC.close(fd);
            if (second >= 0)
            {
                LibC.close(second);
            }
        }
    }

    [MountFact(AsRoot = true)]
    public void Unlocking_lets_others_in_and_getlk_reports_no_conflict()
    {
        var file = NewFile("unlock");
        var fd = Open(Mount.At(file), LibC.O_RDWR);
        try
        {
            Assert.Equal(Errno.None, SetLock(fd, LibC.F_SETLK, LibC.F_RDLCK, 0, 0));
            Assert.Equal(Errno.None, Child(Mount.At(file), LibC.F_SETLK, LibC.F_RDLCK, 0, 0)); // shared with shared
            Assert.Equal(Errno.EAGAIN, Child(Mount.At(file), LibC.F_SETLK, LibC.F_WRLCK, 10, 1));
            Assert.Equal(Errno.None, SetLock(fd, LibC.F_SETLK, LibC.F_UNLCK, 0, 0));
            Assert.Equal($"{LibC.F_UNLCK} 10 1 0", ChildQuery(Mount.At(file), 10, 1));
            Assert.Equal(Errno.None, Child(Mount.At(file), LibC.F_SETLK, LibC.F_WRLCK, 10, 1));
        }
        finally
        {
            LibC.close(fd);
        }
    }

    [MountFact(AsRoot = true)]
    public void A_lock_held_in_the_source_blocks_callers_of_the_mount()
    {
        var file = NewFile("source-held");
        using var holder = StartHolder(Mount.InSource(file));
        var fd = Open(Mount.At(file), LibC.O_RDWR);
        try
        {
            Assert.Equal(Errno.EAGAIN, SetLock(fd, LibC.F_SETLK, LibC.F_RDLCK, 0, 10));
            var query = new FuseGen.Testing.LibC.Flock { Type = LibC.F_WRLCK, Whence = LibC.SEEK_SET, Start = 0, Length = 10 };
            Check(LibC.fcntl(fd, LibC.F_GETLK, &query), "F_GETLK");
            Assert.Equal((LibC.F_WRLCK, holder.Id), (query.Type, query.Pid));

            holder.StandardInput.Close();
            Assert.True(holder.WaitForExit(10_000));
            Assert.Equal(Errno.None, SetLock(fd, LibC.F_SETLK, LibC.F_WRLCK, 0, 10));
        }
        finally
        {
            LibC.close(fd);
        }
    }

    [MountFact(AsRoot = true)]
    public void A_waiting_lock_is_granted_when_the_holder_unlocks()
    {
        var file = NewFile("wait");
        var fd = Open(Mount.At(file), LibC.O_RDWR);
        try
        {
            Assert.Equal(Errno.None, SetLock(fd, LibC.F_SETLK, LibC.F_WRLCK, 0, 0));
            using var waiter = Process.Start(PerlStart(Fcntl, Mount.At(file), LibC.F_SETLKW.ToString(), LibC.F_WRLCK.ToString(), "0", "0"))!;
            Assert.False(waiter.WaitForExit(500), "F_SETLKW returned while the lock was held");
            Assert.Equal(Errno.None, SetLock(fd, LibC.F_SETLK, LibC.F_UNLCK, 0, 0));
            Assert.True(waiter.WaitForExit(10_000), "F_SETLKW was not granted after the unlock");
            Assert.Equal(0, waiter.ExitCode);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    [MountFact(AsRoot = true)]
    public void Flock_locks_belong_to_open_files_and_reach_the_source()
    {
        var file = NewFile("flock");
        var fd = Open(Mount.At(file), LibC.O_RDWR);
        var other = Open(Mount.At(file), LibC.O_RDWR);
        try
        {
            Assert.Equal(0, LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB));

            // Another open file of the same process conflicts (flock locks belong to open files)...
            Assert.Equal(-1, LibC.flock(other, LibC.LOCK_EX | LibC.LOCK_NB));
            Assert.Equal(Errno.EAGAIN, LastErrno);

            // ...and so do other processes, through the mount and on the source.
            Assert.Equal(75, Shell.Run("flock", "-n", "-E", "75", Mount.At(file), "true").ExitCode);
            Assert.Equal(75, Shell.Run("flock", "-n", "-E", "75", "-s", Mount.InSource(file), "true").ExitCode);

            Assert.Equal(0, LibC.flock(fd, LibC.LOCK_UN));
            Assert.Equal(0, Shell.Run("flock", "-n", "-E", "75", Mount.At(file), "true").ExitCode);
            Assert.Equal(0, LibC.flock(other, LibC.LOCK_SH | LibC.LOCK_NB));
            Assert.Equal(0, Shell.Run("flock", "-n", "-E", "75", "-s", Mount.At(file), "true").ExitCode);
            Assert.Equal(75, Shell.Run("flock", "-n", "-E", "75", "-x", Mount.InSource(file), "true").ExitCode);
        }
        finally
        {
            LibC.close(fd);
            LibC.close(other);
        }

        // Closing releases them. The kernel sends a closed file's flock unlock with the (asynchronous) release, so it
        // lands shortly after close() returns, unlike in a plain directory.
        ForwardedOperationTests.WaitUntil(
            () => Shell.Run("flock", "-n", "-E", "75", "-x", Mount.InSource(file), "true").ExitCode == 0,
            "the flock locks are released after close");
    }

    private string NewFile(string name)
    {
        var file = $"{fixture.NewDirectory(name)}/file";
        File.WriteAllBytes(Mount.InSource(file), new byte[4096]);
        File.SetUnixFileMode(Mount.InSource(file), (UnixFileMode)0x1B6);
        return file;
    }

    private static Errno SetLock(int fd, int command, short type, long start, long length)
    {
        var description = new FuseGen.Testing.LibC.Flock { Type = type, Whence = LibC.SEEK_SET, Start = start, Length = length };
        return ErrnoOf(LibC.fcntl(fd, command, &description));
    }

    private static Errno Child(string path, int command, short type, long start, long length) =>
        (Errno)Shell.Perl(Fcntl, false, path, command.ToString(), type.ToString(), start.ToString(), length.ToString());

    private static string ChildQuery(string path, long start, long length)
    {
        var result = Shell.Run("perl", "-e", "use strict; use warnings; use Fcntl; use POSIX; " + Fcntl, path, LibC.F_GETLK.ToString(), LibC.F_WRLCK.ToString(), start.ToString(), length.ToString());
        Assert.Equal(0, result.ExitCode);
        return result.Output.Trim();
    }

    private static ProcessStartInfo PerlStart(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("perl") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("use strict; use warnings; use Fcntl; use POSIX; " + program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static Process StartHolder(string path)
    {
        var holder = Process.Start(PerlStart(HoldLock, path))!;
        var line = holder.StandardOutput.ReadLine();
        Assert.Equal("locked", line);
        return holder;
    }
}

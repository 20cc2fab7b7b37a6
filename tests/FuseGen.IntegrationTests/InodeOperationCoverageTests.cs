using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;
using static FuseGen.IntegrationTests.FileSystems.CoverageRun;

namespace FuseGen.IntegrationTests;

/// <summary>
/// The inode twin of <see cref="OperationCoverageTests"/>: every member of <c>struct fuse_lowlevel_ops</c> reached by a
/// named test, through the kernel with ordinary system calls on an in-process mount of <see cref="InodeCoverageFs"/>,
/// or, for what the kernel never sends here, by calling the generated entry point from the operation table. The last
/// test runs all the others and prints the table.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class InodeOperationCoverageTests : MountTest
{
    private const int ENOENT = 2, ENXIO = 6, EINVAL = 22, ENOTTY = 25, ERANGE = 34, ENODATA = 61, EOPNOTSUPP = 95;
    private const int O_TMPFILE_BIT = 0x400000;
    private const uint S_IFIFO = 0x1000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const long UtimeNow = (1L << 30) - 1;
    private const long UtimeOmit = (1L << 30) - 2;

    public InodeOperationCoverageTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public unsafe void Setattr_carries_chmod_chown_truncate_and_utimens()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], new byte[100]);

        Assert.Equal(0, LibC.chmod(mount["file"], 0x1C0) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        Assert.Equal(0, LibC.Chown(mount["file"], 1234, 567));
        Assert.Equal(0, LibC.Truncate(mount["file"], 10));
        var times = stackalloc LibC.Timespec[2];
        times[0] = new LibC.Timespec { Seconds = 0, Nanoseconds = UtimeNow };
        times[1] = new LibC.Timespec { Seconds = 981173106, Nanoseconds = 5 };
        Assert.Equal(0, LibC.utimensat(LibC.AT_FDCWD, mount["file"], times, 0));
        times[0] = new LibC.Timespec { Seconds = 0, Nanoseconds = UtimeOmit };
        times[1] = new LibC.Timespec { Seconds = 0, Nanoseconds = UtimeNow };
        Assert.Equal(0, LibC.utimensat(LibC.AT_FDCWD, mount["file"], times, 0));

        var (fd, errno) = LibC.Open(mount["file"], LibC.O_WRONLY);
        Assert.Equal(0, errno);
        Assert.Equal(0, LibC.ftruncate(fd, 4) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        LibC.Close(fd);

        var stat = LibC.Stat(mount["file"]).Stat;
        Assert.Equal((0x1C0u, 4L), (stat.Permissions, stat.Size));
        var node = fs.Find("file")!;
        Assert.Equal((1234u, 567u), (node.Attributes.Uid, node.Attributes.Gid));
        var calls = fs.SetattrCalls.ToArray();
        Output.WriteLine(string.Join(Environment.NewLine, calls.Select(c => c.ToString())));
        Assert.Contains(calls, c => c.Permissions == (UnixFileMode)0x1C0);
        Assert.Contains(calls, c => c.Uid == 1234 && c.Gid == 567);
        Assert.Contains(calls, c => c.Size == 10);
        Assert.Contains(calls, c => c.AccessTime.IsNow && c.ModificationTime == new TimeSpec(981173106, 5));
        Assert.Contains(calls, c => c.AccessTime.IsOmit && c.ModificationTime.IsNow);
        Assert.Contains(calls, c => c.Size == 4);
        Assert.Equal(new TimeSpec(981173106, 5).Seconds, calls.First(c => c.ModificationTime.Seconds == 981173106).ModificationTime.Seconds);
        Assert.True(node.Attributes.ModificationTime.Seconds > 981173106, "UTIME_NOW applied as the current time");
        AssertCalled(fs.Calls, "setattr", "create", "lookup", "getattr");
    }

    [MountFact]
    public void Init_runs_at_mount_and_destroy_once_at_unmount()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);

        Assert.Equal(0, LibC.Stat(mount.Path).Errno);
        Assert.Equal((1, 0), (fs.InitCount, fs.DestroyCount));

        mount.Unmount();

        Assert.Equal((1, 1), (fs.InitCount, fs.DestroyCount));
        Assert.False(MountInfo.IsMounted(mount.Path));
    }

    [MountFact]
    public void Names_are_made_linked_renamed_and_removed()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);

        Directory.CreateDirectory(mount["dir"]);
        Assert.Equal(0, LibC.Mknod(mount["dir/fifo"], S_IFIFO | 0x1A4));
        CreateFile(mount["dir/file"], "data"u8);
        File.CreateSymbolicLink(mount["dir/link"], "file");
        Assert.Equal(0, LibC.Link(mount["dir/file"], mount["dir/hard"]));

        Assert.Equal(LibC.S_IFDIR, LibC.Stat(mount["dir"]).Stat.Type);
        Assert.Equal(S_IFIFO, LibC.Stat(mount["dir/fifo"]).Stat.Type);
        Assert.Equal("file", new System.IO.FileInfo(mount["dir/link"]).LinkTarget);
        Assert.Equal(2ul, LibC.Stat(mount["dir/file"]).Stat.Links);

        Assert.Equal(0, LibC.Rename(mount["dir/hard"], mount["dir/moved"]));
        Assert.Equal(ENOENT, LibC.Stat(mount["dir/hard"]).Errno);
        File.Delete(mount["dir/moved"]);
        Assert.Equal(1ul, LibC.Stat(mount["dir/file"]).Stat.Links);
        foreach (var name in new[] { "fifo", "file", "link" })
        {
            File.Delete(mount["dir/" + name]);
        }

        Directory.Delete(mount["dir"]);
        Assert.Equal(ENOENT, LibC.Stat(mount["dir"]).Errno);
        AssertCalled(fs.Calls, "lookup", "mkdir", "mknod", "create", "symlink", "readlink", "link", "rename", "unlink", "rmdir", "getattr");
    }

    [MountFact]
    public void Files_are_opened_written_read_flushed_synced_and_released()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], ReadOnlySpan<byte>.Empty);
        var data = Pattern(10_000);

        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            Assert.Equal((10_000L, 0), LibC.PWrite(fd, data, 0));
            Assert.Equal(0, LibC.Fsync(fd));
            var back = new byte[10_000];
            Assert.Equal((10_000L, 0), LibC.PRead(fd, back, 0));
            Assert.Equal(data, back);
        }
        finally
        {
            LibC.Close(fd);
        }

        AssertCalled(fs.Calls, "open", "write", "fsync", "read", "flush");
        AssertEventually(() => fs.Calls["release"] > 0, "release after close (the kernel sends it after close returned)");
    }

    [MountFact]
    public void Directories_are_listed_with_and_without_attributes_and_synced()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        Directory.CreateDirectory(mount["dir"]);
        var names = Enumerable.Range(0, 300).Select(i => $"entry-with-a-name-long-enough-to-page-the-listing-{i:D4}").ToList();
        foreach (var name in names)
        {
            CreateFile(mount["dir/" + name], ReadOnlySpan<byte>.Empty);
        }

        // The first listing of the directory comes with attributes (readdirplus, READDIRPLUS_AUTO); later pages of it
        // and listings the kernel does not expect to be followed by stat come without (readdir).
        for (var pass = 0; pass < 3 && (fs.Calls["readdir"] == 0 || fs.Calls["readdirplus"] == 0); pass++)
        {
            Assert.Equal(names, Directory.GetFileSystemEntries(mount["dir"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }

        var (fd, errno) = LibC.Open(mount["dir"], LibC.O_RDONLY | LibC.O_DIRECTORY);
        Assert.Equal(0, errno);
        Assert.Equal(0, LibC.Fsync(fd));
        Assert.Equal(0, LibC.Close(fd));
        Output.WriteLine($"readdirplus {fs.Calls["readdirplus"]}, readdir {fs.Calls["readdir"]}");
        AssertCalled(fs.Calls, "opendir", "readdir", "readdirplus", "fsyncdir");
        AssertEventually(() => fs.Calls["releasedir"] > 0, "releasedir after closedir");
    }

    [MountFact]
    public void Access_reaches_the_filesystem_without_default_permissions()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], "x"u8);

        Assert.Equal(0, LibC.Access(mount["file"], LibC.W_OK));

        Assert.Contains(AccessMode.Write, fs.AccessCalls);
        AssertCalled(fs.Calls, "access");
    }

    [MountFact]
    public void Statfs_reports_the_filesystems_figures()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);

        var (stat, errno) = LibC.StatVfs(mount.Path);

        Assert.Equal(0, errno);
        Assert.Equal((4096ul, 1000ul, 600ul, 500ul, 100ul, 42ul, 200ul), (stat.f_bsize, stat.f_blocks, stat.f_bfree, stat.f_bavail, stat.f_files, stat.f_ffree, stat.f_namemax));
        AssertCalled(fs.Calls, "statfs");
    }

    [MountFact]
    public void Extended_attributes_are_set_probed_listed_and_removed()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var file = mount["file"];
        CreateFile(file, "x"u8);

        Assert.Equal(0, LibC.SetXattr(file, "user.color", "blue"u8));
        Assert.Equal((4L, 0), LibC.GetXattr(file, "user.color", default));
        var value = new byte[4];
        Assert.Equal((4L, 0), LibC.GetXattr(file, "user.color", value));
        Assert.Equal("blue"u8.ToArray(), value);
        Assert.Equal((-1L, ERANGE), LibC.GetXattr(file, "user.color", new byte[2]));

        var size = LibC.ListXattr(file, default);
        Assert.Equal(((long)"user.color\0".Length, 0), size);
        var list = new byte[size.Size];
        Assert.Equal(size, LibC.ListXattr(file, list));
        Assert.Equal(new[] { "user.color" }, LibC.XattrNames(list));

        Assert.Equal(0, LibC.RemoveXattr(file, "user.color"));
        Assert.Equal((-1L, ENODATA), LibC.GetXattr(file, "user.color", default));
        AssertCalled(fs.Calls, "setxattr", "getxattr", "listxattr", "removexattr");
    }

    [MountFact]
    public void Ioctl_carries_data_in_and_out()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], "x"u8);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            var sent = Pattern(16);
            Assert.Equal(0, LibC.Ioctl(fd, InodeCoverageFs.IoctlPut, sent));
            Assert.Equal(sent, fs.IoctlData);

            var received = new byte[16];
            Assert.Equal(0, LibC.Ioctl(fd, InodeCoverageFs.IoctlGet, received));
            Assert.Equal(Enumerable.Reverse(sent), received);

            Assert.Equal(ENOTTY, LibC.Ioctl(fd, (2u << 30) | (16u << 16) | ('Z' << 8) | 9, received));
            Assert.Equal(3, fs.Calls["ioctl"]);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    [MountFact]
    public void Poll_waiter_is_woken_by_PollHandle_Notify()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["pollable"], "x"u8);
        var (fd, errno) = LibC.Open(mount["pollable"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        try
        {
            var waiter = Task.Run(() => LibC.Poll(fd, LibC.POLLIN, (int)(3 * Wait).TotalMilliseconds));
            Assert.True(fs.PollArmed.Wait(Wait), "poll() never reached [Poll] with a handle to notify");
            Assert.False(waiter.Wait(TimeSpan.FromMilliseconds(300)), "poll() returned although nothing was readable");
            fs.MakeReadable();
            Assert.True(waiter.Wait(Wait), "Notify did not wake the poll() waiter");
            var (ready, events, pollErrno) = waiter.Result;

            Assert.Equal((1, 0), (ready, pollErrno));
            Assert.True((events & LibC.POLLIN) != 0, $"poll() events {events}");
            Assert.True(fs.Calls["poll"] >= 2, "the woken waiter polls again");
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    [MountFact]
    public void Record_locks_reach_setlk_and_getlk()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], new byte[200]);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            var taken = new LibC.Flock { Type = LibC.F_WRLCK, Start = 0, Length = 10 };
            Assert.Equal(0, LibC.Fcntl(fd, LibC.F_SETLK, ref taken));
            var waited = new LibC.Flock { Type = LibC.F_RDLCK, Start = 20, Length = 5 };
            Assert.Equal(0, LibC.Fcntl(fd, LibC.F_SETLKW, ref waited));

            // [Getlk] answers with a conflicting read lock of [100, 110).
            var query = new LibC.Flock { Type = LibC.F_WRLCK, Start = 50, Length = 100 };
            Assert.Equal(0, LibC.Fcntl(fd, LibC.F_GETLK, ref query));
            Assert.Equal((LibC.F_RDLCK, 100L, 10L), (query.Type, query.Start, query.Length));
        }
        finally
        {
            LibC.Close(fd);
        }

        Output.WriteLine(string.Join(", ", fs.LockCalls));
        Assert.Contains("setlk Write 0 10", fs.LockCalls);
        Assert.Contains("setlk Read 20 5 wait", fs.LockCalls);
        Assert.Contains("getlk Write 50 100", fs.LockCalls);
    }

    [MountFact]
    public void Flock_reaches_flock()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], "x"u8);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        try
        {
            Assert.Equal(0, LibC.FileLock(fd, LibC.LOCK_EX | LibC.LOCK_NB));
            Assert.Equal(0, LibC.FileLock(fd, LibC.LOCK_UN));
        }
        finally
        {
            LibC.Close(fd);
        }

        AssertCalled(fs.Calls, "flock");
    }

    [MountFact]
    public void Lseek_copy_file_range_and_fallocate_reach_the_filesystem()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var data = Pattern(1000);
        CreateFile(mount["a"], data);
        CreateFile(mount["b"], ReadOnlySpan<byte>.Empty);
        var (input, inputErrno) = LibC.Open(mount["a"], LibC.O_RDONLY);
        var (output, outputErrno) = LibC.Open(mount["b"], LibC.O_RDWR);
        Assert.Equal((0, 0), (inputErrno, outputErrno));
        try
        {
            Assert.Equal((10L, 0), LibC.Seek(input, 10, LibC.SEEK_DATA));
            Assert.Equal((1000L, 0), LibC.Seek(input, 10, LibC.SEEK_HOLE));
            Assert.Equal((-1L, ENXIO), LibC.Seek(input, 1000, LibC.SEEK_DATA));
            Assert.Equal((200L, 0), LibC.CopyFileRange(input, 100, output, 10, 200));
            Assert.Equal(0, LibC.Fallocate(output, 0, 0, 8192));
            Assert.Equal(EOPNOTSUPP, LibC.Fallocate(output, LibC.FALLOC_FL_KEEP_SIZE | LibC.FALLOC_FL_PUNCH_HOLE, 0, 4096));
        }
        finally
        {
            LibC.Close(input);
            LibC.Close(output);
        }

        var copied = fs.Find("b")!.Data;
        Assert.Equal(8192, copied.Length);
        Assert.Equal(data[100..300], copied[10..210]);
        AssertCalled(fs.Calls, "lseek", "copy_file_range", "fallocate");
    }

    [MountFact]
    public void Write_buf_carries_the_data_when_implemented()
    {
        var fs = new InodeBufferCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var data = Pattern(70_000);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            Assert.Equal((70_000L, 0), LibC.PWrite(fd, data, 5));
            var back = new byte[70_000];
            Assert.Equal((70_000L, 0), LibC.PRead(fd, back, 5));
            Assert.Equal(data, back);
        }
        finally
        {
            LibC.Close(fd);
        }

        Assert.Equal(data, fs.Data[5..]);
        AssertCalled(fs.Calls, "write_buf");
    }

    /// <summary>
    /// InodeNotifier.Store puts bytes into the kernel's page cache of a file, Retrieve asks for them back: the kernel
    /// answers with a NOTIFY_REPLY that libfuse hands to [RetrieveReply] with the retrieve's cookie. InodeNotifier.Retrieve
    /// is the notifier's retrieve API; [RetrieveReply] is where its answer arrives.
    /// </summary>
    [MountFact]
    public void Retrieve_reply_receives_what_the_notifier_retrieved()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], new byte[8192]);
        Assert.Equal(0, LibC.Stat(mount["file"]).Errno);
        Assert.True(fs.Nodes.TryGetInode(fs.Find("file")!, out var inode), "the file is not in the inode table");

        // A whole page: the kernel marks a stored page up to date (so retrieve finds it) only when it is complete.
        var page = new byte[4096];
        "stored in the page cache"u8.CopyTo(page);
        Assert.Equal(Errno.None, mount.Notifications.Store(inode, 0, page));
        Assert.Equal(Errno.None, mount.Notifications.Retrieve(inode, 0, 24, cookie: 4711));

        Assert.True(fs.RetrieveArrived.Wait(Wait), $"no retrieve_reply; notifier delivered {mount.Notifications.Delivered}, failed {mount.Notifications.Failed}");
        Output.WriteLine($"notifier: delivered {mount.Notifications.Delivered}, not cached {mount.Notifications.NotCached}, failed {mount.Notifications.Failed}, queued {mount.Notifications.Queued}");
        Assert.Equal("4711 0 stored in the page cache", Assert.Single(fs.Retrieved));
    }

    /// <summary>
    /// Forgets from the kernel: dropping the dentry and inode caches makes the kernel forget every inode it looked up,
    /// several at a time (BATCH_FORGET, to [ForgetMulti]); a file unlinked and closed alone is one FORGET ([Forget]).
    /// </summary>
    [MountFact(AsRoot = true)]
    public void Forgets_arrive_single_and_batched_and_empty_the_table()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        Directory.CreateDirectory(mount["dir"]);
        const int Files = 500;
        for (var i = 0; i < Files; i++)
        {
            CreateFile(mount[$"dir/f{i}"], ReadOnlySpan<byte>.Empty);
        }

        // Whether forgets come batched depends on how many the kernel has queued when libfuse reads: look every file
        // up again and drop the caches until a batch of several came (the root is never counted: empty is Count 0).
        for (var attempt = 0; attempt < 10 && !fs.ForgetBatches.Any(b => b > 1); attempt++)
        {
            for (var i = 0; i < Files; i++)
            {
                Assert.Equal(0, LibC.Stat(mount[$"dir/f{i}"]).Errno);
            }

            Assert.True(fs.Nodes.Count >= Files, $"{fs.Nodes.Count} nodes");
            File.WriteAllText("/proc/sys/vm/drop_caches", "2");
            AssertEventually(() => fs.Nodes.Count == 0, "the kernel forgot every node");
        }

        for (var attempt = 0; attempt < 5 && fs.Calls["forget"] == 0; attempt++)
        {
            CreateFile(mount[$"single{attempt}"], "x"u8);
            Assert.Equal(0, LibC.Stat(mount[$"single{attempt}"]).Errno);
            File.Delete(mount[$"single{attempt}"]);
            AssertEventually(() => fs.Nodes.Count == 0, "the unlinked file was forgotten");
        }

        Output.WriteLine($"forget {fs.Calls["forget"]}, forget_multi {fs.Calls["forget_multi"]} (batches of {string.Join(", ", fs.ForgetBatches)}), lookups forgotten {fs.Forgotten}, table {fs.Nodes.Count}");
        Assert.True(fs.ForgetBatches.Any(b => b > 1), "no batch of several forgets");
        AssertCalled(fs.Calls, "forget", "forget_multi");
        Assert.Equal(0, fs.Nodes.Count);
    }

    /// <summary>
    /// open(O_TMPFILE): from libfuse 3.17 the kernel's FUSE_TMPFILE reaches [Tmpfile]; an older libfuse has no tmpfile
    /// member (the open fails with EOPNOTSUPP), and [Tmpfile] is reached by calling its entry point directly, which this
    /// test does on every version.
    /// </summary>
    [MountFact]
    public unsafe void Tmpfile_reaches_tmpfile_from_libfuse_3_17_and_is_called_directly_before()
    {
        var mounted = new InodeCoverageFs();
        using (var mount = CoverageMount.Start(mounted, Output))
        {
            var (fd, errno) = LibC.Open(mount.Path, LibC.O_RDWR | LibC.O_DIRECTORY | O_TMPFILE_BIT, 0x180);
            Output.WriteLine($"libfuse {LoadedLibFuse.Version}: open(O_TMPFILE) errno {errno}");
            if (fd >= 0)
            {
                Assert.Equal((5L, 0), LibC.PWrite(fd, "hello"u8, 0));
                LibC.Close(fd);
            }

            if (LoadedLibFuse.Version >= new Version(3, 17))
            {
                Assert.Equal(0, errno);
                AssertCalled(mounted.Calls, "tmpfile");
            }
            else
            {
                Assert.Equal(EOPNOTSUPP, errno);
                Assert.Equal(0, mounted.Calls["tmpfile"]);
            }
        }

        var direct = new InodeCoverageFs { Calls = new OperationLog { Route = OperationRoute.Direct } };
        using var session = new KernelFreeInodeSession(direct);
        using var info = NativeBlock.FileInfo(LibC.O_RDWR);
        var request = session.NewRequest();
        session.Operations->tmpfile(request, 1, 0x8180, info.Pointer);
        var reply = session.SingleReply(request);
        Assert.Equal("create", reply.Kind);
        Assert.NotEqual(0ul, reply.Number);
        Assert.Equal(1, direct.Calls["tmpfile"]);
    }

    /// <summary>
    /// statx(2) asking for the birth time: from libfuse 3.18 the kernel's FUSE_STATX reaches [Statx] (birth time
    /// included); before, stat and statx are answered from [Getattr]. [Statx] is also called directly, on every version.
    /// </summary>
    [MountFact]
    public unsafe void Statx_reaches_statx_from_libfuse_3_18_and_getattr_before()
    {
        var mounted = new InodeCoverageFs();
        using (var mount = CoverageMount.Start(mounted, Output))
        {
            CreateFile(mount["file"], "data"u8);
            var (statx, errno) = LibC.Statx(mount["file"], StatxFlags.ForceSync, StatxMask.BasicStats | StatxMask.BirthTime);
            Output.WriteLine($"libfuse {LoadedLibFuse.Version}: statx errno {errno}, mask {(uint)statx.Mask:x}, birth {statx.BirthTime}; [Statx] calls: {string.Join(", ", mounted.StatxCalls)}");

            Assert.Equal(0, errno);
            Assert.Equal((FileType.Regular, 4L), (statx.Type, statx.Size));
            if (LoadedLibFuse.Version >= new Version(3, 18))
            {
                AssertCalled(mounted.Calls, "statx");
                Assert.Equal(InodeCoverageFs.BirthTime, statx.BirthTime);
            }
            else
            {
                Assert.Equal(0, mounted.Calls["statx"]);
                Assert.False(statx.Mask.HasFlag(StatxMask.BirthTime), $"mask {statx.Mask}");
            }
        }

        var direct = new InodeCoverageFs { Calls = new OperationLog { Route = OperationRoute.Direct } };
        using var session = new KernelFreeInodeSession(direct);
        var request = session.NewRequest();
        session.Operations->statx(request, 1, 0, (int)(StatxMask.BasicStats | StatxMask.BirthTime), null);
        var reply = session.SingleReply(request);
        Assert.Equal("statx", reply.Kind);
        Assert.Equal(InodeCoverageFs.BirthTime, System.Runtime.InteropServices.MemoryMarshal.Read<Statx>(reply.Data).BirthTime);
        Assert.Equal(1, direct.Calls["statx"]);
    }

    /// <summary>The kernel sends FUSE_BMAP only to fuseblk mounts: [Bmap] is reached through the generated entry point.</summary>
    [MountFact]
    public unsafe void Bmap_is_called_directly_since_the_kernel_never_sends_it_here()
    {
        var mounted = new InodeCoverageFs();
        using (var mount = CoverageMount.Start(mounted, Output))
        {
            CreateFile(mount["file"], new byte[8192]);
            var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDONLY);
            Assert.Equal(0, errno);
            var block = BitConverter.GetBytes(1);
            var fibmap = LibC.Ioctl(fd, 1, block); // FIBMAP
            LibC.Close(fd);
            Output.WriteLine($"FIBMAP on the mount: errno {fibmap}");
            Assert.Equal(0, mounted.Calls["bmap"]);
        }

        var direct = new InodeCoverageFs { Calls = new OperationLog { Route = OperationRoute.Direct } };
        using var session = new KernelFreeInodeSession(direct);
        var request = session.NewRequest();
        session.Operations->bmap(request, 1, 4096, 5);
        Assert.Equal(("bmap", 17ul), (session.SingleReply(request).Kind, session.SingleReply(request).Number));
        var refused = session.NewRequest();
        session.Operations->bmap(refused, 1, 512, 5);
        Assert.Equal(("err", EINVAL), (session.SingleReply(refused).Kind, session.SingleReply(refused).Error));
        Assert.Equal(2, direct.Calls["bmap"]);
    }

    /// <summary>
    /// Runs every other test of this class and collects, from what the filesystems recorded, which operations each
    /// reached and how: every member of <c>struct fuse_lowlevel_ops</c> (the generated <see cref="FuseLowLevelOperations"/>)
    /// must be reached, through the kernel except bmap and the members the loaded libfuse lacks. The table goes to
    /// the test output.
    /// </summary>
    [MountFact]
    public async Task Every_lowlevel_operation_is_reached_by_a_named_test()
    {
        var catalog = typeof(FuseLowLevelOperations).GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name).ToList();
        Assert.Equal(FuseLowLevelOperations.Count, catalog.Count);
        Assert.Equal(46, catalog.Count);

        var reached = await CoverageRun.ReachAsync(this, nameof(Every_lowlevel_operation_is_reached_by_a_named_test), catalog, minimumTests: 19);

        var table = new StringBuilder($"libfuse {LoadedLibFuse.Version} ({LoadedLibFuse.Name})\n| member | through the kernel | called directly |\n|---|---|---|\n");
        foreach (var operation in catalog)
        {
            // The first two tests that reached it, and how many more did (init and destroy are reached by every one).
            string Tests(OperationRoute route)
            {
                var names = reached[operation].Where(r => r.Route == route).Select(r => r.Test).Distinct().ToList();
                return string.Join(", ", names.Take(2)) + (names.Count > 2 ? $" (+{names.Count - 2})" : "");
            }

            table.Append($"| {operation} | {Tests(OperationRoute.Kernel)} | {Tests(OperationRoute.Direct)} |\n");
        }

        Output.WriteLine(table.ToString());
        var unreached = catalog.Where(operation => reached[operation].Count == 0).ToList();
        Assert.True(unreached.Count == 0, $"no test reaches {string.Join(", ", unreached)}");
        var directOnly = catalog.Where(operation => reached[operation].All(r => r.Route == OperationRoute.Direct)).ToList();
        var expected = new List<string> { "bmap" };
        if (LoadedLibFuse.Version < new Version(3, 17))
        {
            expected.Add("tmpfile");
        }

        if (LoadedLibFuse.Version < new Version(3, 18))
        {
            expected.Add("statx");
        }

        Assert.Equal(expected, directOnly);
    }
}

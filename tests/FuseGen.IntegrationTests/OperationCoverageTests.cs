using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;
using static FuseGen.IntegrationTests.FileSystems.CoverageRun;

namespace FuseGen.IntegrationTests;

/// <summary>
/// Every operation of the catalog reached by a named test: through the kernel with ordinary system calls on an
/// in-process mount of <see cref="CoverageFs"/> or <see cref="BufferCoverageFs"/>, or, for what the kernel never
/// sends here (bmap), by calling the generated entry point directly. The last test runs all the others and proves
/// the coverage from what the filesystems recorded (see README, "Operation coverage").
/// </summary>
[Collection(MountCollection.Name)]
public sealed class OperationCoverageTests : MountTest
{
    private const int ENOENT = 2, EAGAIN = 11, EACCES = 13, ENOTTY = 25, ENXIO = 6, ENODATA = 61, EOPNOTSUPP = 95;
    private const uint S_IFIFO = 0x1000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public OperationCoverageTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Init_runs_at_mount_and_destroy_once_at_unmount()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);

        // The kernel holds every request until libfuse has answered FUSE_INIT (and [Init] has run).
        Assert.Equal(0, LibC.Stat(mount.Path).Errno);
        Assert.Equal(1, fs.InitCount);
        Assert.Equal(0, fs.DestroyCount);

        mount.Unmount();

        Assert.Equal(1, fs.InitCount);
        Assert.Equal(1, fs.DestroyCount);
        Assert.False(MountInfo.IsMounted(mount.Path));
    }

    [MountFact]
    public void Names_are_made_linked_renamed_and_removed()
    {
        var fs = new CoverageFs();
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
        AssertCalled(fs.Calls, "mkdir", "mknod", "create", "symlink", "readlink", "link", "rename", "unlink", "rmdir", "getattr");
    }

    [MountFact]
    public void Attributes_change_with_chmod_chown_truncate_and_utimens()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], new byte[100]);

        File.SetUnixFileMode(mount["file"], (UnixFileMode)0x1C0);
        Assert.Equal(0, LibC.Chown(mount["file"], 1234, 567));
        Assert.Equal(0, LibC.Truncate(mount["file"], 10));
        File.SetLastWriteTimeUtc(mount["file"], new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));

        var stat = LibC.Stat(mount["file"]).Stat;
        Assert.Equal(0x1C0u, stat.Permissions);
        Assert.Equal(10, stat.Size);
        var node = fs.Tree.Find("/file")!;
        Assert.Equal((1234u, 567u), (node.Uid, node.Gid));
        Assert.Equal(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero).ToUnixTimeSeconds(), node.ModificationTime.Seconds);
        AssertCalled(fs.Calls, "chmod", "chown", "truncate", "utimens");
    }

    [MountFact]
    public void Directories_are_listed_and_synced()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        Directory.CreateDirectory(mount["dir"]);
        CreateFile(mount["dir/a"], "a"u8);
        CreateFile(mount["dir/b"], "b"u8);

        Assert.Equal(new[] { "a", "b" }, Directory.GetFileSystemEntries(mount["dir"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var (fd, errno) = LibC.Open(mount["dir"], LibC.O_RDONLY | LibC.O_DIRECTORY);
        Assert.Equal(0, errno);
        Assert.Equal(0, LibC.Fsync(fd));
        Assert.Equal(0, LibC.Close(fd));
        AssertCalled(fs.Calls, "opendir", "readdir", "fsyncdir");
        AssertEventually(() => fs.Calls["releasedir"] > 0, "releasedir after closedir (the kernel sends it after close returned)");
    }

    [MountFact]
    public unsafe void Read_and_write_are_called_when_read_buf_and_write_buf_are_not_implemented()
    {
        var table = KernelFreeSession.FillOperations(new CoverageFs());
        try
        {
            Assert.True(table->read != null && table->write != null, "CoverageFs binds read and write");
            Assert.True(table->read_buf == null && table->write_buf == null, "CoverageFs must not bind read_buf or write_buf");
        }
        finally
        {
            KernelFreeSession.FreeOperations(table);
        }

        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var data = Pattern(100_000);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR | LibC.O_CREAT);
        Assert.Equal(0, errno);
        Assert.Equal(((long)data.Length, 0), LibC.PWrite(fd, data, 0));
        Assert.Equal(0, LibC.Fsync(fd));
        var back = new byte[data.Length + 10];
        Assert.Equal(((long)data.Length, 0), LibC.PRead(fd, back, 0));
        Assert.Equal(data, back[..data.Length]);
        Assert.Equal((10L, 0), LibC.PRead(fd, back.AsSpan(0, 10), 500));
        Assert.Equal(data[500..510], back[..10]);
        Assert.Equal(0, LibC.Close(fd));

        Assert.Equal(data, fs.Tree.Find("/file")!.Data);
        Assert.Contains(false, fs.FsyncCalls);
        AssertCalled(fs.Calls, "create", "write", "read", "fsync", "flush");
        AssertEventually(() => fs.Calls["release"] > 0, "release after close (the kernel sends it after close returned)");
    }

    [MountFact]
    public void Read_buf_and_write_buf_carry_the_data_when_implemented()
    {
        var fs = new BufferCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var data = Pattern(300_000);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR | LibC.O_CREAT);
        Assert.Equal(0, errno);
        Assert.Equal(((long)data.Length, 0), LibC.PWrite(fd, data, 0));
        var back = new byte[data.Length];
        Assert.Equal(((long)data.Length, 0), LibC.PRead(fd, back, 0));
        Assert.Equal(0, LibC.Close(fd));

        Assert.Equal(data, back);
        AssertCalled(fs.Calls, "write_buf", "read_buf");
        Assert.Equal(0, fs.Calls["read"]);
        Assert.Equal(0, fs.Calls["write"]);
    }

    [MountFact]
    public void Access_reaches_the_filesystem_without_default_permissions()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["denied"], "x"u8);

        Assert.Equal(EACCES, LibC.Access(mount["denied"], LibC.W_OK));
        Assert.Equal(0, LibC.Access(mount["denied"], LibC.R_OK));

        Assert.Equal(new[] { "/denied Write", "/denied Read" }, fs.AccessCalls.Where(c => c.StartsWith("/denied", StringComparison.Ordinal)));
    }

    [MountFact]
    public void Statfs_reports_the_filesystems_figures()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);

        var (stat, errno) = LibC.StatVfs(mount.Path);

        Assert.Equal(0, errno);
        Assert.Equal(
            (4096ul, 1000ul, 600ul, 500ul, 100ul, 42ul, 200ul),
            (stat.f_bsize, stat.f_blocks, stat.f_bfree, stat.f_bavail, stat.f_files, stat.f_ffree, stat.f_namemax));
        AssertCalled(fs.Calls, "statfs");
    }

    [MountFact]
    public void Getxattr_and_listxattr_answer_the_size_probe_and_then_the_real_call()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var file = mount["file"];
        CreateFile(file, "x"u8);
        Assert.Equal(0, LibC.SetXattr(file, "user.color", "blue"u8));

        Assert.Equal((4L, 0), LibC.GetXattr(file, "user.color", default));
        var value = new byte[4];
        Assert.Equal((4L, 0), LibC.GetXattr(file, "user.color", value));
        Assert.Equal("blue"u8.ToArray(), value);

        var size = LibC.ListXattr(file, default);
        Assert.Equal(((long)"user.color\0".Length, 0), size);
        var list = new byte[size.Size];
        Assert.Equal(size, LibC.ListXattr(file, list));
        Assert.Equal(new[] { "user.color" }, LibC.XattrNames(list));

        Assert.Equal(0, LibC.RemoveXattr(file, "user.color"));
        Assert.Equal((-1L, ENODATA), LibC.GetXattr(file, "user.color", default));

        // The kernel probes with size 0, then asks with the caller's buffer; FuseGen hands both to the buffer form.
        Assert.Equal(
            new[] { "getxattr user.color 0", "getxattr user.color 4", "listxattr 0", $"listxattr {list.Length}", "getxattr user.color 0" },
            fs.XattrBufferSizes.Where(c => c.StartsWith("getxattr user.", StringComparison.Ordinal) || c.StartsWith("listxattr", StringComparison.Ordinal)));
        AssertCalled(fs.Calls, "setxattr", "getxattr", "listxattr", "removexattr");
    }

    [MountFact]
    public void Ioctl_carries_data_in_and_out()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], "x"u8);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            var sent = Pattern(16);
            Assert.Equal(0, LibC.Ioctl(fd, CoverageFs.IoctlPut, sent));
            Assert.Equal(sent, fs.IoctlData);

            var received = new byte[16];
            Assert.Equal(0, LibC.Ioctl(fd, CoverageFs.IoctlGet, received));
            Assert.Equal(Enumerable.Reverse(sent), received);

            // An unknown request is the filesystem's ENOTTY.
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
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["pollable"], "x"u8);
        var (fd, errno) = LibC.Open(mount["pollable"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        try
        {
            var (ready, events, pollErrno) = WokenByNotify(fs, () => LibC.Poll(fd, LibC.POLLIN, (int)(3 * Wait).TotalMilliseconds), "poll()");

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
    public void Epoll_waiter_is_woken_by_PollHandle_Notify()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["pollable"], "x"u8);
        var (fd, errno) = LibC.Open(mount["pollable"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        var (epoll, epollErrno) = LibC.EpollWatch(fd, LibC.EPOLLIN);
        Assert.Equal(0, epollErrno);
        try
        {
            var (ready, events, waitErrno) = WokenByNotify(fs, () => LibC.EpollWait(epoll, (int)(3 * Wait).TotalMilliseconds), "epoll_wait");

            Assert.Equal((1, 0), (ready, waitErrno));
            Assert.True((events & LibC.EPOLLIN) != 0, $"epoll_wait events {events}");
        }
        finally
        {
            LibC.Close(epoll);
            LibC.Close(fd);
        }
    }

    [MountFact]
    public void Record_locks_reach_lock_with_F_SETLK_and_F_GETLK()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], new byte[200]);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            var taken = new LibC.Flock { Type = LibC.F_WRLCK, Start = 0, Length = 10 };
            Assert.Equal(0, LibC.Fcntl(fd, LibC.F_SETLK, ref taken));

            // [Lock] answers F_GETLK with a conflicting read lock of [100, 110).
            var query = new LibC.Flock { Type = LibC.F_WRLCK, Start = 50, Length = 100 };
            Assert.Equal(0, LibC.Fcntl(fd, LibC.F_GETLK, ref query));
            Assert.Equal((LibC.F_RDLCK, 100L, 10L), (query.Type, query.Start, query.Length));
        }
        finally
        {
            LibC.Close(fd);
        }

        Assert.Contains("Set Write 0 10", fs.LockCalls);
        Assert.Contains("Get Write 50 100", fs.LockCalls);
    }

    [MountFact]
    public void Flock_reaches_flock_and_its_refusal_reaches_the_caller()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], "x"u8);
        CreateFile(mount["busy"], "x"u8);
        var (file, fileErrno) = LibC.Open(mount["file"], LibC.O_RDONLY);
        var (busy, busyErrno) = LibC.Open(mount["busy"], LibC.O_RDONLY);
        Assert.Equal((0, 0), (fileErrno, busyErrno));
        try
        {
            Assert.Equal(0, LibC.FileLock(file, LibC.LOCK_EX | LibC.LOCK_NB));
            Assert.Equal(EAGAIN, LibC.FileLock(busy, LibC.LOCK_EX | LibC.LOCK_NB));
            Assert.Equal(0, LibC.FileLock(busy, LibC.LOCK_SH | LibC.LOCK_NB));
        }
        finally
        {
            LibC.Close(file);
            LibC.Close(busy);
        }

        Assert.Contains(FlockOperation.Exclusive | FlockOperation.NonBlocking, fs.FlockCalls);
        Assert.Contains(FlockOperation.Shared | FlockOperation.NonBlocking, fs.FlockCalls);
    }

    [MountFact]
    public void Lseek_answers_SEEK_DATA_and_SEEK_HOLE()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var (start, end, size) = CoverageFs.SparseData;
        CreateFile(mount["sparse"], new byte[size]);
        var (fd, errno) = LibC.Open(mount["sparse"], LibC.O_RDONLY);
        Assert.Equal(0, errno);
        try
        {
            Assert.Equal((start, 0), LibC.Seek(fd, 0, LibC.SEEK_DATA));
            Assert.Equal((start + 10, 0), LibC.Seek(fd, start + 10, LibC.SEEK_DATA));
            Assert.Equal((end, 0), LibC.Seek(fd, start, LibC.SEEK_HOLE));
            Assert.Equal((-1L, ENXIO), LibC.Seek(fd, end, LibC.SEEK_DATA));
        }
        finally
        {
            LibC.Close(fd);
        }

        Assert.True(fs.Calls["lseek"] >= 4, $"lseek ran {fs.Calls["lseek"]} times");
    }

    [MountFact]
    public void Copy_file_range_copies_inside_the_filesystem()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        var data = Pattern(1000);
        CreateFile(mount["a"], data);
        CreateFile(mount["b"], ReadOnlySpan<byte>.Empty);
        var (input, inputErrno) = LibC.Open(mount["a"], LibC.O_RDONLY);
        var (output, outputErrno) = LibC.Open(mount["b"], LibC.O_RDWR);
        Assert.Equal((0, 0), (inputErrno, outputErrno));
        try
        {
            Assert.Equal((200L, 0), LibC.CopyFileRange(input, 100, output, 10, 200));
        }
        finally
        {
            LibC.Close(input);
            LibC.Close(output);
        }

        Assert.Equal(new byte[10].Concat(data[100..300]), fs.Tree.Find("/b")!.Data);
        Assert.Contains("/a@100 -> /b@10 200", fs.CopyCalls);
    }

    [MountFact]
    public void Fallocate_reaches_fallocate_with_its_mode()
    {
        var fs = new CoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], ReadOnlySpan<byte>.Empty);
        var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
        Assert.Equal(0, errno);
        try
        {
            Assert.Equal(0, LibC.Fallocate(fd, 0, 0, 8192));
            Assert.Equal(0, LibC.Fallocate(fd, LibC.FALLOC_FL_KEEP_SIZE, 8192, 4096));
            Assert.Equal(EOPNOTSUPP, LibC.Fallocate(fd, LibC.FALLOC_FL_KEEP_SIZE | 2, 0, 4096)); // PUNCH_HOLE: refused by [Fallocate]
        }
        finally
        {
            LibC.Close(fd);
        }

        Assert.Equal(8192, LibC.Stat(mount["file"]).Stat.Size);
        Assert.Equal(new[] { "Allocate 0 8192", "KeepSize 8192 4096", "KeepSize, PunchHole 0 4096" }, fs.FallocateCalls);
    }

    /// <summary>
    /// statx(2) asking for the birth time. From libfuse 3.18 the kernel's FUSE_STATX reaches [Statx], whose answer
    /// (birth time included) is what the caller gets. An older libfuse has no statx: the mount runs all the same,
    /// stat and statx are answered from [Getattr] (no birth time), and the runtime says once at mount that [Statx] is
    /// unused; [Statx] is then reached only by calling its entry point directly, which this test does on every version.
    /// </summary>
    [MountFact]
    public unsafe void Statx_reaches_statx_from_libfuse_3_18_and_getattr_before()
    {
        var mounted = new CoverageFs();
        using (var mount = CoverageMount.Start(mounted, Output))
        {
            CreateFile(mount["file"], "data"u8);
            var (statx, errno) = LibC.Statx(mount["file"], StatxFlags.ForceSync, StatxMask.BasicStats | StatxMask.BirthTime);
            var stat = LibC.Stat(mount["file"]);
            Output.WriteLine($"libfuse {LoadedLibFuse.Version} ({LoadedLibFuse.Name}): statx errno {errno}, mask {(uint)statx.Mask:x}, birth time {statx.BirthTime.Seconds}.{statx.BirthTime.Nanoseconds:D9}; [Statx] calls: {string.Join(", ", mounted.StatxCalls)}; said at mount: {string.Join(" | ", mount.UnusedOperations.Select(f => f.Exception.Message))}");

            Assert.Equal(0, errno);
            Assert.Equal((FileType.Regular, 4L), (statx.Type, statx.Size));
            Assert.Equal((0, 4L), (stat.Errno, stat.Stat.Size));
            // CoverageFs implements every operation: each one this libfuse lacks is said once.
            Assert.Equal(LoadedLibFuse.MissingOperations, mount.UnusedOperations.Select(f => f.Operation));
            if (LoadedLibFuse.Version >= new Version(3, 18))
            {
                Assert.Contains("/file 0 fff", mounted.StatxCalls);
                Assert.True(statx.Mask.HasFlag(StatxMask.BirthTime), $"mask {statx.Mask}");
                Assert.Equal(CoverageFs.BirthTime, statx.BirthTime);
            }
            else
            {
                Assert.Equal(0, mounted.Calls["statx"]);
                Assert.True(mounted.Calls["getattr"] > 0);
                Assert.False(statx.Mask.HasFlag(StatxMask.BirthTime), $"mask {statx.Mask}");
                Assert.Contains($"[Statx] is not used: libfuse {LoadedLibFuse.Version} has no statx operation (libfuse 3.18+)", mount.UnusedOperations.Select(f => f.Exception.Message));
            }
        }

        var direct = new CoverageFs { Calls = new OperationLog { Route = OperationRoute.Direct } };
        Assert.Equal(Errno.None, direct.Tree.Add("/file", new CoverageNode { Type = FileType.Regular, Permissions = 0x1A4, Data = new byte[3] }));
        using var session = new KernelFreeSession();
        var ops = session.Serve(direct);
        using var path = NativeBlock.CString("/file");
        using var missing = NativeBlock.CString("/missing");
        using var buffer = new NativeBlock(sizeof(Statx));

        Assert.Equal(0, ops->statx(path.Pointer, 0, (int)(StatxMask.BasicStats | StatxMask.BirthTime), buffer.Pointer, null));
        var answer = *(Statx*)buffer.Pointer;
        Assert.Equal(StatxMask.BasicStats | StatxMask.BirthTime, answer.Mask);
        Assert.Equal((FileType.Regular, 3L, CoverageFs.BirthTime), (answer.Type, answer.Size, answer.BirthTime));
        Assert.Equal(-(int)Errno.ENOENT, ops->statx(missing.Pointer, 0x1000, 0x800, buffer.Pointer, null));
        Assert.Equal(new[] { "/file 0 fff", "/missing 1000 800" }, direct.StatxCalls);
    }

    /// <summary>
    /// The kernel sends FUSE_SYNCFS only to fuseblk and virtiofs mounts (Linux 6.18+): on this mount syncfs(2)
    /// succeeds without a request. So [Syncfs] is reached by calling the generated entry point, on every libfuse.
    /// </summary>
    [MountFact]
    public unsafe void Syncfs_is_called_directly_since_the_kernel_sends_it_only_to_fuseblk_and_virtiofs()
    {
        var mounted = new CoverageFs();
        using (var mount = CoverageMount.Start(mounted, Output))
        {
            Assert.Equal(0, LibC.Syncfs(mount.Path));
            Assert.Equal(0, mounted.Calls["syncfs"]);
        }

        var direct = new CoverageFs { Calls = new OperationLog { Route = OperationRoute.Direct } };
        using var session = new KernelFreeSession();
        var ops = session.Serve(direct);
        using var root = NativeBlock.CString("/");

        Assert.Equal(0, ops->syncfs(root.Pointer));
        Assert.Equal(1, direct.Calls["syncfs"]);
        Assert.Equal(new[] { "/" }, direct.SyncfsCalls);
    }

    /// <summary>
    /// The kernel sends FUSE_BMAP only to fuseblk mounts (a block device behind the filesystem): on this mount
    /// FIBMAP is answered by the kernel without a request. So [Bmap] is reached by calling the generated entry
    /// point from the operation table.
    /// </summary>
    [MountFact]
    public unsafe void Bmap_is_called_directly_since_the_kernel_never_sends_it_here()
    {
        var mounted = new CoverageFs();
        using (var mount = CoverageMount.Start(mounted, Output))
        {
            CreateFile(mount["file"], new byte[8192]);
            var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDONLY);
            Assert.Equal(0, errno);
            var block = BitConverter.GetBytes(1);
            var fibmap = LibC.Ioctl(fd, 1, block); // FIBMAP
            LibC.Close(fd);
            Output.WriteLine($"FIBMAP on the mount: errno {fibmap}, block {BitConverter.ToInt32(block)}");
            Assert.Equal(0, mounted.Calls["bmap"]);
            Assert.Equal(0, mounted.Calls["ioctl"]);
        }

        var direct = new CoverageFs { Calls = new OperationLog { Route = OperationRoute.Direct } };
        Assert.Equal(Errno.None, direct.Tree.Add("/file", new CoverageNode { Type = FileType.Regular, Permissions = 0x1A4 }));
        using var session = new KernelFreeSession();
        var ops = session.Serve(direct);
        using var path = NativeBlock.CString("/file");
        using var missing = NativeBlock.CString("/missing");
        ulong index = 5;

        Assert.Equal(0, ops->bmap(path.Pointer, 4096, &index));
        Assert.Equal(17ul, index);
        Assert.Equal(-(int)Errno.EINVAL, ops->bmap(path.Pointer, 512, &index));
        Assert.Equal(-(int)Errno.EINVAL, ops->bmap(missing.Pointer, 4096, &index));
        Assert.Equal(17ul, index);
        Assert.Equal(3, direct.Calls["bmap"]);
    }

    /// <summary>
    /// Runs every other test of this class and collects, from what the filesystems recorded, which operations each
    /// reached and how: every member of <c>struct fuse_operations</c> (FuseGen's catalog, read from the generated
    /// <see cref="FuseOperations"/>) must be reached, through the kernel unless README's "Operation coverage" names
    /// it as called directly only. The table goes to the test output.
    /// </summary>
    [MountFact]
    public async Task Every_catalog_operation_is_reached_by_a_named_test()
    {
        var catalog = typeof(FuseOperations).GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name).ToList();
        Assert.Equal(FuseOperations.Count, catalog.Count);
        Assert.Equal(44, catalog.Count);
        var attributes = catalog.ToDictionary(name => name, AttributeOf);

        var reached = await CoverageRun.ReachAsync(this, nameof(Every_catalog_operation_is_reached_by_a_named_test), catalog, minimumTests: 15);

        var table = new StringBuilder("| operation | attribute | through the kernel | called directly |\n|---|---|---|---|\n");
        foreach (var operation in catalog)
        {
            string Tests(OperationRoute route) => string.Join(", ", reached[operation].Where(r => r.Route == route).Select(r => r.Test).Distinct());
            table.Append($"| {operation} | [{attributes[operation]}] | {Tests(OperationRoute.Kernel)} | {Tests(OperationRoute.Direct)} |\n");
        }

        Output.WriteLine(table.ToString());
        var unreached = catalog.Where(operation => reached[operation].Count == 0).ToList();
        Assert.True(unreached.Count == 0, $"no test reaches {string.Join(", ", unreached)}");
        var directOnly = catalog.Where(operation => reached[operation].All(r => r.Route == OperationRoute.Direct)).ToList();
        // An operation newer than the loaded libfuse can only be called directly.
        Assert.Equal(catalog.Where(ReadmeDirectOnly(catalog).Union(LoadedLibFuse.MissingOperations).Contains), directOnly);
    }

    private static string AttributeOf(string operation)
    {
        var name = string.Concat(operation.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        var attribute = typeof(FuseFileSystemAttribute).Assembly.GetType($"FuseGen.{name}Attribute");
        Assert.True(attribute is not null, $"no [{name}] attribute for catalog operation {operation}");
        return name;
    }

    /// <summary>The operations README's "Operation coverage" says are reached by direct calls only.</summary>
    private static List<string> ReadmeDirectOnly(IReadOnlyList<string> catalog)
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var line = readme.SkipWhile(l => l != "### Operation coverage").Skip(1).TakeWhile(l => !l.StartsWith('#'))
            .SingleOrDefault(l => l.StartsWith("Called directly only:", StringComparison.Ordinal));
        Assert.True(line is not null, "README.md has no 'Called directly only:' line under '### Operation coverage'");
        return Regex.Matches(line, "`([a-z_]+)`").Select(m => m.Groups[1].Value).Where(catalog.Contains).ToList();
    }

    /// <summary>
    /// Runs <paramref name="wait"/> (a poll of <c>/pollable</c>) on another thread, checks that it reached [Poll] and
    /// blocks, makes the file readable (PollHandle.Notify), and returns what the woken call returned.
    /// </summary>
    private static T WokenByNotify<T>(CoverageFs fs, Func<T> wait, string what)
    {
        var waiter = Task.Run(wait);
        Assert.True(fs.PollArmed.Wait(Wait), $"{what} never reached [Poll] with a handle to notify");
        Assert.False(waiter.Wait(TimeSpan.FromMilliseconds(300)), $"{what} returned although nothing was readable");
        fs.MakeReadable();
        Assert.True(waiter.Wait(Wait), $"Notify did not wake the {what} waiter");
        return waiter.Result;
    }
}

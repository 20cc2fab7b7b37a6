using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// Every operation MirrorFs forwards, driven through the kernel by ordinary system calls on the mount and checked in
/// the source (and the other way round). Operations the kernel never sends are covered by <see cref="DirectCallTests"/>.
/// </summary>
public sealed unsafe class ForwardedOperationTests : IClassFixture<MountFixture>
{
    private readonly MountFixture fixture;

    public ForwardedOperationTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void Getattr_and_init_pass_the_source_attributes_and_inode_numbers_through()
    {
        var dir = fixture.NewDirectory("getattr");
        File.WriteAllText(Mount.InSource($"{dir}/file"), "contents");
        Directory.CreateDirectory(Mount.InSource($"{dir}/sub"));
        File.CreateSymbolicLink(Mount.InSource($"{dir}/link"), "file");
        Check(LibC.fchmodat(LibC.AT_FDCWD, Mount.InSource($"{dir}/file"), 0x1A0, 0), "chmod"); // 0640
        var times = stackalloc long[] { 1_000_000_000, 123_456_789, 1_100_000_000, 987_654_321 };
        Check(LibC.utimensat(LibC.AT_FDCWD, Mount.InSource($"{dir}/file"), (LibC.Timespec*)times, 0), "utimensat");

        foreach (var name in new[] { "", "/file", "/sub", "/link" })
        {
            var inSource = Stat(Mount.InSource(dir + name));
            var throughMount = Stat(Mount.At(dir + name));
            Assert.Equal(inSource.Inode, throughMount.Inode); // use_ino, set in [Init]
            Assert.Equal(inSource.Mode, throughMount.Mode);
            Assert.Equal(inSource.Size, throughMount.Size);
            Assert.Equal(inSource.Links, throughMount.Links);
            Assert.Equal(inSource.Uid, throughMount.Uid);
            Assert.Equal(inSource.Gid, throughMount.Gid);
            Assert.Equal(inSource.Blocks, throughMount.Blocks);
            Assert.Equal(inSource.Stat.ModificationTime, throughMount.Stat.ModificationTime);
        }

        Assert.Equal(new TimeSpec(1_100_000_000, 987_654_321), Stat(Mount.At($"{dir}/file")).Stat.ModificationTime);
        Assert.Equal(Stat(Mount.Source).Inode, Stat(Mount.MountPoint).Inode);
    }

    [MountFact(AsRoot = true)]
    public void Symlink_and_readlink_forward_targets_verbatim()
    {
        var dir = fixture.NewDirectory("symlink");
        Check(LibC.symlinkat("../some/where else", LibC.AT_FDCWD, Mount.At($"{dir}/made")), "symlink");
        Assert.Equal("../some/where else", ReadLink(Mount.InSource($"{dir}/made")));
        Assert.Equal(FileType.SymbolicLink, Stat(Mount.InSource($"{dir}/made")).Type);

        File.CreateSymbolicLink(Mount.InSource($"{dir}/dangling"), "/nonexistent/target");
        Assert.Equal("/nonexistent/target", ReadLink(Mount.At($"{dir}/dangling")));
    }

    [MountFact(AsRoot = true)]
    public void Mknod_makes_fifos_sockets_and_devices_in_the_source()
    {
        var dir = fixture.NewDirectory("mknod");
        Check(LibC.mknodat(LibC.AT_FDCWD, Mount.At($"{dir}/fifo"), 0x1000 | 0x1A4, 0), "mkfifo");
        Check(LibC.mknodat(LibC.AT_FDCWD, Mount.At($"{dir}/socket"), 0xC000 | 0x1A4, 0), "mknod socket");
        Check(LibC.mknodat(LibC.AT_FDCWD, Mount.At($"{dir}/null"), 0x2000 | 0x1B6, (1UL << 8) | 3), "mknod char device");
        Assert.Equal(FileType.Fifo, Stat(Mount.InSource($"{dir}/fifo")).Type);
        Assert.Equal(FileType.Socket, Stat(Mount.InSource($"{dir}/socket")).Type);
        var device = Stat(Mount.InSource($"{dir}/null"));
        Assert.Equal(FileType.CharacterDevice, device.Type);
        Assert.Equal((1UL << 8) | 3, device.Stat.DeviceNumber);
        Assert.Equal(0x1B6u & ~CurrentUmask(), device.Mode & 0xFFFu);
    }

    [MountFact(AsRoot = true)]
    public void Mkdir_rmdir_and_unlink_change_the_source()
    {
        var dir = fixture.NewDirectory("mkdir");
        Check(LibC.mkdirat(LibC.AT_FDCWD, Mount.At($"{dir}/made"), 0x1ED), "mkdir");
        Assert.Equal(FileType.Directory, Stat(Mount.InSource($"{dir}/made")).Type);
        Assert.Equal(0x1EDu, Stat(Mount.InSource($"{dir}/made")).Mode & 0xFFFu);

        File.WriteAllText(Mount.InSource($"{dir}/made/file"), "x");
        Check(LibC.unlinkat(LibC.AT_FDCWD, Mount.At($"{dir}/made/file"), 0), "unlink");
        Assert.False(File.Exists(Mount.InSource($"{dir}/made/file")));
        Check(LibC.unlinkat(LibC.AT_FDCWD, Mount.At($"{dir}/made"), LibC.AT_REMOVEDIR), "rmdir");
        Assert.False(Directory.Exists(Mount.InSource($"{dir}/made")));
    }

    [MountFact(AsRoot = true)]
    public void Rename_passes_no_replace_and_exchange_to_renameat_2()
    {
        var dir = fixture.NewDirectory("rename");
        File.WriteAllText(Mount.InSource($"{dir}/a"), "A");
        File.WriteAllText(Mount.InSource($"{dir}/b"), "B");

        Assert.Equal(-1, LibC.renameat2(LibC.AT_FDCWD, Mount.At($"{dir}/a"), LibC.AT_FDCWD, Mount.At($"{dir}/b"), LibC.RENAME_NOREPLACE));
        Assert.Equal(Errno.EEXIST, LastErrno);

        Check(LibC.renameat2(LibC.AT_FDCWD, Mount.At($"{dir}/a"), LibC.AT_FDCWD, Mount.At($"{dir}/b"), LibC.RENAME_EXCHANGE), "exchange");
        Assert.Equal("B", File.ReadAllText(Mount.InSource($"{dir}/a")));
        Assert.Equal("A", File.ReadAllText(Mount.InSource($"{dir}/b")));

        Check(LibC.renameat2(LibC.AT_FDCWD, Mount.At($"{dir}/a"), LibC.AT_FDCWD, Mount.At($"{dir}/c"), 0), "rename");
        Assert.False(File.Exists(Mount.InSource($"{dir}/a")));
        Assert.Equal("B", File.ReadAllText(Mount.InSource($"{dir}/c")));
    }

    [MountFact(AsRoot = true)]
    public void Link_makes_a_hard_link_in_the_source()
    {
        var dir = fixture.NewDirectory("link");
        File.WriteAllText(Mount.InSource($"{dir}/original"), "shared");
        Check(LibC.linkat(LibC.AT_FDCWD, Mount.At($"{dir}/original"), LibC.AT_FDCWD, Mount.At($"{dir}/second"), 0), "link");
        Assert.Equal(Stat(Mount.InSource($"{dir}/original")).Inode, Stat(Mount.InSource($"{dir}/second")).Inode);
        Assert.Equal(2UL, Stat(Mount.InSource($"{dir}/original")).Links);
        Assert.Equal(2UL, Stat(Mount.At($"{dir}/second")).Links);
        Assert.Equal(Stat(Mount.At($"{dir}/original")).Inode, Stat(Mount.At($"{dir}/second")).Inode);
    }

    [MountFact(AsRoot = true)]
    public void Chmod_chown_truncate_and_utimens_change_the_source()
    {
        var dir = fixture.NewDirectory("setattr");
        var file = $"{dir}/file";
        File.WriteAllText(Mount.InSource(file), "0123456789");
        File.CreateSymbolicLink(Mount.InSource($"{dir}/link"), "file");

        Check(LibC.fchmodat(LibC.AT_FDCWD, Mount.At(file), 0x1A0 | 0x800, 0), "chmod"); // 04640
        Assert.Equal(0x9A0u, Stat(Mount.InSource(file)).Mode & 0xFFFu);

        Check(LibC.fchownat(LibC.AT_FDCWD, Mount.At(file), 1234, 5678, 0), "chown");
        Assert.Equal((1234u, 5678u), (Stat(Mount.InSource(file)).Uid, Stat(Mount.InSource(file)).Gid));
        Check(LibC.fchownat(LibC.AT_FDCWD, Mount.At($"{dir}/link"), 4321, uint.MaxValue, LibC.AT_SYMLINK_NOFOLLOW), "lchown");
        Assert.Equal(4321u, Stat(Mount.InSource($"{dir}/link")).Uid);
        Assert.Equal(1234u, Stat(Mount.InSource(file)).Uid);

        Check(LibC.truncate(Mount.At(file), 4), "truncate");
        Assert.Equal("0123", File.ReadAllText(Mount.InSource(file)));
        var fd = Open(Mount.At(file), LibC.O_RDWR);
        try
        {
            Check(LibC.ftruncate(fd, 2), "ftruncate");
            Assert.Equal(2, Stat(Mount.InSource(file)).Size);
            Check(LibC.fchmod(fd, 0x180), "fchmod");
            Assert.Equal(0x180u, Stat(Mount.InSource(file)).Mode & 0xFFFu);
        }
        finally
        {
            LibC.close(fd);
        }

        var before = Stat(Mount.InSource(file)).Stat;
        var times = stackalloc long[] { 0, LibC.UTIME_OMIT, 0, LibC.UTIME_NOW };
        Check(LibC.utimensat(LibC.AT_FDCWD, Mount.At(file), (LibC.Timespec*)times, 0), "utimensat now/omit");
        var after = Stat(Mount.InSource(file)).Stat;
        Assert.Equal(before.AccessTime, after.AccessTime);
        Assert.True(after.ModificationTime.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        var exact = stackalloc long[] { 1_234_567_890, 5, 1_234_567_891, 6 };
        Check(LibC.utimensat(LibC.AT_FDCWD, Mount.At($"{dir}/link"), (LibC.Timespec*)exact, LibC.AT_SYMLINK_NOFOLLOW), "lutimes");
        Assert.Equal(new TimeSpec(1_234_567_891, 6), Stat(Mount.InSource($"{dir}/link")).Stat.ModificationTime);
        Assert.NotEqual(new TimeSpec(1_234_567_891, 6), Stat(Mount.InSource(file)).Stat.ModificationTime);
    }

    [MountFact(AsRoot = true)]
    public void Data_written_through_the_mount_is_in_the_source_and_vice_versa()
    {
        var dir = fixture.NewDirectory("data");
        var data = RandomNumberGenerator.GetBytes(8 << 20);
        var fd = Open(Mount.At($"{dir}/big"), LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY, 0x1A4);
        WriteAll(fd, data, 0);
        LibC.close(fd);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(File.ReadAllBytes(Mount.InSource($"{dir}/big"))));

        var other = RandomNumberGenerator.GetBytes((3 << 20) + 17);
        File.WriteAllBytes(Mount.InSource($"{dir}/fromsource"), other);
        Assert.Equal(SHA256.HashData(other), SHA256.HashData(File.ReadAllBytes(Mount.At($"{dir}/fromsource"))));

        // Changed behind the mount's back: the next open sees the new contents (no caching across opens).
        var changed = RandomNumberGenerator.GetBytes(1 << 20);
        File.WriteAllBytes(Mount.InSource($"{dir}/fromsource"), changed);
        Assert.Equal(SHA256.HashData(changed), SHA256.HashData(File.ReadAllBytes(Mount.At($"{dir}/fromsource"))));

        fd = Open(Mount.At($"{dir}/fromsource"), LibC.O_WRONLY | LibC.O_APPEND);
        WriteAll(fd, "tail"u8, 0);
        LibC.close(fd);
        Assert.Equal("tail", Encoding.ASCII.GetString(File.ReadAllBytes(Mount.InSource($"{dir}/fromsource")).AsSpan((1 << 20)..)));
    }

    [MountFact(AsRoot = true)]
    public void Open_files_keep_their_source_descriptor_until_release()
    {
        var dir = fixture.NewDirectory("handles");
        File.WriteAllText(Mount.InSource($"{dir}/file"), "kept open");
        var source = Mount.InSource(dir);
        Assert.Equal(0, Mount.DaemonDescriptorsUnder(source));

        // One source descriptor per open file: what this directory's files hold, not the daemon's whole table.
        var fds = Enumerable.Range(0, 20).Select(_ => Open(Mount.At($"{dir}/file"), LibC.O_RDWR)).ToArray();
        Assert.Equal(20, Mount.DaemonDescriptorsUnder(source));

        // The descriptor, not the path, serves the reads: renamed and replaced in the source, the open file stays itself.
        File.Move(Mount.InSource($"{dir}/file"), Mount.InSource($"{dir}/moved"));
        File.WriteAllText(Mount.InSource($"{dir}/file"), "another file");
        Assert.Equal("kept open", Encoding.ASCII.GetString(ReadAll(fds[0], 100, 0)));
        WriteAll(fds[1], "KEPT"u8, 0);
        Assert.Equal("KEPT open", File.ReadAllText(Mount.InSource($"{dir}/moved")));

        foreach (var fd in fds)
        {
            LibC.close(fd);
        }

        WaitUntil(() => Mount.DaemonDescriptorsUnder(source) == 0, "release closes the source descriptors");
    }

    [MountFact(AsRoot = true)]
    public void Unlinked_open_files_stay_usable()
    {
        var dir = fixture.NewDirectory("unlinked");
        var fd = Open(Mount.At($"{dir}/file"), LibC.O_CREAT | LibC.O_RDWR, 0x1A4);
        WriteAll(fd, "still here"u8, 0);
        Check(LibC.unlinkat(LibC.AT_FDCWD, Mount.At($"{dir}/file"), 0), "unlink");
        Assert.Equal(Errno.ENOENT, ErrnoOf(LibC.access(Mount.At($"{dir}/file"), 0)));
        Assert.Equal("still here", Encoding.ASCII.GetString(ReadAll(fd, 100, 0)));
        Assert.Equal(10, StatDescriptor(fd).Size);
        LibC.close(fd);

        // libfuse parks an unlinked open file as .fuse_hidden* until release; after it nothing is left.
        WaitUntil(() => Directory.GetFileSystemEntries(Mount.InSource(dir)).Length == 0, "the hidden file goes at release");
    }

    [MountFact(AsRoot = true)]
    public void Statfs_reports_the_source_filesystem()
    {
        LibC.StatVfsResult mount, source;
        Check(LibC.statvfs(Mount.MountPoint, &mount), "statvfs mount");
        Check(LibC.statvfs(Mount.Source, &source), "statvfs source");
        Assert.Equal(source.f_bsize, mount.f_bsize);
        Assert.Equal(source.f_blocks, mount.f_blocks);
        Assert.Equal(source.f_files, mount.f_files);
        Assert.Equal(source.f_namemax, mount.f_namemax);
        Assert.InRange((long)mount.f_bfree, (long)source.f_bfree - 262144, (long)source.f_bfree + 262144);
    }

    [MountFact(AsRoot = true)]
    public void Fsync_fdatasync_and_fsyncdir_succeed()
    {
        var dir = fixture.NewDirectory("fsync");
        var fd = Open(Mount.At($"{dir}/file"), LibC.O_CREAT | LibC.O_WRONLY, 0x1A4);
        WriteAll(fd, "durable"u8, 0);
        Assert.Equal(0, LibC.fsync(fd));
        Assert.Equal(0, LibC.fdatasync(fd));
        LibC.close(fd);
        var directory = Open(Mount.At(dir), LibC.O_RDONLY | LibC.O_DIRECTORY);
        Assert.Equal(0, LibC.fsync(directory));
        Assert.Equal(0, LibC.fdatasync(directory));
        LibC.close(directory);
        Assert.Equal("durable", File.ReadAllText(Mount.InSource($"{dir}/file")));
    }

    [MountFact(AsRoot = true)]
    public void Create_keeps_O_EXCL_semantics_and_opens_existing_files_as_they_are()
    {
        var dir = fixture.NewDirectory("create");
        var fd = Open(Mount.At($"{dir}/new"), LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY, 0x1A0);
        LibC.close(fd);
        Assert.Equal(0x1A0u & ~CurrentUmask(), Stat(Mount.InSource($"{dir}/new")).Mode & 0xFFFu);
        Assert.Equal(-1, LibC.open(Mount.At($"{dir}/new"), LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY, 0x1A4));
        Assert.Equal(Errno.EEXIST, LastErrno);

        File.WriteAllText(Mount.InSource($"{dir}/theirs"), "their data");
        Check(LibC.fchownat(LibC.AT_FDCWD, Mount.InSource($"{dir}/theirs"), 1000, 1000, 0), "chown");
        fd = Open(Mount.At($"{dir}/theirs"), LibC.O_CREAT | LibC.O_WRONLY, 0x1B6);
        LibC.close(fd);
        Assert.Equal("their data", File.ReadAllText(Mount.InSource($"{dir}/theirs")));
        Assert.Equal(1000u, Stat(Mount.InSource($"{dir}/theirs")).Uid);

        fd = Open(Mount.At($"{dir}/theirs"), LibC.O_CREAT | LibC.O_TRUNC | LibC.O_WRONLY, 0x1B6);
        LibC.close(fd);
        Assert.Equal(0, Stat(Mount.InSource($"{dir}/theirs")).Size);
    }

    [MountFact(AsRoot = true)]
    public void Extended_attributes_are_forwarded_without_following_links()
    {
        var dir = fixture.NewDirectory("xattr");
        var file = $"{dir}/file";
        File.WriteAllText(Mount.InSource(file), "x");
        File.CreateSymbolicLink(Mount.InSource($"{dir}/link"), "file");

        Assert.Equal(Errno.None, SetXattr(Mount.At(file), "user.through", "mount"u8));
        Assert.Equal("mount", Encoding.UTF8.GetString(GetXattr(Mount.InSource(file), "user.through")!));
        Assert.Equal(Errno.None, SetXattr(Mount.InSource(file), "user.from", "source"u8));
        Assert.Equal("source", Encoding.UTF8.GetString(GetXattr(Mount.At(file), "user.from")!));
        Assert.Equal(new[] { "user.from", "user.through" }, ListXattr(Mount.At(file)).Order(StringComparer.Ordinal));

        var big = RandomNumberGenerator.GetBytes(3000);
        Assert.Equal(Errno.None, SetXattr(Mount.At(file), "user.big", big));
        Assert.Equal(big, GetXattr(Mount.At(file), "user.big"));
        Assert.Equal(3000, LibC.lgetxattr(Mount.At(file), "user.big", null, 0)); // size probe
        var small = stackalloc byte[10];
        Assert.Equal(-1, LibC.lgetxattr(Mount.At(file), "user.big", small, 10));
        Assert.Equal(Errno.ERANGE, LastErrno);

        Assert.Equal(Errno.EEXIST, SetXattr(Mount.At(file), "user.big", "x"u8, 1)); // XATTR_CREATE
        Assert.Equal(Errno.ENODATA, SetXattr(Mount.At(file), "user.none", "x"u8, 2)); // XATTR_REPLACE
        Assert.Null(GetXattr(Mount.At(file), "user.none"));
        Assert.Equal(Errno.ENODATA, LastErrno);
        Assert.Equal(0, LibC.lremovexattr(Mount.At(file), "user.big"));
        Assert.Null(GetXattr(Mount.InSource(file), "user.big"));
        Assert.Equal(-1, LibC.lremovexattr(Mount.At(file), "user.big"));
        Assert.Equal(Errno.ENODATA, LastErrno);

        // On the link itself (trusted.*, which links may carry), not on its target.
        Assert.Equal(Errno.None, SetXattr(Mount.At($"{dir}/link"), "trusted.onlink", "link"u8));
        Assert.Equal("link", Encoding.UTF8.GetString(GetXattr(Mount.InSource($"{dir}/link"), "trusted.onlink")!));
        Assert.Null(GetXattr(Mount.InSource(file), "trusted.onlink"));
        Assert.Contains("trusted.onlink", ListXattr(Mount.At($"{dir}/link")));
        Assert.Equal(Errno.EPERM, SetXattr(Mount.At($"{dir}/link"), "user.onlink", "x"u8)); // as the source filesystem answers
    }

    [MountFact(AsRoot = true)]
    public void Fallocate_allocates_keeps_size_and_punches_holes()
    {
        var dir = fixture.NewDirectory("fallocate");
        var fd = Open(Mount.At($"{dir}/file"), LibC.O_CREAT | LibC.O_RDWR, 0x1A4);
        try
        {
            Check(LibC.fallocate(fd, 0, 0, 1 << 20), "fallocate");
            Assert.Equal(1 << 20, Stat(Mount.InSource($"{dir}/file")).Size);
            Assert.True(Stat(Mount.InSource($"{dir}/file")).Blocks >= 2048);

            Check(LibC.fallocate(fd, LibC.FALLOC_FL_KEEP_SIZE, 1 << 20, 1 << 20), "fallocate keep size");
            Assert.Equal(1 << 20, Stat(Mount.InSource($"{dir}/file")).Size);
            Assert.True(Stat(Mount.InSource($"{dir}/file")).Blocks >= 4096);

            WriteAll(fd, RandomNumberGenerator.GetBytes(1 << 20), 0);
            Check(LibC.fallocate(fd, LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, 0, 512 << 10), "punch hole");
            Assert.Equal(new byte[512 << 10], File.ReadAllBytes(Mount.InSource($"{dir}/file")).AsSpan(0, 512 << 10).ToArray());
            Assert.Equal(0, LibC.lseek(fd, 0, LibC.SEEK_HOLE));
            Assert.Equal(512 << 10, LibC.lseek(fd, 0, LibC.SEEK_DATA));

            Assert.Equal(-1, LibC.fallocate(fd, 0x100, 0, 1)); // no such mode: the source's answer
            Assert.Equal(Errno.EOPNOTSUPP, LastErrno);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    [MountFact(AsRoot = true)]
    public void Copy_file_range_copies_between_two_open_files()
    {
        var dir = fixture.NewDirectory("copy");
        var data = RandomNumberGenerator.GetBytes(5 << 20);
        File.WriteAllBytes(Mount.InSource($"{dir}/from"), data);
        var input = Open(Mount.At($"{dir}/from"), LibC.O_RDONLY);
        var output = Open(Mount.At($"{dir}/to"), LibC.O_CREAT | LibC.O_WRONLY, 0x1A4);
        try
        {
            long inOffset = 1 << 20, outOffset = 100;
            long copied = 0;
            while (copied < 3 << 20)
            {
                var count = LibC.copy_file_range(input, &inOffset, output, &outOffset, (nuint)((3 << 20) - copied), 0);
                Assert.True(count > 0, $"copy_file_range: {LastErrno}");
                copied += count;
            }

            Assert.Equal((4 << 20) + 0L, inOffset);
        }
        finally
        {
            LibC.close(input);
            LibC.close(output);
        }

        var copy = File.ReadAllBytes(Mount.InSource($"{dir}/to"));
        Assert.Equal(100 + (3 << 20), copy.Length);
        Assert.Equal(data.AsSpan(1 << 20, 3 << 20).ToArray(), copy.AsSpan(100).ToArray());
    }

    [MountFact(AsRoot = true)]
    public void Readdir_lists_the_source_with_inodes_and_types()
    {
        var dir = fixture.NewDirectory("readdir");
        File.WriteAllText(Mount.InSource($"{dir}/file"), "");
        Directory.CreateDirectory(Mount.InSource($"{dir}/sub"));
        File.CreateSymbolicLink(Mount.InSource($"{dir}/link"), "file");
        Check(LibC.mknodat(LibC.AT_FDCWD, Mount.InSource($"{dir}/fifo"), 0x1000 | 0x1A4, 0), "mkfifo");

        var entries = ReadDirectory(Mount.At(dir));
        Assert.Equal(new[] { ".", "..", "fifo", "file", "link", "sub" }, entries.Keys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "fifo", "file", "link", "sub" })
        {
            var source = Stat(Mount.InSource($"{dir}/{name}"));
            Assert.Equal(source.Inode, entries[name].Inode);
            Assert.Equal((uint)source.Type >> 12, (uint)entries[name].Type);
        }
    }

    internal static System.Collections.Generic.Dictionary<string, (ulong Inode, byte Type)> ReadDirectory(string path)
    {
        var directory = LibC.opendir(path);
        Assert.True(directory != 0, $"opendir {path}: {LastErrno}");
        var entries = new System.Collections.Generic.Dictionary<string, (ulong, byte)>();
        try
        {
            for (var entry = LibC.readdir(directory); entry != null; entry = LibC.readdir(directory))
            {
                // struct dirent (glibc, 64-bit): d_ino, d_off, d_reclen, d_type, d_name
                var name = System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)(entry + 19))!;
                entries.Add(name, (*(ulong*)entry, entry[18]));
            }
        }
        finally
        {
            LibC.closedir(directory);
        }

        return entries;
    }

    internal static uint CurrentUmask()
    {
        var status = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Umask:", StringComparison.Ordinal));
        return Convert.ToUInt32(status.Split(':')[1].Trim(), 8);
    }

    internal static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting: " + what);
            System.Threading.Thread.Sleep(20);
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Testing;
using FuseGen.Testing.InodeApi;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// The inode API end to end without the generator: TreeInodeFs (hand-written trampolines in the generator's target
/// shape) mounted for real with <see cref="Fuse.Mount(IFuseInodeFileSystem, string, MountOptions?)"/>, each under a
/// watchdog, read through ordinary syscalls and tools.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class InodeMountTests : MountTest
{
    private const int EIO = 5;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public InodeMountTests(ITestOutputHelper output)
        : base(output)
    {
    }

    public static TheoryData<string> LoopConfigurations => new() { "multithreaded", "single", "clone_fd,max_threads=2" };

    [MountTheory]
    [MemberData(nameof(LoopConfigurations))]
    public async Task Ls_stat_and_cat_work_on_every_loop(string loop)
    {
        var options = loop switch
        {
            "single" => new MountOptions { SingleThreaded = true },
            "clone_fd,max_threads=2" => new MountOptions { CloneFd = true, MaxThreads = 2 },
            _ => new MountOptions(),
        };
        var fs = new TreeInodeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path, options);
        var root = mountPoint.Path;

        Assert.True(MountInfo.IsMounted(root));
        Assert.Equal(new[] { "big", "caller", "current", "dir", "hello", "many" }, Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("Hello World!\n", await File.ReadAllTextAsync(Path.Combine(root, "hello")));
        Assert.Equal(TreeInodeFs.BigContent(), await File.ReadAllBytesAsync(Path.Combine(root, "big")));

        var stat = Command.Run("stat", Bound, "-c", "%i %s %F", Path.Combine(root, "hello"));
        Assert.True(stat.ExitCode == 0, stat.Summary);
        var fields = stat.StandardOutput.Trim().Split(' ', 3);
        Assert.True(fs.Nodes.TryGetNode(ulong.Parse(fields[0]), out var node), $"st_ino {fields[0]} is not in the inode table");
        Assert.Equal("hello", node!.Name);
        Assert.Equal(("13", "regular file"), (fields[1], fields[2]));

        var listing = Command.Run("ls", Bound, "-1", Path.Combine(root, "dir"));
        Output.WriteLine("listings: " + string.Join(", ", fs.Listings.Select(l => $"{l.Operation}({l.Directory}@{l.Offset})")));
        Assert.True(listing.ExitCode == 0, listing.Summary);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"f{i:D4}"), listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var cat = Command.Run("cat", Bound, Path.Combine(root, "dir", "f0999"));
        Assert.Equal("file 999\n", cat.StandardOutput);

        Assert.Equal(1, fs.Inits);
        Assert.True(fs.Opens >= 3, $"{fs.Opens} opens");
        Assert.True(SpinWait.SpinUntil(() => fs.Releases == fs.Opens, Bound), $"{fs.Releases} releases of {fs.Opens} opens");

        mount.Unmount();
        Assert.Equal(0, await mount.Completion);
        Assert.False(MountInfo.IsMounted(root));
    }

    /// <summary>
    /// With attributes never cached every stat is a GETATTR, whose st_ino the kernel takes as the inode's number:
    /// TreeInodeFs leaves it 0, so the runtime must number it (it once answered 0, seen as inode 0 by stat(1)).
    /// </summary>
    [MountFact]
    public async Task Stat_after_a_getattr_shows_the_inode_number_of_the_entry()
    {
        var fs = new TreeInodeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path, new MountOptions { AttrTimeout = 0 });
        var hello = Path.Combine(mountPoint.Path, "hello");

        var getattrsBefore = fs.Calls.GetValueOrDefault("getattr");
        var stats = Enumerable.Range(0, 3).Select(_ => Command.Run("stat", Bound, "-c", "%i", hello)).ToArray();

        Assert.All(stats, stat => Assert.True(stat.ExitCode == 0, stat.Summary));
        Assert.True(fs.Calls.GetValueOrDefault("getattr") > getattrsBefore, "no GETATTR reached the filesystem");
        Assert.True(fs.Nodes.TryGetInode(fs.Nodes.Root.Find("hello")!, out var inode), "hello is not in the inode table");
        Assert.All(stats, stat => Assert.Equal(inode.ToString(System.Globalization.CultureInfo.InvariantCulture), stat.StandardOutput.Trim()));
    }

    [MountFact(AsRoot = true)]
    public async Task Forgets_from_the_kernel_empty_the_inode_table()
    {
        const int Files = 500;
        var fs = new TreeInodeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path);

        for (var i = 0; i < Files; i++)
        {
            Assert.Equal(0, LibC.Stat(Path.Combine(mountPoint.Path, "many", "n" + i)).Errno);
        }

        Assert.True(fs.Nodes.Count >= Files, $"{fs.Nodes.Count} nodes held after {Files} lookups");
        Assert.Equal(Files, fs.Many.HeldCount);

        // Evicting the kernel's dentries and inodes makes it send forgets for all of them.
        var emptied = SpinWait.SpinUntil(
            () =>
            {
                File.WriteAllText("/proc/sys/vm/drop_caches", "2");
                return fs.Nodes.Count == 0;
            },
            Bound);

        Output.WriteLine($"after drop_caches: {fs.Nodes.Count} nodes held, {fs.Forgets} forgets, {fs.Many.HeldCount} materialized");
        Assert.True(emptied, $"{fs.Nodes.Count} nodes still held");
        Assert.Equal(0, fs.Many.HeldCount);
        Assert.True(fs.Forgets >= Files, $"{fs.Forgets} forgets reached the filesystem");
    }

    [MountFact(AsRoot = true)]
    public async Task Lookups_racing_the_kernels_forgets_never_keep_a_released_node()
    {
        const int Names = 16;
        const int Threads = 4;
        const int Rounds = 3000;
        var fs = new TreeInodeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path);
        var many = Path.Combine(mountPoint.Path, "many");
        var failures = new ConcurrentQueue<string>();
        var done = 0;

        // /many/nN are dropped from the tree when released: a lookup that found one just before its last forget
        // must not leave the kernel holding it (the kernel retries an ESTALE lookup, so callers see no error).
        var evictor = Task.Run(() =>
        {
            while (Volatile.Read(ref done) < Threads)
            {
                File.WriteAllText("/proc/sys/vm/drop_caches", "2");
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            var random = new Random(thread);
            for (var round = 0; round < Rounds; round++)
            {
                var name = "n" + random.Next(Names);
                var errno = LibC.Stat(Path.Combine(many, name)).Errno;
                if (errno != 0)
                {
                    failures.Enqueue($"stat {name}: errno {errno}");
                }
            }

            Interlocked.Increment(ref done);
        })));
        await evictor;

        Assert.Empty(failures);
        var names = Enumerable.Range(0, Names).Select(i => Path.Combine(many, "n" + i)).ToArray();
        var stat = Command.Run("stat", Bound, ["-c", "%i %n", .. names]);
        Assert.True(stat.ExitCode == 0, stat.Summary);
        foreach (var line in stat.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', 2);
            Assert.True(fs.Nodes.TryGetNode(ulong.Parse(fields[0]), out var node), $"{line}: not in the inode table");
            Assert.Same(fs.Many.Find(Path.GetFileName(fields[1])), node);
        }

        var emptied = SpinWait.SpinUntil(
            () =>
            {
                File.WriteAllText("/proc/sys/vm/drop_caches", "2");
                return fs.Nodes.Count == 0;
            },
            Bound);
        Output.WriteLine($"{fs.Forgets} forgets; {fs.Nodes.Count} nodes held, {fs.Many.HeldCount} materialized");
        Assert.True(emptied, $"{fs.Nodes.Count} nodes still held");
        Assert.Equal(0, fs.Many.HeldCount);
    }

    [MountFact]
    public async Task Readdirplus_entries_are_counted_and_given_back()
    {
        var fs = new TreeInodeFs(directorySize: 300);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path);

        var listing = Command.Run("ls", Bound, "-l", Path.Combine(mountPoint.Path, "dir"));
        Assert.True(listing.ExitCode == 0, listing.Summary);
        Assert.Equal(301, listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        Output.WriteLine($"calls: {string.Join(", ", fs.Calls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; nodes held {fs.Nodes.Count}");
        Assert.True(fs.Calls.ContainsKey("readdirplus"), "the kernel never asked for readdirplus");
        Assert.True(fs.Nodes.Count >= 300, $"{fs.Nodes.Count} nodes held after ls -l of 300 files");
    }

    /// <summary>
    /// Entries added by number and type in readdirplus (the simple form, with no node) are direntplus records naming
    /// no node: the listing works and the kernel looks each name up itself. (They were once written as plain dirents
    /// into the readdirplus reply, which the kernel refused with EIO.)
    /// </summary>
    [MountFact]
    public async Task Readdirplus_entries_added_by_number_and_type_are_looked_up_by_the_kernel()
    {
        var fs = new FileSystems.PlainListingInodeFs(files: 500);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path);

        var listing = Command.Run("ls", Bound, "-l", mountPoint.Path);
        Assert.True(listing.ExitCode == 0, listing.Summary);
        Assert.Equal(501, listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => "f" + i).Order(StringComparer.Ordinal), Directory.GetFileSystemEntries(mountPoint.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(fs.Calls["readdirplus"] > 0, "the kernel never asked for readdirplus");
        Assert.True(fs.Calls["lookup"] >= 500, $"{fs.Calls["lookup"]} lookups for 500 entries listed without nodes");
    }

    [MountFact]
    public async Task A_throwing_lookup_answers_EIO_and_is_reported_once_per_call()
    {
        var faults = new ConcurrentQueue<FuseFault>();
        var fs = new TreeInodeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path, new MountOptions { FaultHandler = faults.Enqueue });

        for (var call = 1; call <= 3; call++)
        {
            Assert.Equal(EIO, LibC.Stat(Path.Combine(mountPoint.Path, "boom")).Errno);
            Assert.Equal(call, faults.Count);
            Assert.Equal(0, LibC.Stat(Path.Combine(mountPoint.Path, "hello")).Errno);
        }

        Assert.All(faults, fault => Assert.Equal(("lookup", Errno.EIO), (fault.Operation, fault.Errno)));
        Assert.Equal(2, LibC.Stat(Path.Combine(mountPoint.Path, "missing")).Errno);
    }

    [MountTheory]
    [InlineData("caller")]
    [InlineData("current")]
    public async Task Each_request_sees_its_callers_pid(string file)
    {
        var fs = new TreeInodeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path, new MountOptions { AttrTimeout = 0, EntryTimeout = 0 });

        var start = new ProcessStartInfo("stat", new[] { "-c", "%s", Path.Combine(mountPoint.Path, file) }) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var size = (await process.StandardOutput.ReadToEndAsync()).Trim();
        Assert.True(process.WaitForExit(Bound));

        // stat is single-threaded: its thread id, which the kernel reports, is its pid.
        Assert.Equal(process.Id.ToString(), size);
    }

    [MountFact]
    public async Task Inode_and_path_filesystems_mount_side_by_side_in_one_process()
    {
        using var inodePoint = TempMountPoint.Create();
        using var inodeWatchdog = new MountWatchdog(inodePoint, log: Output.WriteLine);
        using var pathPoint = TempMountPoint.Create();
        using var pathWatchdog = new MountWatchdog(pathPoint, log: Output.WriteLine);
        using var secondPoint = TempMountPoint.Create();
        using var secondWatchdog = new MountWatchdog(secondPoint, log: Output.WriteLine);

        await using var inode = Fuse.Mount(new TreeInodeFs(), inodePoint.Path);
        await using var path = Fuse.Mount(new FileSystems.ProbeFs("path api\n"), pathPoint.Path);
        await using var second = Fuse.Mount(new TreeInodeFs(), secondPoint.Path);

        Assert.Equal("Hello World!\n", await File.ReadAllTextAsync(Path.Combine(inodePoint.Path, "hello")));
        Assert.Equal("path api\n", await File.ReadAllTextAsync(Path.Combine(pathPoint.Path, FileSystems.ProbeFs.FileName)));
        Assert.Equal("Hello World!\n", await File.ReadAllTextAsync(Path.Combine(secondPoint.Path, "hello")));

        await inode.UnmountAsync();
        Assert.Equal("path api\n", await File.ReadAllTextAsync(Path.Combine(pathPoint.Path, FileSystems.ProbeFs.FileName)));
        Assert.Equal("Hello World!\n", await File.ReadAllTextAsync(Path.Combine(secondPoint.Path, "hello")));
    }
}

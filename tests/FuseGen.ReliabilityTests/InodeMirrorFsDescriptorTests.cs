using System;
using System.IO;
using System.Linq;
using System.Threading;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// samples/InodeMirrorFs holds one O_PATH descriptor per source inode the kernel holds, shared by the inode's hard
/// links, and closes it once the kernel has forgotten the inode: a listing of a large directory does not leave a
/// descriptor per file behind.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class InodeMirrorFsDescriptorTests : MountTest
{
    private const int Files = 1000;
    private const int HardLinks = 200;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public InodeMirrorFsDescriptorTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void One_descriptor_per_inode_the_kernel_holds_closed_once_it_forgets()
    {
        using var source = new TempDirectory("fusegen-inodemirrorfs-descriptors");
        for (var i = 0; i < Files; i++)
        {
            File.WriteAllText(Path.Combine(source.Path, "f" + i), "data " + i);
        }

        for (var i = 0; i < HardLinks; i++)
        {
            Assert.Equal(0, LibC.Link(Path.Combine(source.Path, "f" + i), Path.Combine(source.Path, "h" + i)));
        }

        // The source as passthrough_ll takes it: -o source=DIR.
        using var mount = MountedSample.Start("InodeMirrorFs", Output, Array.Empty<string>(), new[] { "-o", "source=" + source.Path }, TimeSpan.FromMinutes(3));
        var pid = mount.Process.Pid;
        Assert.Equal(1, SourceDescriptors(pid, source.Path)); // the root's

        // ls -l: readdirplus hands the kernel every entry with its node (f0 and h0 are one node), stat needs no lookup.
        var listing = Command.Run("ls", Bound, "-l", mount.MountPoint.Path);
        Assert.True(listing.ExitCode == 0, listing.Summary);
        Assert.Equal(Files + HardLinks + 1, listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var held = SourceDescriptors(pid, source.Path);
        Output.WriteLine($"after ls -l of {Files} files and {HardLinks} hard links: {held} source descriptors");
        Assert.InRange(held, 2, Files + 1);
        Assert.Equal(File.ReadAllText(Path.Combine(mount.MountPoint.Path, "f7")), File.ReadAllText(Path.Combine(mount.MountPoint.Path, "h7")));

        var closed = SpinWait.SpinUntil(
            () =>
            {
                File.WriteAllText("/proc/sys/vm/drop_caches", "2");
                return SourceDescriptors(pid, source.Path) == 1;
            },
            Bound);
        Output.WriteLine($"after drop_caches: {SourceDescriptors(pid, source.Path)} source descriptors");
        Assert.True(closed, $"{SourceDescriptors(pid, source.Path)} source descriptors left open after the kernel forgot its inodes");
    }

    /// <summary>
    /// O_PATH descriptors of the process that lead into <paramref name="source"/>: the daemon's nodes (not the open
    /// files and directories, whose release the kernel sends after close returns).
    /// </summary>
    private static int SourceDescriptors(int pid, string source)
    {
        const int OPath = 0x200000;
        var count = 0;
        foreach (var link in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new System.IO.FileInfo(link).LinkTarget;
            if (target is null || (target != source && !target.StartsWith(source + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            // fdinfo's "flags:" are the open flags in octal.
            var info = File.ReadAllLines($"/proc/{pid}/fdinfo/{Path.GetFileName(link)}");
            var flags = info.FirstOrDefault(line => line.StartsWith("flags:", StringComparison.Ordinal));
            if (flags is not null && (Convert.ToInt32(flags.Substring(6).Trim(), 8) & OPath) != 0)
            {
                count++;
            }
        }

        return count;
    }
}

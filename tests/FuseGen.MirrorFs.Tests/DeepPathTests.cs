using System.Collections.Generic;
using System.Linq;
using System.Text;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// A tree whose paths pass PATH_MAX (4096 bytes) below the source. MirrorFs receives full paths from libfuse and
/// resolves them relative to its source descriptor, in pieces when they are too long for one system call; a mirror
/// that glued the source path to the FUSE path would fail with ENAMETOOLONG long before the bottom.
/// </summary>
public sealed unsafe class DeepPathTests : IClassFixture<MountFixture>
{
    private const int Levels = 24;
    private readonly MountFixture fixture;

    public DeepPathTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void Every_operation_works_in_a_tree_deeper_than_path_max()
    {
        var dir = fixture.NewDirectory("deep");
        var names = Enumerable.Range(0, Levels).Select(i => i.ToString("D2") + new string('d', 240)).ToArray();
        Assert.True(names.Sum(n => n.Length + 1) > 4096 + 1000);

        // Built in the source with mkdirat chains; a file at the bottom written there too.
        var sourceBottom = Walk(Mount.InSource(dir), names, create: true);
        WriteFile(sourceBottom, "from-source", "written in the source");

        var bottom = Walk(Mount.At(dir), names, create: false);
        try
        {
            Assert.Equal(StatDescriptor(sourceBottom).Inode, StatDescriptor(bottom).Inode);
            Assert.Equal("written in the source", ReadFile(bottom, "from-source"));

            WriteFile(bottom, "from-mount", "written through the mount");
            Assert.Equal("written through the mount", ReadFile(sourceBottom, "from-mount"));

            Check(LibC.mkdirat(bottom, "newdir", 0x1ED), "mkdir");
            Check(LibC.symlinkat("from-mount", bottom, "link"), "symlink");
            Check(LibC.linkat(bottom, "from-mount", bottom, "hard", 0), "link");
            Check(LibC.renameat2(bottom, "from-mount", bottom, "renamed", 0), "rename");
            Check(LibC.mknodat(bottom, "fifo", 0x1000 | 0x1A4, 0), "mknod");

            // Calls that take a path only: through the /proc/self/fd link of the bottom directory.
            var here = $"/proc/self/fd/{bottom}";
            Assert.Equal(Errno.None, SetXattr($"{here}/renamed", "user.deep", "yes"u8));
            Assert.Equal("yes", Encoding.UTF8.GetString(GetXattr($"/proc/self/fd/{sourceBottom}/renamed", "user.deep")!));
            Assert.Equal("from-mount", ReadLink($"{here}/link"));
            Check(LibC.fchmodat(LibC.AT_FDCWD, $"{here}/renamed", 0x180, 0), "chmod");
            Check(LibC.truncate($"{here}/renamed", 7), "truncate");
            var times = stackalloc long[] { 1_000_000_000, 0, 1_000_000_000, 0 };
            Check(LibC.utimensat(bottom, "renamed", (LibC.Timespec*)times, 0), "utimensat");
            var renamed = Stat("renamed", directory: sourceBottom);
            Assert.Equal((0x180u, 7L, 2UL), (renamed.Mode & 0xFFFu, renamed.Size, renamed.Links));
            Assert.Equal(new TimeSpec(1_000_000_000, 0), renamed.Stat.ModificationTime);
            LibC.StatVfsResult statfs;
            Check(LibC.statvfs(here, &statfs), "statfs");

            Assert.Equal(
                new[] { ".", "..", "fifo", "from-source", "hard", "link", "newdir", "renamed" },
                List(bottom).Order(System.StringComparer.Ordinal));

            Check(LibC.unlinkat(bottom, "hard", 0), "unlink");
            Check(LibC.unlinkat(bottom, "newdir", LibC.AT_REMOVEDIR), "rmdir");
            TryStat("newdir", out var gone, directory: sourceBottom);
            Assert.Equal(Errno.ENOENT, gone);
        }
        finally
        {
            LibC.close(bottom);
            LibC.close(sourceBottom);
        }
    }

    /// <summary>Descends (creating with mkdirat) one short name at a time; returns an O_PATH descriptor of the bottom.</summary>
    private static int Walk(string top, IEnumerable<string> names, bool create)
    {
        var fd = Open(top, LibC.O_PATH | LibC.O_DIRECTORY);
        foreach (var name in names)
        {
            if (create)
            {
                Check(LibC.mkdirat(fd, name, 0x1ED), "mkdirat");
            }

            var next = LibC.openat(fd, name, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            Assert.True(next >= 0, $"openat {name}: {LastErrno}");
            LibC.close(fd);
            fd = next;
        }

        return fd;
    }

    private static void WriteFile(int directory, string name, string text)
    {
        var fd = LibC.openat(directory, name, LibC.O_CREAT | LibC.O_WRONLY | LibC.O_TRUNC | LibC.O_CLOEXEC, 0x1A4);
        Assert.True(fd >= 0, $"create {name}: {LastErrno}");
        WriteAll(fd, Encoding.UTF8.GetBytes(text), 0);
        LibC.close(fd);
    }

    private static string ReadFile(int directory, string name)
    {
        var fd = LibC.openat(directory, name, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        Assert.True(fd >= 0, $"open {name}: {LastErrno}");
        var text = Encoding.UTF8.GetString(ReadAll(fd, 4096, 0));
        LibC.close(fd);
        return text;
    }

    private static List<string> List(int directory)
    {
        var fd = LibC.openat(directory, ".", LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        Assert.True(fd >= 0, $"open directory: {LastErrno}");
        var stream = LibC.fdopendir(fd);
        var names = new List<string>();
        for (var entry = LibC.readdir(stream); entry != null; entry = LibC.readdir(stream))
        {
            names.Add(System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)(entry + 19))!);
        }

        LibC.closedir(stream);
        return names;
    }
}

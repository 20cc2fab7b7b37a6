using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>rename(2) and renameat2(2): replacement rules, type mismatches, subtrees, and the flags.</summary>
public sealed class RenameTests : PosixSuite
{
    public RenameTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Rename_across_directories_replaces_the_target_file(string target)
    {
        var dir = Directory(target);
        Sys.Mkdir(Path.Combine(dir, "a"));
        Sys.Mkdir(Path.Combine(dir, "b"));
        var from = Path.Combine(dir, "a", "x");
        var to = Path.Combine(dir, "b", "y");
        Sys.WriteFile(from, "moved"u8);
        Sys.WriteFile(to, "replaced"u8);
        Sys.Link(to, Path.Combine(dir, "b", "y2"));
        var inode = Sys.Stat(from).Inode;

        Sys.Rename(from, to);

        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.LStat(from)));
        Assert.Equal(inode, Sys.Stat(to).Inode);
        Assert.Equal("moved"u8.ToArray(), Sys.ReadFile(to));
        var survivor = Sys.Stat(Path.Combine(dir, "b", "y2"));
        Assert.Equal(1u, survivor.Links);
        Assert.Equal("replaced"u8.ToArray(), Sys.ReadFile(Path.Combine(dir, "b", "y2")));
    }

    [Theory, Control, Mounted]
    public void Rename_directory_over_an_empty_directory_and_keeps_link_counts_right(string target)
    {
        var dir = Directory(target);
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Sys.Mkdir(a);
        Sys.Mkdir(b);
        Sys.Mkdir(Path.Combine(a, "d1"));
        Sys.WriteFile(Path.Combine(a, "d1", "inside"), "x"u8);
        Sys.Mkdir(Path.Combine(b, "d2"));
        Assert.Equal(3u, Sys.Stat(a).Links);
        Assert.Equal(3u, Sys.Stat(b).Links);

        Sys.Rename(Path.Combine(a, "d1"), Path.Combine(b, "d2"));

        Assert.Equal(2u, Sys.Stat(a).Links);
        Assert.Equal(3u, Sys.Stat(b).Links);
        Assert.Equal("x"u8.ToArray(), Sys.ReadFile(Path.Combine(b, "d2", "inside")));
        Assert.Equal(Sys.Stat(b).Inode, Sys.Stat(Path.Combine(b, "d2", "..")).Inode);
    }

    [Theory, Control, Mounted]
    public void Rename_refuses_what_posix_refuses(string target)
    {
        var dir = Directory(target);
        string P(string name) => Path.Combine(dir, name);
        Sys.Mkdir(P("dir"));
        Sys.Mkdir(P("full"));
        Sys.WriteFile(P("full/f"), "x"u8);
        Sys.Mkdir(P("dir/sub"));
        Sys.WriteFile(P("file"), "x"u8);

        Assert.Equal(Errno.ENOTEMPTY, Sys.Fails(() => Sys.Rename(P("dir"), P("full"))));
        Assert.Equal(Errno.ENOTDIR, Sys.Fails(() => Sys.Rename(P("dir"), P("file"))));
        Assert.Equal(Errno.EISDIR, Sys.Fails(() => Sys.Rename(P("file"), P("dir"))));
        Assert.Equal(Errno.EINVAL, Sys.Fails(() => Sys.Rename(P("dir"), P("dir/sub/inside"))));
        Assert.Equal(Errno.EINVAL, Sys.Fails(() => Sys.Rename(P("dir"), P("dir/inside"))));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Rename(P("missing"), P("other"))));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Rename(P("file"), P("missing/other"))));
        Assert.Equal(Errno.ENOTDIR, Sys.Fails(() => Sys.Rename(P("file"), P("file/other"))));

        // Nothing moved.
        Assert.Equal(LibC.S_IFDIR, Sys.Stat(P("dir/sub")).Type);
        Assert.Equal(LibC.S_IFREG, Sys.Stat(P("file")).Type);
    }

    [Theory, Control, Mounted]
    public void Rename_of_a_name_onto_itself_or_another_link_of_the_same_file_does_nothing(string target)
    {
        var dir = Directory(target);
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Sys.WriteFile(a, "x"u8);
        Sys.Link(a, b);
        Sys.Rename(a, a);
        Sys.Rename(a, b);
        Assert.Equal(2u, Sys.Stat(a).Links);
        Assert.Equal(2u, Sys.Stat(b).Links);
    }

    [Theory, Control, Mounted]
    public void Rename_no_replace_fails_on_an_existing_target(string target)
    {
        var dir = Directory(target);
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Sys.WriteFile(a, "a"u8);
        Sys.WriteFile(b, "b"u8);
        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.Rename(a, b, LibC.RENAME_NOREPLACE)));
        Assert.Equal("a"u8.ToArray(), Sys.ReadFile(a));
        Assert.Equal("b"u8.ToArray(), Sys.ReadFile(b));

        Sys.Rename(a, Path.Combine(dir, "c"), LibC.RENAME_NOREPLACE);
        Assert.Equal("a"u8.ToArray(), Sys.ReadFile(Path.Combine(dir, "c")));
    }

    [Theory, Control, Mounted]
    public void Rename_exchange_swaps_a_file_and_a_directory_across_directories(string target)
    {
        var dir = Directory(target);
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Sys.Mkdir(a);
        Sys.Mkdir(b);
        var file = Path.Combine(a, "x");
        var sub = Path.Combine(b, "y");
        Sys.WriteFile(file, "file"u8);
        Sys.Mkdir(sub);
        Sys.WriteFile(Path.Combine(sub, "inside"), "inside"u8);
        var fileInode = Sys.Stat(file).Inode;
        var dirInode = Sys.Stat(sub).Inode;

        Sys.Rename(file, sub, LibC.RENAME_EXCHANGE);

        Assert.Equal(dirInode, Sys.Stat(file).Inode);
        Assert.Equal(fileInode, Sys.Stat(sub).Inode);
        Assert.Equal("inside"u8.ToArray(), Sys.ReadFile(Path.Combine(file, "inside")));
        Assert.Equal("file"u8.ToArray(), Sys.ReadFile(sub));
        Assert.Equal(3u, Sys.Stat(a).Links);
        Assert.Equal(2u, Sys.Stat(b).Links);
        Assert.Equal(Sys.Stat(a).Inode, Sys.Stat(Path.Combine(file, "..")).Inode);
    }

    [Theory, Control, Mounted]
    public void Rename_exchange_needs_both_names_and_excludes_no_replace(string target)
    {
        var dir = Directory(target);
        var a = Path.Combine(dir, "a");
        Sys.WriteFile(a, "a"u8);
        Sys.Mkdir(Path.Combine(dir, "d"));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Rename(a, Path.Combine(dir, "missing"), LibC.RENAME_EXCHANGE)));
        Assert.Equal(Errno.EINVAL, Sys.Fails(() => Sys.Rename(a, Path.Combine(dir, "d"), LibC.RENAME_EXCHANGE | LibC.RENAME_NOREPLACE)));
        Assert.Equal(Errno.EINVAL, Sys.Fails(() => Sys.Rename(Path.Combine(dir, "d"), Path.Combine(dir, "d", "x"), 0x80)));
        Assert.Equal("a"u8.ToArray(), Sys.ReadFile(a));
    }

    [Theory, Control, Mounted]
    public void Rename_whiteout_is_a_target_trait(string target)
    {
        var (posix, dir) = Setup(target);
        var a = Path.Combine(dir, "a");
        Sys.WriteFile(a, "a"u8);
        var result = Sys.Fails(() => Sys.Rename(a, Path.Combine(dir, "b"), LibC.RENAME_WHITEOUT));
        Assert.Equal(posix.Traits.RenameWhiteout ? Errno.None : Errno.EINVAL, result);
        if (result == Errno.None)
        {
            // The whiteout is a 0/0 character device left at the source.
            var whiteout = Sys.LStat(a);
            Assert.Equal(LibC.S_IFCHR, whiteout.Type);
            Assert.Equal((0u, 0u), (whiteout.DeviceMajor, whiteout.DeviceMinor));
        }
        else
        {
            Assert.Equal("a"u8.ToArray(), Sys.ReadFile(a));
        }
    }

    [Theory, Control, Mounted]
    public void Rename_over_an_open_file_keeps_it_readable(string target)
    {
        var dir = Directory(target);
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Sys.WriteFile(a, "new"u8);
        Sys.WriteFile(b, "old"u8);
        var fd = Sys.Open(b, LibC.O_RDONLY);
        Sys.Rename(a, b);
        Assert.Equal("old"u8.ToArray(), Sys.ReadAt(fd, 10, 0));
        Assert.Equal(0u, Sys.FStat(fd).Links);
        Assert.Equal("new"u8.ToArray(), Sys.ReadFile(b));
        Sys.Close(fd);
        Assert.Equal(new[] { b }, System.IO.Directory.GetFileSystemEntries(dir));
    }
}

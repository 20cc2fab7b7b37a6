using System.IO;
using System.Linq;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>Extended attributes in the user namespace: create/replace semantics, size probes, listing, removal.</summary>
public sealed class XattrTests : PosixSuite
{
    public XattrTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Create_and_replace_flags_mean_what_they_say(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        Sys.WriteFile(file, "x"u8);

        Sys.SetXattr(file, "user.a", "first"u8, LibC.XATTR_CREATE);
        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.SetXattr(file, "user.a", "second"u8, LibC.XATTR_CREATE)));
        Assert.Equal("first"u8.ToArray(), Sys.GetXattr(file, "user.a"));

        Assert.Equal(Errno.ENODATA, Sys.Fails(() => Sys.SetXattr(file, "user.b", "b"u8, LibC.XATTR_REPLACE)));
        Assert.Equal(Errno.ENODATA, Sys.Fails(() => Sys.GetXattr(file, "user.b")));

        Sys.SetXattr(file, "user.a", "replaced"u8, LibC.XATTR_REPLACE);
        Assert.Equal("replaced"u8.ToArray(), Sys.GetXattr(file, "user.a"));
        Sys.SetXattr(file, "user.a", "plain"u8);
        Assert.Equal("plain"u8.ToArray(), Sys.GetXattr(file, "user.a"));
    }

    [Theory, Control, Mounted]
    public void Get_answers_size_probes_and_too_small_buffers(string target)
    {
        var file = Path.Combine(Directory(target), "f");
        Sys.WriteFile(file, "x"u8);
        var value = Enumerable.Range(0, 700).Select(i => (byte)i).ToArray();
        Sys.SetXattr(file, "user.binary", value);

        Assert.Equal(700, Sys.GetXattr(file, "user.binary", 0).Length);
        Assert.Equal(Errno.ERANGE, Sys.Fails(() => Sys.GetXattr(file, "user.binary", 699)));
        var (length, bytes) = Sys.GetXattr(file, "user.binary", 4096);
        Assert.Equal(700, length);
        Assert.Equal(value, bytes);

        Sys.SetXattr(file, "user.empty", System.ReadOnlySpan<byte>.Empty);
        Assert.Equal(0, Sys.GetXattr(file, "user.empty", 0).Length);
        Assert.Empty(Sys.GetXattr(file, "user.empty"));
    }

    [Theory, Control, Mounted]
    public void List_and_remove(string target)
    {
        var dir = Directory(target);
        var file = Path.Combine(dir, "f");
        Sys.WriteFile(file, "x"u8);
        Sys.SetXattr(file, "user.one", "1"u8);
        Sys.SetXattr(file, "user.two", "2"u8);
        Sys.SetXattr(file, "user.three", "3"u8);
        Assert.Equal(new[] { "user.one", "user.three", "user.two" }, Sys.ListXattr(file).Where(n => n.StartsWith("user.", System.StringComparison.Ordinal)).Order());

        Sys.RemoveXattr(file, "user.two");
        Assert.Equal(Errno.ENODATA, Sys.Fails(() => Sys.GetXattr(file, "user.two")));
        Assert.Equal(Errno.ENODATA, Sys.Fails(() => Sys.RemoveXattr(file, "user.two")));
        Assert.Equal(new[] { "user.one", "user.three" }, Sys.ListXattr(file).Where(n => n.StartsWith("user.", System.StringComparison.Ordinal)).Order());

        // Directories carry them too; symlinks may not carry user.* attributes.
        Sys.SetXattr(dir, "user.dir", "d"u8);
        Assert.Equal("d"u8.ToArray(), Sys.GetXattr(dir, "user.dir"));
        Sys.Symlink("f", Path.Combine(dir, "link"));
        Assert.Equal(Errno.EPERM, Sys.Fails(() => Sys.SetXattr(Path.Combine(dir, "link"), "user.x", "x"u8)));
        Assert.Equal(Errno.ENODATA, Sys.Fails(() => Sys.GetXattr(Path.Combine(dir, "link"), "user.x")));

        // Attributes belong to the inode: a hard link shows the same ones.
        Sys.Link(file, Path.Combine(dir, "hard"));
        Assert.Equal("1"u8.ToArray(), Sys.GetXattr(Path.Combine(dir, "hard"), "user.one"));
    }
}

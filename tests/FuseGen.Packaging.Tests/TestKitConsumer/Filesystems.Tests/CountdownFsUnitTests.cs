using FuseGen;
using FuseGen.Testing;
using Xunit;

namespace Filesystems.Tests;

/// <summary>No kernel: runs as any user, without /dev/fuse.</summary>
public sealed class CountdownFsUnitTests
{
    [Fact]
    public void Lists_numbers_and_reads_each_file()
    {
        Assert.False(File.Exists("/dev/fuse") && Environment.GetEnvironmentVariable("TESTKIT_EXPECT_NO_FUSE") == "1", "/dev/fuse is visible");
        using var session = KernelFreeSession.Create(new CountdownFs(3));

        Assert.Equal(Errno.None, session.List("/", out var names));
        Assert.Equal(new[] { "3", "2", "1" }, names);
        Assert.Equal(Errno.None, session.Getattr("/3", out var stat));
        Assert.Equal(FileType.Regular, stat.Type);
        Assert.Equal(6, stat.Size);
        Assert.Equal(Errno.None, session.ReadFile("/2", out var content));
        Assert.Equal("2\n2\n"u8.ToArray(), content);
        Assert.Equal(Errno.ENOENT, session.Getattr("/4", out _));
        Assert.Equal(Errno.ENOTDIR, session.List("/1", out _));
    }
}
